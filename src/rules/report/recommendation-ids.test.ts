import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { recommendationIds } from './recommendation-ids.js';

const OVERVIEW = readFileSync(path.join(EXAMPLE, 'overview-report.md'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const o = 'overview-report.md';
const item = (id: string) => at(OVERVIEW, `- **${id}**`);
const bold = (id: string) => at(OVERVIEW, `**${id}**`);

ruleCases(recommendationIds, {
  valid: [
    { name: 'the example numbers R1 to R7' },
    { name: 'the right example: an ordered list with bold ids', files: { [o]: (t) => t.replace(/^- \*\*R(\d)\*\*/gm, '$1. **R$1**') } },
    { name: 'a colon inside or after the bold id', files: { [o]: (t) => t.replace('**R1**', '**R1:**').replace('**R2**', '**R2**:') } },
    { name: 'sub-points of a recommendation are not recommendations',
      files: { [o]: (t) => t.replace(/(- \*\*R3\*\*.*)\n/, '$1\n\n  - first, the pathway\n  - then, the audit\n') } },
    { name: 'an id written without bold', files: { [o]: (t) => t.replace('- **R2**', '- R2') } },
    { name: 'numbered paragraphs in the style of published reports', files: { [o]: (t) => t.replace(/- \*\*R(\d)\*\*/g, 'Recommendation $1:') } },
    { name: 'decimal labels need no sequence', files: { [o]: (t) => t.replace(/- \*\*R(\d)\*\*/g, (_m, n) => `21.10.${Number(n) * 2}`) } },
    { name: 'numbering that restarts under each agency heading',
      files: { [o]: (t) => t.replace(/- \*\*R(\d)\*\*/g, (_m, n) => (n === '4' ? '### Health\n\n1.' : n === '1' ? '### Police\n\n1.' : `${Number(n) > 4 ? Number(n) - 3 : n}.`)) } },
    { name: 'no Recommendations section (report/required-section reports it)', files: { [o]: (t) => t.replace('## Recommendations', '## Next steps') } },
  ],
  invalid: [
    { name: 'the wrong example: a duplicated id', files: { [o]: (t) => t.replace('**R4**', '**R3**') },
      errors: [{ file: o, ...bold('R4'), message: 'R3 is used twice (first on line' }] },
    { name: 'an id missing', files: { [o]: (t) => t.replace('- **R5** (local)', '- (local)') },
      errors: [{ file: o, ...item('R5'), message: 'this recommendation has no number or label: start it with one (e.g. **R5**' }] },
    { name: 'a label used twice in another style', files: { [o]: (t) => t.replace(/- \*\*R(\d)\*\*/g, 'Recommendation $1:').replace('Recommendation 4:', 'Recommendation 3:') },
      errors: [{ file: o, ...at(OVERVIEW, '- **R4**'), message: '3 is used twice' }] },
    { name: 'plain numbers out of sequence', files: { [o]: (t) => t.replace(/- \*\*R(\d)\*\*/g, '$1)').replace('7)', '8)') },
      errors: [{ file: o, ...at(OVERVIEW, '- **R7**'), message: '8 is out of sequence: 7 was expected here' }] },
    { name: 'a gap in the numbering', files: { [o]: (t) => t.replace('**R7**', '**R8**') },
      errors: [{ file: o, ...bold('R7'), message: 'R8 is out of sequence: R7 was expected here' }] },
    { name: 'numbering that does not start at R1', files: { [o]: (t) => t.replace(/\*\*R(\d)\*\*/g, (_m, n) => `**R${Number(n) + 1}**`) },
      errors: [{ file: o, ...bold('R1'), message: 'R2 is out of sequence: R1 was expected' }] },
  ],
});
