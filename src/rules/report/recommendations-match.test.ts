import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, prepareReview, ruleCases, runRules } from '../../../test/support/rule-tester.js';
import { recommendationsMatch } from './recommendations-match.js';

const SUMMARY = readFileSync(path.join(EXAMPLE, 'executive-summary.md'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const e = 'executive-summary.md';
const o = 'overview-report.md';
const bold = (id: string) => at(SUMMARY, `**${id}**`);
/** The summary without one recommendation's line. */
const without = (id: string) => (t: string) => t.split('\n').filter((l) => !l.startsWith(`- **${id}**`)).join('\n');

ruleCases(recommendationsMatch, {
  valid: [
    { name: 'the example summary repeats R1–R7 word for word' },
    { name: 'line wrapping and spacing do not matter',
      files: { [e]: (t) => t.replace('should agree a written pathway for domestic abuse', 'should agree  a written\n  pathway for domestic abuse') } },
    { name: 'emphasis does not change the words', files: { [e]: (t) => t.replace('a written pathway', 'a *written* pathway') } },
    { name: 'no executive summary yet', files: { [e]: null } },
    { name: 'an item without a label matches by its words', files: { [e]: (t) => t.replace('- **R2** ', '- ') } },
    { name: 'curly quotes, dashes and a trailing full stop do not matter',
      files: { [e]: (t) => t.replace('Adult Social Care and GDASS', 'Adult Social Care – and GDASS').replace(/(- \*\*R7\*\*.*)\.$/m, '$1'),
        [o]: (t) => t.replace('Adult Social Care and GDASS', 'Adult Social Care - and GDASS') } },
    { name: 'labels written differently in the two documents', files: { [e]: (t) => t.replace(/- \*\*R(\d)\*\*/g, 'Recommendation $1:') } },
  ],
  invalid: [
    { name: 'the wrong example: a reworded recommendation', files: { [e]: (t) => t.replace('should agree a written pathway', 'should write a pathway') },
      errors: [{ file: e, ...bold('R3'), message: 'R3 is not word for word the same as R3 in the overview report (they differ from word 11)' }] },
    { name: 'a recommendation left out', files: { [e]: without('R5') },
      errors: [{ file: e, ...bold('R4'), message: 'R5 of the overview report is missing from the executive summary' }] },
    { name: 'the first recommendation left out is reported at the heading', files: { [e]: without('R1') },
      errors: [{ file: e, ...at(SUMMARY, '## Recommendations'), message: 'R1 of the overview report is missing' }] },
    { name: 'an extra recommendation', files: { [e]: (t) => `${t.trimEnd()}\n- **R8** (local) Something the report does not say.\n` },
      errors: [{ file: e, line: SUMMARY.trimEnd().split('\n').length + 1, column: 3, message: 'R8 is not a recommendation of the overview report' }] },
    { name: 'an item without a label that is not word for word any recommendation', files: { [e]: (t) => t.replace('- **R2** (local)', '- (regional)') },
      errors: [{ file: e, ...at(SUMMARY, '- **R2**'), message: 'has no number or label and is not word for word any recommendation' },
        { file: e, ...bold('R1'), message: 'R2 of the overview report is missing' }] },
    { name: 'the differing words are in the value, not the message', files: { [e]: (t) => t.replace('should agree a written pathway', 'should write a pathway') },
      errors: [{ file: e, ...bold('R3'), message: 'differ from word 11' }] },
    { name: 'a repeated recommendation', files: { [e]: (t) => t.replace('- **R7**', `- **R6** ${t.match(/- \*\*R6\*\* (.*)/)![1]}\n- **R7**`) },
      errors: [{ file: e, ...bold('R7'), message: 'R6 appears twice' }] },
    { name: 'a Recommendations section that lists none: one finding, not one per recommendation',
      files: { [e]: (t) => `${t.slice(0, t.indexOf('## Recommendations'))}## Recommendations\n\nThey are set out in the overview report.\n` },
      errors: [{ file: e, ...at(SUMMARY, '## Recommendations'), message: "lists none: repeat the overview report's 7 recommendations" }] },
    { name: 'no Recommendations section in the summary', files: { [e]: (t) => t.slice(0, t.indexOf('## Recommendations')) },
      errors: [{ file: e, line: 1, column: 1, message: "add one repeating the overview report's 7 recommendations word for word" }] },
  ],
});

describe('the finding of a reworded recommendation', () => {
  it('quotes a few differing words from each document in its value, and none in its message', () => {
    const dir = prepareReview({ files: { [e]: (t) => t.replace('should agree a written pathway', 'should write a pathway') } });
    const [f] = runRules(dir, [recommendationsMatch]);
    expect(f.message).not.toMatch(/write|agree|pathway/);
    expect(f.value).toBe('overview report: "…agree a written pathway…"; executive summary: "…write a pathway for…"');
  });
});
