import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { crimeReference } from './crime-reference.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'The assault was recorded under crime reference 54/12345/21.');
const right = withParagraph(FAMILY, 'The assault was recorded as a crime (see [[chronology:police#2]]).');
const forms = withParagraph(FAMILY, 'Logs: CAD 1234 12/03/21, CRN 12345678, URN 12AB3456789, AB/12345/21, incident number 567 of 12/03/2021, log no. 2211.');
const csv = replaced('chronologies/police.csv', 'Two officers attended;', 'Two officers attended (STORM 4455);');

ruleCases(crimeReference, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: withParagraph(FAMILY, ORDINARY_TEXT) } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'words without a reference, dates and fractions', files: {
      [FAMILY]: withParagraph(FAMILY, 'The incident log was reviewed; crime reference not given; on 12/03/2021; DHR/2024/03; 1/2 of calls; the log number is unknown.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, '54/12345/21', 0, 'police reference')] },
    { name: 'CAD with date, CRN, URN, force/number/year, incident and log numbers', files: { [FAMILY]: forms }, errors: [
      at(FAMILY, forms, '1234 12/03/21'), at(FAMILY, forms, '12345678'), at(FAMILY, forms, '12AB3456789'), at(FAMILY, forms, 'AB/12345/21'),
      at(FAMILY, forms, '567 of 12/03/2021'), at(FAMILY, forms, '2211'),
    ] },
    { name: 'in a CSV cell', files: { 'chronologies/police.csv': csv }, errors: [at('chronologies/police.csv', csv, '4455')] },
  ],
});
