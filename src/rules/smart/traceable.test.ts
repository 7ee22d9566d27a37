import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { traceable } from './traceable.js';

const PLAN = readFileSync(path.join(EXAMPLE, 'action-plan.csv'), 'utf8');
const OVERVIEW = readFileSync(path.join(EXAMPLE, 'overview-report.md'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const f = 'action-plan.csv';
const o = 'overview-report.md';
/** Where the bold id of a recommendation starts in the overview report. */
const bold = (id: string) => at(OVERVIEW, `**${id}**`);
const lines = PLAN.split('\n');
/** The action plan without the rows whose recommendation is `rec`. */
const without = (rec: string) => () => lines.filter((l) => !l.includes(`,${rec},`) || l.startsWith('id,')).join('\n');

ruleCases(traceable, {
  valid: [
    { name: 'every example action traces to R1–R7, and each has an action' },
    { name: 'the right example: A9 answers R6, as in the example' },
    { name: 'several actions for one recommendation', files: { [f]: (t) => t.replace('\nA9,R6,', '\nA9,R1,').replace(/\n?$/, '\n') + 'A11,R6,regional,Table the draft standard,police,Head of Public Protection,,Minutes,2027-03-31,not-started,,,,Assistant Chief Constable\n' } },
    { name: 'no overview report yet: nothing to trace to', files: { [o]: null, [f]: (t) => t.replace('\nA9,R6,', '\nA9,R9,') } },
    { name: 'an overview report without a Recommendations section is left to the report rules',
      files: { [o]: (t) => t.replace('## Recommendations', '## Next steps'), [f]: (t) => t.replace('\nA9,R6,', '\nA9,R9,') } },
  ],
  invalid: [
    { name: 'the wrong example: an action for R9, so R6 has none', files: { [f]: (t) => t.replace('\nA9,R6,', '\nA9,R9,') },
      errors: [{ file: f, line: at(PLAN, '\nA9,R6,').line + 1, column: 4, message: 'action A9 is for recommendation R9, which is not in the overview report' },
        { file: o, ...bold('R6'), message: 'recommendation R6 has no action in action-plan.csv' }] },
    { name: 'a recommendation with no action', files: { [f]: without('R7') },
      errors: [{ file: o, ...bold('R7'), message: 'recommendation R7 has no action' }] },
    { name: 'no action plan at all', files: { [f]: null },
      errors: ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'].map((id) => ({ file: o, ...bold(id), message: 'action-plan.csv is missing' })) },
    { name: 'free text instead of an id', files: { [f]: (t) => t.replace('\nA9,R6,', '\nA9,see R6,') },
      errors: [{ file: f, line: at(PLAN, '\nA9,R6,').line + 1, column: 4, message: 'a recommendation id that is not in the overview report' },
        { file: o, ...bold('R6') }] },
  ],
});
