import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, examplePeople, replaced, withParagraph } from '../../../test/support/anon.js';
import { identityVariant } from './identity-variant.js';

const FAMILY = 'family/family-statement.md';
const people = examplePeople();
const wrong = withParagraph(FAMILY, 'Jojo told the GP she was frightened.');
const right = withParagraph(FAMILY, 'Adult A told the GP she was frightened.');
const kate = [{ pseudonym: 'Adult D', names: ['Katherine Smith'], identifiers: [] }];
const alone = withParagraph(FAMILY, 'Kate rang; later Katie and KATHERINE wrote. Kath.');
const named = withParagraph(FAMILY, 'Joanna spoke to her sister.');

ruleCases(identityVariant, {
  valid: [
    { name: 'the example is clean', identities: people },
    { name: 'doc right example', identities: people, files: { [FAMILY]: right } },
    { name: 'another surname follows: someone else', identities: people, files: { [FAMILY]: withParagraph(FAMILY, 'Joanne Penhale and Joanna Brown attended.') } },
    { name: 'everyday words and lower case are not names', identities: [{ pseudonym: 'Adult E', names: ['William Stone'], identifiers: [] }],
      files: { [FAMILY]: withParagraph(FAMILY, 'Will the panel agree? The bill was paid; william is lower case.') } },
    { name: 'the declared chair keeps her name', identities: [{ pseudonym: 'Adult F', names: ['Rosalind Archer'], identifiers: [] }] },
  ],
  invalid: [
    { name: 'doc wrong example', identities: people, files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'Jojo', 0, 'given name of Adult A')] },
    { name: 'the registered given name alone', identities: people, files: { [FAMILY]: named }, errors: [at(FAMILY, named, 'Joanna', 0, 'Adult A')] },
    { name: 'diminutives of the data file alone, any case', identities: kate, files: { [FAMILY]: alone }, errors: [
      at(FAMILY, alone, 'Kate', 0, 'Adult D'), at(FAMILY, alone, 'Katie', 0, 'Adult D'), at(FAMILY, alone, 'KATHERINE', 0, 'Adult D'),
      at(FAMILY, alone, 'Kath.', 0, 'Adult D'),
    ] },
    { name: 'in a file name: found, and the name is not printed', identities: kate, files: { 'notes/kate.txt': 'nothing\n' }, errors: [
      { file: 'notes/[file 1 of 1]', line: 1, column: 1, message: 'holds the given name of Adult D' },
    ] },
    { name: 'a YAML value that is not a name field', identities: people, files: { 'review.yml': replaced('review.yml', 'name: Rosalind Teague', 'name: Rosalind Teague\n  note: Joanna') },
      errors: [at('review.yml', replaced('review.yml', 'name: Rosalind Teague', 'name: Rosalind Teague\n  note: Joanna'), 'Joanna', 0, 'Adult A')] },
  ],
});
