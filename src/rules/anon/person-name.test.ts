import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced, withParagraph } from '../../../test/support/anon.js';
import { personName } from './person-name.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Mrs Patel, a neighbour, called the police. Sarah Jones from the school also saw her.');
const right = withParagraph(FAMILY, 'A neighbour called the police. A teacher from the school also saw her.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started by Dr Adeyemi;');
const wrapped = withParagraph(FAMILY, 'The officer later spoke to Karen\nBlackwood, a friend.');

ruleCases(personName, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'chair and panel names, pseudonyms, agencies and places', files: {
      [FAMILY]: withParagraph(FAMILY, 'Rosalind Teague chaired; Ms Teague thanked Gareth Ansty. Adult A lived near the Forest of Dean; Gloucestershire Constabulary.'),
    } },
    { name: 'a given name followed by an ordinary word', files: { [FAMILY]: withParagraph(FAMILY, 'Grace Period. Will Adult B attend? Mark Scheme. Rose Garden.') } },
    { name: 'HTML comments and link URLs are not prose', files: { [FAMILY]: withParagraph(FAMILY, '<!-- Sarah Jones to check -->\n[guidance](https://example.org/Sarah-Jones)') } },
    { name: 'a term listed in allowed_terms', files: { [FAMILY]: withParagraph(FAMILY, 'The Sarah Jenkins Trust helped.') }, config: { allowed_terms: ['Sarah Jenkins Trust'] } },
    { name: 'chair and panel name fields themselves', files: { 'review.yml': replaced('review.yml', 'name: Gareth Ansty', 'name: Dr Gareth Ansty') } },
  ],
  invalid: [
    { name: 'doc wrong example: title + surname, given name + surname', files: { [FAMILY]: wrong }, errors: [
      at(FAMILY, wrong, 'Mrs Patel', 0, 'possible personal name'), at(FAMILY, wrong, 'Sarah Jones'),
    ] },
    { name: 'in a CSV cell', files: { 'chronologies/icb.csv': csv }, errors: [at('chronologies/icb.csv', csv, 'Dr Adeyemi')] },
    { name: 'a name wrapped across two lines', files: { [FAMILY]: wrapped }, errors: [at(FAMILY, wrapped, 'Karen')] },
  ],
});
