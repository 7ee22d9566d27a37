import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { owner } from './owner.js';

const PLAN = readFileSync(path.join(EXAMPLE, 'action-plan.csv'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const f = 'action-plan.csv';
// A8's lead agency cell, found by the owner role that follows it
const A8 = ',gdass,IDVA Service Manager,';
const set = (lead: string) => (t: string) => t.replace(A8, `,${lead},IDVA Service Manager,`);
/** Where the lead agency cell of A8 starts once it holds `lead`. */
const pos = (lead: string) => {
  const p = at(set(lead)(PLAN), `,${lead},IDVA Service Manager,`);
  return { line: p.line, column: p.column + 1 };
};

ruleCases(owner, {
  valid: [
    { name: 'every example action has a lead agency of the review' },
    { name: 'the right example', files: { [f]: set('gdass') } },
    { name: 'surrounding spaces are ignored', files: { [f]: set('"  police "') } },
    { name: 'review.yml without agencies: only blanks are checked', review: { agencies: null } },
  ],
  invalid: [
    { name: 'the wrong example: an agency not in the review', files: { [f]: set('probation') },
      errors: [{ file: f, ...pos('probation'), message: 'the lead agency of action A8 is not an agency of this review' }] },
    { name: 'a blank lead agency', files: { [f]: set('') },
      errors: [{ file: f, ...pos(''), message: 'action A8 has no lead agency' }] },
    { name: 'the agency name instead of its id', files: { [f]: set('Gloucestershire Domestic Abuse Support Service (GDASS)') },
      errors: [{ file: f, ...pos('Gloucestershire Domestic Abuse Support Service (GDASS)'), message: 'did you mean "gdass"?' }] },
    { name: 'the id in the wrong case', files: { [f]: set('GDASS') },
      errors: [{ file: f, ...pos('GDASS'), message: 'did you mean "gdass"?' }] },
    { name: 'no lead_agency column', files: { [f]: (t) => t.replace('lead_agency', 'agency') },
      errors: [{ file: f, line: 1, column: 1, message: 'no "lead_agency" column' }] },
  ],
});
