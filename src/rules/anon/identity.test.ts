import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, examplePeople, replaced, withParagraph } from '../../../test/support/anon.js';
import { identity } from './identity.js';

const FAMILY = 'family/family-statement.md';
const people = examplePeople();
const wrong = withParagraph(FAMILY, 'Joanna Whitby told the GP she was frightened.');
const right = withParagraph(FAMILY, 'Adult A told the GP she was frightened.');
const variants = withParagraph(FAMILY, "JOANNA KESTREL WHITBY; Jóanna Whitby's sister; the Hollowells' car; Hollowell said no.");
const wrapped = withParagraph(FAMILY, 'The officer spoke to Darren\nHollowell at the door.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (NHS 9992847328, mobile +44 7700 900123);');
const yml = replaced('review.yml', 'two IMRs needed further work', 'two IMRs (gl5 7xq, born 14.08.1989) needed further work');
const chair = replaced('review.yml', 'name: Rosalind Teague', 'name: Rosalind Teague 07700 900456');

ruleCases(identity, {
  valid: [
    { name: 'the example is clean', identities: people },
    { name: 'doc right example', identities: people, files: { [FAMILY]: right } },
    { name: 'without a register there is nothing to match', files: { [FAMILY]: wrong } },
    { name: 'word-bounded: "Ann" is not found inside "Annual" or "Anne"', identities: [{ pseudonym: 'Adult A', names: ['Ann'], identifiers: [] }],
      files: { [FAMILY]: withParagraph(FAMILY, 'The Annual report; Anne Marie; annals.') } },
    { name: 'a surname alone counts only when capitalised', identities: people, files: { [FAMILY]: withParagraph(FAMILY, 'a hollowell tree') } },
    { name: 'a common-word surname is not matched alone', identities: [{ pseudonym: 'Adult A', names: ['Joanna Green'], identifiers: [] }],
      files: { [FAMILY]: withParagraph(FAMILY, 'The Green Party; a green door.') } },
  ],
  invalid: [
    { name: 'doc wrong example', identities: people, files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'Joanna Whitby', 0, 'real name of Adult A')] },
    { name: 'case, diacritics, hyphen as space, possessives, surname alone', identities: people, files: { [FAMILY]: variants }, errors: [
      at(FAMILY, variants, 'JOANNA KESTREL WHITBY', 0, 'Adult A'), at(FAMILY, variants, 'Jóanna Whitby', 0, 'Adult A'),
      at(FAMILY, variants, 'Hollowell', 0, 'Adult B'), at(FAMILY, variants, 'Hollowell', 1, 'Adult B'),
    ] },
    { name: 'a name wrapped across two lines of a paragraph', identities: people, files: { [FAMILY]: wrapped }, errors: [at(FAMILY, wrapped, 'Darren', 0, 'Adult B')] },
    { name: 'identifiers in a CSV cell, other spacing and +44', identities: people, files: { 'chronologies/icb.csv': csv }, errors: [
      at('chronologies/icb.csv', csv, '9992847328', 0, 'identifier of Adult A found (NHS number)'), at('chronologies/icb.csv', csv, '+44 7700 900123', 0, 'phone number'),
    ] },
    { name: 'postcode in lower case and a date of birth with dots, in review.yml', identities: people, files: { 'review.yml': yml }, errors: [
      at('review.yml', yml, 'gl5 7xq', 0, 'postcode'), at('review.yml', yml, '14.08.1989', 0, 'date of birth'),
    ] },
    { name: 'chair name field: names allowed, identifiers still found', identities: people, files: { 'review.yml': chair }, errors: [
      at('review.yml', chair, '07700 900456', 0, 'Adult B'),
    ] },
  ],
});
