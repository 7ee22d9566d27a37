import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { coverage, distinctiveWords, imrRecommendations } from './imr-recommendations.js';

const POLICE = readFileSync(path.join(EXAMPLE, 'imrs', 'police.md'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const p = 'imrs/police.md';
const o = 'overview-report.md';
const f = 'action-plan.csv';
const BODY_WORN = "3. Retain body-worn video of a victim's first account in every domestic abuse incident for use\n   in an evidence-led prosecution.";
const withBodyWorn = (t: string) => t.replace(/^3\. Share the learning[\s\S]*?there\.$/m, BODY_WORN);
const third = at(POLICE, '3. Share the learning');

ruleCases(imrRecommendations, {
  valid: [
    { name: "the example: every IMR recommendation is in the report's recommendations or the action plan" },
    { name: 'the right example: the recommendation brought into the overview report under the agency heading',
      files: { [p]: withBodyWorn, [o]: (t) => t.replace(/(- \*\*R7\*\*.*)\n/, "$1\n\n### Single-agency recommendations: Gloucestershire Constabulary\n\n- Gloucestershire Constabulary should retain body-worn video of a victim's first account in every domestic abuse incident, for use in evidence-led prosecutions.\n") } },
    { name: 'or given an action in the action plan',
      files: { [p]: withBodyWorn, [f]: (t) => `${t.trimEnd()}\nA11,R6,local,"Retain the body-worn video of every victim's first account in domestic abuse incidents for evidence-led prosecutions.",police,Head of Public Protection,,Audit of 50 incidents,2026-06-30,not-started,,,,Assistant Chief Constable\n` } },
    { name: 'an IMR without recommendations', files: { [p]: (t) => t.replace(/## Recommendations[\s\S]*$/, '## Recommendations\n\nNone.\n') } },
    { name: 'nothing to bring them into yet', files: { [p]: withBodyWorn, [o]: null, [f]: null } },
  ],
  invalid: [
    { name: 'the wrong example: an IMR recommendation nowhere in the report or the plan', files: { [p]: withBodyWorn },
      errors: [{ file: p, ...third, message: "recommendation 3 of the police IMR is not in the overview report's recommendations or the action plan" }] },
    { name: 'a lettered recommendation without a number', files: { [p]: (t) => withBodyWorn(t).replace('3. Retain', '- Retain') },
      errors: [{ file: p, line: third.line, message: 'this recommendation of the police IMR' }] },
  ],
});

describe('coverage', () => {
  it('is the share of distinctive words found, common ones left out', () => {
    const a = distinctiveWords('The police should retain body-worn video of first accounts.');
    expect([...a].sort()).toEqual(['account', 'body', 'first', 'police', 'retain', 'video', 'worn']);
    expect(coverage(a, distinctiveWords('Retain body worn video of the first account'))).toBeCloseTo(6 / 7);
    expect(coverage(a, distinctiveWords('Domestic abuse training for all staff'))).toBe(0);
  });
});
