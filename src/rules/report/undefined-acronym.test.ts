import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { undefinedAcronym } from './undefined-acronym.js';
import { acronymsIn } from '../../review/glossary.js';

const o = 'overview-report.md';
const TIMESCALES = 'Gloucestershire Constabulary notified Safer Gloucestershire';
const text = readFileSync(path.join(EXAMPLE, o), 'utf8');
const line = text.slice(0, text.indexOf(TIMESCALES)).split('\n').length;
const twice = (t: string) => t.replace(TIMESCALES, `The SPOC and the SPOC's manager were told. ${TIMESCALES}`);

ruleCases(undefinedAcronym, {
  valid: [
    { name: 'the example uses only acronyms the profile defines' },
    { name: 'an unknown acronym used once', files: { [o]: (t) => t.replace(TIMESCALES, `The SPOC was told. ${TIMESCALES}`) } },
    { name: 'the right example: defined in the review\'s glossary.yml', files: { [o]: twice, 'glossary.yml': 'SPOC: Single Point of Contact\n' } },
    { name: 'hidden text: link targets, citations, comments and code',
      files: { [o]: (t) => t.replace(TIMESCALES, `<!-- QQX QQX --> \`QQX\` [a](https://x.org/QQX) [[chronology:QQX]] [b](https://x.org/QQX). ${TIMESCALES}`) } },
    { name: 'markings and placeholders are not acronyms', files: { [o]: (t) => t.replace(TIMESCALES, `OFFICIAL OFFICIAL TODO TODO UK UK. ${TIMESCALES}`) } },
  ],
  invalid: [
    { name: 'the wrong example: an unknown acronym used twice, reported at its first use',
      files: { [o]: twice }, errors: [{ file: o, line, column: 5, message: 'define it in glossary.yml' }] },
    { name: 'plurals count as uses (SPOCs), in the executive summary too',
      files: { 'executive-summary.md': (t) => t.replace('Safer Gloucestershire was notified', 'Two SPOCs and one SPOC agreed. Safer Gloucestershire was notified') },
      errors: [{ file: 'executive-summary.md', line: readFileSync(path.join(EXAMPLE, 'executive-summary.md'), 'utf8').split('Safer Gloucestershire was notified')[0]!.split('\n').length, message: 'used 2 times' }] },
  ],
});

describe('acronymsIn', () => {
  it('finds all-capital words of two letters or more, plurals folded, in order of first use', () => {
    const uses = acronymsIn('The MARAC met; IMRs and an IMR; R1 and A1 are ids; Adult A; GDASS.');
    expect([...uses.keys()]).toEqual(['MARAC', 'IMR', 'GDASS']);
    expect(uses.get('IMR')!.offsets.length).toBe(2);
  });
});
