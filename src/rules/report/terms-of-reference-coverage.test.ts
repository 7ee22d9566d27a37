import { ruleCases } from '../../../test/support/rule-tester.js';
import { termsOfReferenceCoverage } from './terms-of-reference-coverage.js';

const TOR = 'terms-of-reference.md';
// remove every mention of coercion/control and of suicide from the example's terms of reference
const silent = (t: string) => t.replace(/controlling behaviour/g, 'behaviour').replace(/his threats of suicide/g, 'his threats');

ruleCases(termsOfReferenceCoverage, {
  valid: [
    { name: 'the example review (coercive control recorded and in the terms of reference)' },
    {
      name: 'doc right example: coercive control named in a line of enquiry',
      files: { [TOR]: (t) => silent(t).replace('did it recognise the', 'did it recognise coercive control and the') },
    },
    {
      name: 'nothing recorded about coercion or suicide: nothing to ask',
      review: { abuse_types: ['physical'] },
      files: {
        [TOR]: silent,
        'chronologies/police.csv': (t) => t.replace(/[Cc]ontrolling( or coercive)? behaviour/g, 'an offence'),
      },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: coercive control recorded, terms of reference silent',
      files: { [TOR]: silent },
      errors: [{ file: TOR, line: 1, column: 1, message: 'abuse types in review.yml' }],
    },
    {
      name: 'coercive control only in a chronology comment',
      review: { abuse_types: ['physical'] },
      files: { [TOR]: silent },
      errors: [{ file: TOR, line: 1, column: 1, message: 'chronologies record' }],
    },
    {
      name: 'a death by suicide with terms of reference silent on suicide',
      review: { 'death.suicide': true },
      files: { [TOR]: (t) => t.replace(/his threats of suicide/g, 'his threats') },
      errors: [{ file: TOR, line: 1, column: 1, message: 'do not mention suicide' }],
    },
    {
      name: 'no terms-of-reference.md: the overview report section is read',
      files: { [TOR]: null },
      errors: [{ file: 'overview-report.md', line: 45, column: 1, message: 'do not mention coercive control' }],
    },
  ],
});
