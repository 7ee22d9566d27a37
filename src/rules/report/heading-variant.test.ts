import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { headingVariant } from './heading-variant.js';

const OVERVIEW = readFileSync(path.join(EXAMPLE, 'overview-report.md'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const o = 'overview-report.md';

ruleCases(headingVariant, {
  valid: [
    { name: 'the example uses the titles' },
    { name: 'the right example: known variants, numbering and combined headings need no note',
      files: { [o]: (t) => t.replace('## Methods', '## 5. Methodology').replace('## Equality and diversity', '## Section 11 – Equalities')
        .replace('## Conclusions', '## Conclusions and Recommendations').replace('\n## Recommendations\n', '\n### The panel\'s recommendations\n') } },
  ],
  invalid: [
    { name: 'the wrong example: a misspelt heading', files: { [o]: (t) => t.replace('## Dissemination', '## Disemination') },
      errors: [{ file: o, ...at(OVERVIEW, '## Dissemination'), message: 'read as the overview report template\'s section "Dissemination" (a close match' }] },
    { name: 'a heading with extra words', files: { [o]: (t) => t.replace('## Methods', '## Methods and sources used') },
      errors: [{ file: o, ...at(OVERVIEW, '## Methods'), message: 'section "Methods"' }] },
  ],
});
