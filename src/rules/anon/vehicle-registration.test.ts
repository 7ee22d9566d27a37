import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { vehicleRegistration } from './vehicle-registration.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Officers stopped Adult B driving AB12 CDE near the school.');
const right = withParagraph(FAMILY, "Officers stopped Adult B driving his car near the school.");
const older = withParagraph(FAMILY, 'Earlier cars: A123 BCD, then FGH 456J; a van with registration KLM 789 and a moped, VRM ab19 xyz.');
const csv = replaced('chronologies/police.csv', 'Two officers attended;', 'Two officers attended (vehicle WX21ABC seen);');

ruleCases(vehicleRegistration, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: withParagraph(FAMILY, ORDINARY_TEXT) } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'ids, acronyms and services that look like older marks', files: {
      [FAMILY]: withParagraph(FAMILY, 'R12 NHS agreed; A3 TBC; NHS 111; DHR 123; CSP 2024; Action A10 GDA; ab12 cde in lower case alone; AB00 CDE; AI12 CDE.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example (current format)', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'AB12 CDE', 0, 'vehicle registration')] },
    { name: 'prefix, suffix, dateless and lower case with context', files: { [FAMILY]: older }, errors: [
      at(FAMILY, older, 'A123 BCD'), at(FAMILY, older, 'FGH 456J'), at(FAMILY, older, 'KLM 789'), at(FAMILY, older, 'ab19 xyz'),
    ] },
    { name: 'unspaced, in a CSV cell', files: { 'chronologies/police.csv': csv }, errors: [at('chronologies/police.csv', csv, 'WX21ABC')] },
  ],
});
