import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { specific } from './specific.js';

const PLAN = readFileSync(path.join(EXAMPLE, 'action-plan.csv'), 'utf8');
/** 1-based line/column of the n-th `needle` in `text`. */
function at(text: string, needle: string, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const f = 'action-plan.csv';
const A2 = 'Deliver a three-hour stalking recognition session, built on the anonymised facts of this case, to every response and neighbourhood officer in Gloucestershire.';

// the doc's wrong and right examples
const wrong = (t: string) => t.replace(A2, 'Raise awareness of stalking among response officers and consider further training.');
const right = (t: string) => t.replace(A2, 'Deliver a three-hour stalking recognition session to every response and neighbourhood officer.');
const inflected = (t: string) => t.replace(A2, 'Exploring options and raising awareness; reconsidered the consideration.');
const multiLine = (t: string) => t.replace(A2, 'Issue the ""stalking"" guidance,\r\nthen continue to\n  review practice');
const extra = (t: string) => t.replace(A2, 'Roll out the stalking screening tool to every officer.');

ruleCases(specific, {
  valid: [
    { name: 'the example action plan is specific' },
    { name: 'the right example', files: { [f]: right } },
    { name: 'words that only contain a phrase are not vague', files: { [f]: (t) => t.replace(A2, 'Write guidance on the consideration of stalking; record reconsidered decisions.') } },
    { name: 'other columns are not checked', files: { [f]: (t) => t.replace('Head of Training', 'Consider the Head of Training') } },
    { name: 'no action plan', files: { [f]: null } },
  ],
  invalid: [
    { name: 'the wrong example: two vague phrases in one action', files: { [f]: wrong },
      errors: [{ file: f, ...at(wrong(PLAN), 'Raise awareness'), message: '"raise awareness" is vague wording in action A2' },
        { file: f, ...at(wrong(PLAN), 'consider further'), message: '"consider"' }] },
    { name: 'verb forms of a listed phrase, case-insensitive', files: { [f]: inflected },
      errors: [{ file: f, ...at(inflected(PLAN), 'Exploring'), message: '"explore"' },
        { file: f, ...at(inflected(PLAN), 'raising awareness'), message: '"raise awareness"' }] },
    { name: 'positions inside a quoted cell with doubled quotes and line breaks', files: { [f]: multiLine },
      errors: [{ file: f, line: 4, column: 6, message: '"continue to"' }, { file: f, line: 5, column: 3, message: '"review practice"' }] },
    { name: 'extra phrases from dhr.config.yml', files: { [f]: extra }, config: { vague_phrases: ['roll out'] },
      errors: [{ file: f, ...at(extra(PLAN), 'Roll out'), message: '"roll out"' }] },
  ],
});
