import { ruleCases } from '../../../test/support/rule-tester.js';
import { outOfScopeRule } from './out-of-scope.js';

const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment\n';
const police = (...dates: string[]) =>
  HEADER + dates.map((d, i) => `${i + 1},${d},,police,Adult A,Incident log,Adult A reported an argument at home.,,Response officer,no,\n`).join('');
// The example's terms of reference run from 2019-01-01 to 2024-01-19.
const period = { 'terms_of_reference.period.from': '2019-01-01', 'terms_of_reference.period.to': '2024-01-19' };

ruleCases(outOfScopeRule, {
  valid: [
    { name: 'the example review' },
    // The doc's right example: approximate dates that overlap the period are in.
    { name: 'first and last days, and approximate dates overlapping the period', review: period,
      files: { 'chronologies/police.csv': police('2019-01-01', '2024-01-19', '2024-01', '2019', '12/2023', '2024') } },
    { name: 'no period in review.yml: nothing to check', review: { 'terms_of_reference': null },
      files: { 'chronologies/police.csv': police('1999-05-01') } },
  ],
  invalid: [
    // The doc's wrong example.
    {
      name: 'before and after the period',
      review: period,
      files: { 'chronologies/police.csv': police('2018-12-31', '2024-01-20', '12/2018', '2018', '2025') },
      errors: [
        { file: 'chronologies/police.csv', line: 2, column: 3, message: 'before the review period' },
        { file: 'chronologies/police.csv', line: 3, column: 3, message: 'after the review period' },
        { file: 'chronologies/police.csv', line: 4, column: 3, message: 'before the review period' },
        { file: 'chronologies/police.csv', line: 5, column: 3, message: 'before the review period' },
        { file: 'chronologies/police.csv', line: 6, column: 3, message: 'after the review period' },
      ],
    },
    {
      name: 'only one end of the period given',
      review: { 'terms_of_reference.period.to': null, 'terms_of_reference.period.from': '2020-06-01' },
      files: { chronologies: null, 'chronologies/police.csv': police('2020-05-31', '2030-01-01') },
      errors: [{ file: 'chronologies/police.csv', line: 2, column: 3, message: 'starts on 2020-06-01' }],
    },
  ],
});
