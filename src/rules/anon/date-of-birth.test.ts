import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced, withParagraph } from '../../../test/support/anon.js';
import { dateOfBirth } from './date-of-birth.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Adult A was born on 14 August 1989 in Gloucester.');
const right = withParagraph(FAMILY, 'Adult A was 34 when she died.');
const forms = withParagraph(FAMILY, 'DOB: 02/11/1986. Date of birth 2014-03-05; d.o.b. 5.3.14; born the 3rd of March 1990.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (DOB 14/08/1989);');

ruleCases(dateOfBirth, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'a year, or month and year, of birth', files: { [FAMILY]: withParagraph(FAMILY, 'Child C was born in 2014; Adult B was born in March 1986.') } },
    { name: 'a date that is not the birth date', files: { [FAMILY]: withParagraph(FAMILY, 'She was born in Stroud and moved on 4 May 2001.') } },
  ],
  invalid: [
    { name: 'doc wrong example', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, '14 August 1989', 0, 'date of birth')] },
    { name: 'DOB:, date of birth, d.o.b., born the 3rd of', files: { [FAMILY]: forms }, errors: [
      at(FAMILY, forms, '02/11/1986'), at(FAMILY, forms, '2014-03-05'), at(FAMILY, forms, '5.3.14'), at(FAMILY, forms, '3rd of March 1990'),
    ] },
    { name: 'in a CSV cell', files: { 'chronologies/icb.csv': csv }, errors: [at('chronologies/icb.csv', csv, '14/08/1989')] },
  ],
});
