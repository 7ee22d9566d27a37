import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { measurable } from './measurable.js';

const PLAN = readFileSync(path.join(EXAMPLE, 'action-plan.csv'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
/** The position just after `needle` (where the next cell starts). */
function after(text: string, needle: string) {
  const p = at(text, needle);
  return { line: p.line, column: p.column + needle.length };
}
const f = 'action-plan.csv';
const A3 = 'At least 90% of the 68 practices in the county confirm the standard is in place in their 2025 self-assessment returns';
const set = (measure: string) => (t: string) => t.replace(A3, measure);

const wrong = set('Improved awareness of domestic abuse among GP practice staff');
const aware = set('All staff aware of the new workflow standard');
const blank = set('');
const tbc = set('TBC');

ruleCases(measurable, {
  valid: [
    { name: 'the example success measures are measurable' },
    { name: 'the right example', files: { [f]: set('Audit of 20 cases shows 90% compliance with the workflow standard') } },
    { name: 'evidence words without a number', files: { [f]: set('Quarterly report to the ICB safeguarding committee on letters reviewed by a clinician') } },
    { name: 'a verifiable state', files: { [f]: set('Standard issued to all practices and confirmed in writing') } },
    { name: 'a percentage in words', files: { [f]: set('Ninety per cent of practices confirm the standard is in place') } },
    { name: 'a vague word beside hard evidence', files: { [f]: set('Improved compliance: audit of 30 letters finds 95% seen by a clinician') } },
  ],
  invalid: [
    { name: 'the wrong example: nothing to count', files: { [f]: wrong },
      errors: [{ file: f, ...at(wrong(PLAN), 'Improved awareness'), message: 'the success measure of action A3 is vague ("improved" cannot be counted)' }] },
    { name: 'a vague phrase with only a whole population', files: { [f]: aware },
      errors: [{ file: f, ...at(aware(PLAN), 'staff aware'), message: '"staff aware"' }] },
    { name: 'a blank measure', files: { [f]: blank },
      errors: [{ file: f, ...after(blank(PLAN), 'returns analysed 2025-10-17,'), message: 'action A3 has no success measure' }] },
    { name: 'a placeholder listed in vague_measures', files: { [f]: tbc },
      errors: [{ file: f, ...after(tbc(PLAN), '2025-10-17,'), message: '("tbc") is not a measure' }] },
    { name: 'no success_measure column at all', files: { [f]: (t) => t.replace('success_measure', 'measure_of_success') },
      errors: [{ file: f, line: 1, column: 1, message: 'no "success_measure" column' }] },
  ],
});
