import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { bankAccount } from './bank-account.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Adult B moved her wages to sort code 12-34-56, account 12345678.');
const right = withParagraph(FAMILY, 'Adult B moved her wages to an account in his name.');
const forms = withParagraph(FAMILY, 'Transfers to 20-40-60 87654321 and account number 11223344; the IBAN GB82 WEST 1234 5698 7654 32 and GB33BUKB20201555555555.');
const csv = replaced('chronologies/housing.csv', 'Sanctuary', 'Rent from a/c no. 55667788. Sanctuary');

ruleCases(bankAccount, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: withParagraph(FAMILY, ORDINARY_TEXT) } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'a date like a sort code, an IBAN failing its check, words without numbers', files: {
      [FAMILY]: withParagraph(FAMILY, 'Met on 12-03-21; GB82 WEST 1234 5698 7654 33; the bank account was joint; sort code unknown; an account of 12 incidents.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example (after "sort code")', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, '12-34-56, account 12345678', 0, 'bank details')] },
    { name: 'sort code and account, account number, IBAN spaced and not', files: { [FAMILY]: forms }, errors: [
      at(FAMILY, forms, '20-40-60 87654321'), at(FAMILY, forms, '11223344'), at(FAMILY, forms, 'GB82 WEST 1234 5698 7654 32'), at(FAMILY, forms, 'GB33BUKB20201555555555'),
    ] },
    { name: 'in a CSV cell', files: { 'chronologies/housing.csv': csv }, errors: [at('chronologies/housing.csv', csv, '55667788')] },
  ],
});
