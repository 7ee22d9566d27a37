import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { dateOfBirth } from './date-of-birth.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Adult A was born on 14 August 1989 in Gloucester.');
const right = withParagraph(FAMILY, 'Adult A was 34 when she died.');
const forms = withParagraph(FAMILY, 'DOB: 02/11/1986. Date of birth 2014-03-05; d.o.b. 5.3.14; born the 3rd of March 1990.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (DOB 14/08/1989);');

const NEGATIVE = withParagraph(FAMILY, ORDINARY_TEXT);
const clinical = withParagraph(FAMILY, 'Adult A (b. 03/03/1987); DOB: 03-Mar-1987; D.O.B 03Mar1987; dob 1987/03/03; DoB 3/3/87; born 3 MAR 87; Date of Birth: March 3, 1987.');

ruleCases(dateOfBirth, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: NEGATIVE } },
    { name: 'a birth year or a time after the keyword', files: { [FAMILY]: withParagraph(FAMILY, 'Adult A (b. 1987); born on 12 March at 12:30; b. 12 weeks.') } },
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
    { name: 'b., DOB:, D.O.B, clinical forms, year first, two-digit years', files: { [FAMILY]: clinical }, errors: [
      at(FAMILY, clinical, '03/03/1987'), at(FAMILY, clinical, '03-Mar-1987'), at(FAMILY, clinical, '03Mar1987'), at(FAMILY, clinical, '1987/03/03'),
      at(FAMILY, clinical, '3/3/87'), at(FAMILY, clinical, '3 MAR 87'), at(FAMILY, clinical, 'March 3, 1987'),
    ] },
  ],
});
