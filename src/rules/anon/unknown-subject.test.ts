import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced } from '../../../test/support/anon.js';
import { unknownSubject } from './unknown-subject.js';

const ICB = 'chronologies/icb.csv';
const wrong = replaced(ICB, '2019-08-02,,icb,Adult A;Child C,', '2019-08-02,,icb,Adult A; Alfie,');
const right = replaced(ICB, '2019-08-02,,icb,Adult A;Child C,', '2019-08-02,,icb, adult a ;Child C,');
const quoted = replaced(ICB, '2019-08-02,,icb,Adult A;Child C,', '2019-08-02,,icb,"Adult A;Adult D",');

ruleCases(unknownSubject, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example: case and spaces do not matter', files: { [ICB]: right } },
  ],
  invalid: [
    { name: 'doc wrong example: a first name instead of a pseudonym', files: { [ICB]: wrong }, errors: [at(ICB, wrong, 'Alfie', 0, 'one of: Adult A, Adult B, Child C')] },
    { name: 'a quoted cell with a pseudonym that is not in review.yml', files: { [ICB]: quoted }, errors: [at(ICB, quoted, 'Adult D')] },
  ],
});
