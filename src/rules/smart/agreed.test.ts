import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { agreed } from './agreed.js';

const PLAN = readFileSync(path.join(EXAMPLE, 'action-plan.csv'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const f = 'action-plan.csv';
// A8 is the only not-started action; its last cell is the sign-off
const A8_END = ',not-started,,,,Chief Executive\n';
const set = (who: string) => (t: string) => t.replace(A8_END, `,not-started,,,,${who}\n`);

ruleCases(agreed, {
  valid: [
    { name: 'every example action is signed off' },
    { name: 'the right example', files: { [f]: set('Chief Executive') } },
  ],
  invalid: [
    { name: 'the wrong example: no sign-off', files: { [f]: set('') },
      errors: [{ file: f, line: at(PLAN, A8_END).line, column: at(PLAN, A8_END).column + ',not-started,,,,'.length, message: 'action A8 has no senior sign-off' }] },
    { name: 'only spaces', files: { [f]: set('   ') },
      errors: [{ file: f, line: at(PLAN, A8_END).line, column: at(PLAN, A8_END).column + ',not-started,,,,'.length }] },
    { name: 'a row without an id is named by its line', files: { [f]: (t) => set('')(t).replace('\nA8,R5,', '\n,R5,') },
      errors: [{ file: f, line: at(PLAN, A8_END).line, message: `the action on line ${at(PLAN, A8_END).line} has no senior sign-off` }] },
    { name: 'no signed_off_by column', files: { [f]: (t) => t.replace('signed_off_by', 'agreed_by') },
      errors: [{ file: f, line: 1, column: 1, message: 'no "signed_off_by" column' }] },
  ],
});
