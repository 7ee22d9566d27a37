import { ruleCases } from '../../../test/support/rule-tester.js';
import { homeOfficeNotified } from './home-office-notified.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 dates, 7 notification, 8 decision, 9 home_office_notified.
const review = (dates: string, head = 'type: dhr\nstatus: in-progress') =>
  `id: DHR-2024-03\n${head}\ncsp: safer-gloucestershire\nlead_district: stroud\ndates:\n${dates}`;

ruleCases(homeOfficeNotified, {
  valid: [
    { name: 'the example review' },
    {
      name: 'doc right example: told within the month',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-14\n  home_office_notified: 2024-02-16\n') },
    },
    {
      name: 'told on the last day of the month',
      files: { 'review.yml': review('  notification: 2024-01-31\n  decision: 2024-02-20\n  home_office_notified: 2024-02-29\n') },
    },
    {
      name: 'not told yet, but the month has not passed',
      files: { 'review.yml': review('  notification: 2025-11-10\n  decision: null\n  home_office_notified: null\n') },
      today: '2025-11-25',
    },
    {
      name: 'a learning review does not go to the Home Office (protocol §5.5)',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-14\n  home_office_notified: null\n', 'type: learning-review\nstatus: in-progress') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: Home Office told after the month',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-14\n  home_office_notified: 2024-03-08\n') },
      errors: [{ file: 'review.yml', line: 9, column: 25, message: 'it should have been told within one month, by 2024-02-23' }],
    },
    {
      name: 'never told, month passed: points at the null value',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-14\n  home_office_notified: null\n') },
      errors: [{ file: 'review.yml', line: 9, column: 25, message: 'has not been told' }],
    },
    {
      name: 'never told, key absent: points at dates',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-14\n') },
      errors: [{ file: 'review.yml', line: 6, column: 1, message: 'has not been told' }],
    },
    {
      name: 'a decision not to review must also be reported to the Home Office',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-14\n  home_office_notified: null\n', 'type: dhr\nstatus: not-proceeding') },
      errors: [{ file: 'review.yml', line: 9, column: 25 }],
    },
  ],
});
