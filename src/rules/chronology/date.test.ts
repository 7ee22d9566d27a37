import { ruleCases } from '../../../test/support/rule-tester.js';
import { dateRule } from './date.js';

const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment\n';
const row = (date: string, id = '1') =>
  `${id},${date},,police,Adult A,Incident log,Adult A reported an argument at home.,Words of advice given.,Response officer,no,\n`;
const police = (...dates: string[]) => HEADER + dates.map((d, i) => row(d, String(i + 1))).join('');

ruleCases(dateRule, {
  valid: [
    { name: 'the example review' },
    // The doc's right example.
    { name: 'ISO, UK and approximate forms', files: { 'chronologies/police.csv': police('2020-02-29', '29/02/2020', '3/4/2021', '2020-03', '03/2020', '2019', 'March 2020') } },
    { name: 'today itself is not in the future', today: '2024-05-01', files: { 'chronologies/police.csv': police('2024-05-01', '2024-05', '2024') } },
    { name: 'an empty date is left to schema/chronology', files: { 'chronologies/police.csv': police('') } },
  ],
  invalid: [
    // The doc's wrong example.
    {
      name: 'impossible day, month 13, US order',
      files: { 'chronologies/police.csv': police('31/02/2020', '2021-13-01', '12/31/2020') },
      errors: [
        { file: 'chronologies/police.csv', line: 2, column: 3, message: 'February 2020 has 29 days' },
        { file: 'chronologies/police.csv', line: 3, column: 3, message: 'month 13 does not exist' },
        { file: 'chronologies/police.csv', line: 4, column: 3, message: 'US-style' },
      ],
    },
    {
      name: 'not a date, two-digit year, year-first with slashes',
      files: { 'chronologies/police.csv': police('last spring', '14/06/19', '2020/03/04') },
      errors: [
        { file: 'chronologies/police.csv', line: 2, column: 3, message: 'not a date in a recognised form' },
        { file: 'chronologies/police.csv', line: 3, column: 3, message: 'two digits' },
        { file: 'chronologies/police.csv', line: 4, column: 3, message: 'ambiguous' },
      ],
    },
    {
      name: 'a future date (a year typed wrongly)',
      today: '2025-11-25',
      files: { 'chronologies/police.csv': police('2052-11-04', '2026') },
      errors: [
        { file: 'chronologies/police.csv', line: 2, column: 3, message: 'in the future' },
        { file: 'chronologies/police.csv', line: 3, column: 3, message: 'in the future' },
      ],
    },
    {
      name: 'a 29 February in a year that is not a leap year',
      files: { 'chronologies/police.csv': police('29/02/2023') },
      errors: [{ file: 'chronologies/police.csv', line: 2, column: 3, message: 'February 2023 has 28 days' }],
    },
  ],
});
