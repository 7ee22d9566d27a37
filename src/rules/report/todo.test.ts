import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { findPlaceholders, todo } from './todo.js';

const read = (f: string) => readFileSync(path.join(EXAMPLE, f), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
/** A case that edits one file, expecting a finding at each marker it inserted. */
function edited(file: string, edit: (t: string) => string, markers: string[], message?: string) {
  const text = edit(read(file));
  return { files: { [file]: edit }, errors: markers.map((m) => ({ file, ...at(text, m), message })) };
}

const o = 'overview-report.md';
const TIMESCALES = 'Gloucestershire Constabulary notified Safer Gloucestershire';

ruleCases(todo, {
  valid: [
    { name: 'the example has no placeholders' },
    { name: 'the right example', files: { [o]: (t) => t.replace(TIMESCALES, 'On 23 January 2024, Gloucestershire Constabulary notified Safer Gloucestershire') } },
    { name: 'lower-case and longer words are not markers', files: { [o]: (t) => t.replace(TIMESCALES, `The todo list, TODOs, XXXX and Todo were done. ${TIMESCALES}`) } },
    { name: 'HTML, autolinks and comparisons are not placeholders',
      files: { [o]: (t) => t.replace(TIMESCALES, `Text<sup>1</sup> <https://example.org> and a <br> with fewer than < 5 > none. ${TIMESCALES}`) } },
    { name: 'YAML comments are instructions, not placeholders', files: { 'review.yml': (t) => `# Fill in every TODO before submission.\n${t.replace('status: submitted', 'status: submitted   # TODO check')}` } },
  ],
  invalid: [
    { name: 'the wrong example: a TODO in the overview report',
      ...edited(o, (t) => t.replace(TIMESCALES, `TODO: check the date. ${TIMESCALES}`), ['TODO: check'], '"TODO" marker left in') },
    { name: 'one finding per occurrence, with FIXME and XXX',
      ...edited(o, (t) => t.replace(TIMESCALES, `FIXME XXX and TODO. ${TIMESCALES}`), ['FIXME', 'XXX', 'TODO']) },
    { name: 'TBC in any case, an [insert …] and a <placeholder> in the executive summary',
      ...edited('executive-summary.md', (t) => t.replace('Safer Gloucestershire was notified', 'Notified on [insert date] (tbc) by <name of agency>; Safer Gloucestershire was notified'),
        ['[insert date]', 'tbc', '<name of agency>']) },
    { name: 'an [insert …] placeholder wrapped over two lines',
      ...edited('terms-of-reference.md', (t) => t.replace('## Purpose\n', '## Purpose\n\n[Insert the\npurpose here]\n'), ['[Insert the'], '"[insert …]" placeholder') },
    { name: 'Lorem ipsum in the family statement',
      ...edited('family/family-statement.md', (t) => t.replace('She was brave.', 'Lorem  ipsum dolor.'), ['Lorem  ipsum'], '"Lorem ipsum" filler text') },
    { name: 'a YAML value in review.yml',
      ...edited('review.yml', (t) => t.replace('advocate: AAFDA', 'advocate: TBC'), ['TBC'], '"TBC" left in') },
    { name: "a value in an IMR's front matter",
      ...edited('imrs/police.md', (t) => t.replace(/^quality_assured_by: .*$/m, 'quality_assured_by: TODO'), ['TODO']) },
    { name: 'CSV cells, quoted with doubled quotes and spanning lines in a CRLF file',
      ...edited('chronologies/police.csv', (t) => t.replace('Child C was upstairs.', 'Child C was upstairs. FIXME').replace('The stalking screening tool was again', 'XXX The stalking screening tool was again'),
        ['FIXME', 'XXX The stalking']) },
    { name: 'a TODO in the action plan', ...edited('action-plan.csv', (t) => t.replace(',Chief Executive\n', ',TODO senior role\n'), ['TODO senior role']) },
  ],
});

describe('findPlaceholders', () => {
  it('returns each placeholder once with its offsets', () => {
    expect(findPlaceholders('a TODO b [insert x] c').map((p) => [p.start, p.end])).toEqual([[2, 6], [9, 19]]);
    expect(findPlaceholders('[insert TODO here]')).toHaveLength(1);
    expect(findPlaceholders('<details open> <span> </sup>')).toEqual([]);
  });
});
