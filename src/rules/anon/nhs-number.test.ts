import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { nhsNumber } from './nhs-number.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, "Adult A's NHS number (943 476 5919) was on the referral.");
const right = withParagraph(FAMILY, "Adult A's GP record was on the referral.");
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (NHS 9434765919);');
const yml = replaced('review.yml', 'two IMRs needed further work', 'two IMRs (patient 943-476-5919) needed further work');
const wrapped = withParagraph(FAMILY, 'Record 999 284\n7328 was used.');
const NEGATIVE = withParagraph(FAMILY, ORDINARY_TEXT);
const zero = withParagraph(FAMILY, 'Her number was 021 987 6541 on the form.');
const chi = withParagraph(FAMILY, 'Scottish records: 1503871231 and later 311299 4566.');
const keyword = withParagraph(FAMILY, 'NHS No. 123 456 7890 on one letter, nhs number: 1234567 on another, CHI 0101 7012 39.');

ruleCases(nhsNumber, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: NEGATIVE } },
    { name: 'a number after NHS that is a service, not a number', files: { [FAMILY]: withParagraph(FAMILY, 'She rang NHS 111 and NHS 24; the CHI team; NHS number not recorded.') } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'a 10-digit number failing the modulus-11 check', files: { [FAMILY]: withParagraph(FAMILY, 'Reference 943 476 5918 and 1234567890.') } },
    { name: 'dates, times, money and short numbers', files: { [FAMILY]: withParagraph(FAMILY, 'On 2024-01-19 21:52, £1,500, call 999 or 111, 64 texts.') } },
    { name: 'digits split across two lines are not read as one number', files: { [FAMILY]: wrapped } },
    { name: 'a phone number is not an NHS number', files: { [FAMILY]: withParagraph(FAMILY, 'Tel 01632 960001.') } },
  ],
  invalid: [
    { name: 'doc wrong example (spaced 3-3-4, Markdown)', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, '943 476 5919', 0, 'NHS number')] },
    { name: 'unspaced, in a CSV cell', files: { 'chronologies/icb.csv': csv }, errors: [at('chronologies/icb.csv', csv, '9434765919')] },
    { name: 'dashed, in review.yml', files: { 'review.yml': yml }, errors: [at('review.yml', yml, '943-476-5919')] },
    { name: 'leading 0, passing modulus 11, not a phone number', files: { [FAMILY]: zero }, errors: [at(FAMILY, zero, '021 987 6541')] },
    { name: 'CHI numbers: one block and 6-4 groups', files: { [FAMILY]: chi }, errors: [at(FAMILY, chi, '1503871231'), at(FAMILY, chi, '311299 4566')] },
    { name: 'any digits after NHS number / NHS No. / CHI, checksum or not', files: { [FAMILY]: keyword }, errors: [
      at(FAMILY, keyword, '123 456 7890'), at(FAMILY, keyword, '1234567'), at(FAMILY, keyword, '0101 7012 39'),
    ] },
  ],
});
