import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { nino } from './nino.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Her National Insurance number, JY 72 18 45 B, was on the tenancy form.');
const right = withParagraph(FAMILY, 'Her National Insurance number was on the tenancy form.');
const csv = replaced('chronologies/housing.csv', 'Sanctuary', 'NI WP639027A. Sanctuary');

const NEGATIVE = withParagraph(FAMILY, ORDINARY_TEXT);
const lower = withParagraph(FAMILY, 'Forms gave ab-12-34-56-c, then jy721845b and WP-63-90-27-A.');

ruleCases(nino, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: NEGATIVE } },
    { name: 'a small word before spaced digits is not a prefix', files: { [FAMILY]: withParagraph(FAMILY, 'It was due on 12 03 21 a week later; to be 10 11 12 a.') } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'invalid prefixes (D, F, I, Q, U, V; O second; BG GB NK KN TN NT ZZ) and suffixes', files: {
      [FAMILY]: withParagraph(FAMILY, 'QQ 12 34 56 C, DA123456A, AO123456B, GB123456A, TN123456A, ZZ123456D, AB123456E.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example (spaced)', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'JY 72 18 45 B', 0, 'National Insurance')] },
    { name: 'unspaced, in a CSV cell', files: { 'chronologies/housing.csv': csv }, errors: [at('chronologies/housing.csv', csv, 'WP639027A')] },
    { name: 'lower case and dashes', files: { [FAMILY]: lower }, errors: [at(FAMILY, lower, 'ab-12-34-56-c'), at(FAMILY, lower, 'jy721845b'), at(FAMILY, lower, 'WP-63-90-27-A')] },
  ],
});
