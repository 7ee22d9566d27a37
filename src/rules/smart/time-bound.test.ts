import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { parseTargetDate, timeBound } from './time-bound.js';

const PLAN = readFileSync(path.join(EXAMPLE, 'action-plan.csv'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const f = 'action-plan.csv';
// A8 (not started) is due 2027-04-30
const set = (date: string) => (t: string) => t.replace(',2027-04-30,not-started,', `,${date},not-started,`);
const pos = (date: string) => {
  const p = at(set(date)(PLAN), `,${date},not-started,`);
  return { line: p.line, column: p.column + 1 };
};

ruleCases(timeBound, {
  valid: [
    { name: 'every example action has a target date after submission' },
    { name: 'the right example', files: { [f]: set('2027-04-30') } },
    { name: 'DD/MM/YYYY is accepted', files: { [f]: set('30/04/2027') } },
    { name: 'a completed action may have been due before the plan', files: { [f]: (t) => t.replace(',2025-06-30,complete,2025-06-20,', ',2024-06-30,complete,2024-06-20,') } },
    { name: 'no plan date known: only the date itself is checked', review: { 'dates.submitted': null, 'dates.first_panel': null }, files: { [f]: set('2019-01-01') } },
  ],
  invalid: [
    { name: 'the wrong example: TBC', files: { [f]: set('TBC') },
      errors: [{ file: f, ...pos('TBC'), message: 'the target date of action A8 is "TBC", which is not a date' }] },
    { name: 'ongoing', files: { [f]: set('Ongoing') }, errors: [{ file: f, ...pos('Ongoing'), message: 'which is not a date' }] },
    { name: 'an impossible date', files: { [f]: set('31/02/2027') }, errors: [{ file: f, ...pos('31/02/2027'), message: 'is not a valid date' }] },
    { name: 'an impossible month', files: { [f]: set('2027-13-01') }, errors: [{ file: f, ...pos('2027-13-01'), message: 'is not a valid date' }] },
    { name: 'a month without a day', files: { [f]: set('April 2027') }, errors: [{ file: f, ...pos('April 2027'), message: 'YYYY-MM-DD' }] },
    { name: 'a blank target date', files: { [f]: set('') }, errors: [{ file: f, ...pos(''), message: 'action A8 has no target date' }] },
    { name: 'before the review was submitted', files: { [f]: set('2024-10-31') },
      errors: [{ file: f, ...pos('2024-10-31'), message: 'is before the action plan (review submitted 2024-11-29)' }] },
    { name: 'before the first panel when not yet submitted', review: { 'dates.submitted': null }, files: { [f]: set('2024-04-01') },
      errors: [{ file: f, ...pos('2024-04-01'), message: '(first panel meeting 2024-04-08)' }] },
    { name: "before the overview report's date when not yet submitted", review: { 'dates.submitted': null },
      files: { [f]: set('30/09/2024'), 'overview-report.md': (t) => `---\ndate: 2024-10-01\n---\n${t}` },
      errors: [{ file: f, ...pos('30/09/2024'), message: '(overview report dated 2024-10-01)' }] },
  ],
});

describe('parseTargetDate', () => {
  it('reads ISO and UK dates and refuses impossible ones', () => {
    expect(parseTargetDate('2028-02-29')).toBe('2028-02-29');
    expect(parseTargetDate('2027-02-29')).toBeUndefined();
    expect(parseTargetDate('1/3/2027')).toBe('2027-03-01');
    expect(parseTargetDate(' 31/12/2026 ')).toBe('2026-12-31');
    expect(parseTargetDate('2026-1-5')).toBeUndefined();
    expect(parseTargetDate('00/01/2026')).toBeUndefined();
    expect(parseTargetDate('TBC')).toBeUndefined();
  });
});
