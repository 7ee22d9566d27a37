import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced, withParagraph } from '../../../test/support/anon.js';
import { nino } from './nino.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Her National Insurance number, JY 72 18 45 B, was on the tenancy form.');
const right = withParagraph(FAMILY, 'Her National Insurance number was on the tenancy form.');
const csv = replaced('chronologies/housing.csv', 'Sanctuary', 'NI WP639027A. Sanctuary');

ruleCases(nino, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'invalid prefixes (D, F, I, Q, U, V; O second; BG GB NK KN TN NT ZZ) and suffixes', files: {
      [FAMILY]: withParagraph(FAMILY, 'QQ 12 34 56 C, DA123456A, AO123456B, GB123456A, TN123456A, ZZ123456D, AB123456E.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example (spaced)', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'JY 72 18 45 B', 0, 'National Insurance')] },
    { name: 'unspaced, in a CSV cell', files: { 'chronologies/housing.csv': csv }, errors: [at('chronologies/housing.csv', csv, 'WP639027A')] },
  ],
});
