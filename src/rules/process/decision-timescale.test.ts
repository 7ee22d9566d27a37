import { ruleCases } from '../../../test/support/rule-tester.js';
import { decisionTimescale } from './decision-timescale.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
const review = (dates: string, head = 'type: dhr\nstatus: in-progress') =>
  `id: DHR-2024-03\n${head}\ncsp: safer-gloucestershire\nlead_district: stroud\ndates:\n${dates}`;

ruleCases(decisionTimescale, {
  valid: [
    { name: 'the example review' },
    {
      name: 'doc right example: decision within the month',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-14\n') },
    },
    {
      name: 'decision exactly one calendar month after notification',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-02-23\n') },
    },
    {
      name: '31 January + one month is 29 February in a leap year',
      files: { 'review.yml': review('  notification: 2024-01-31\n  decision: 2024-02-29\n') },
    },
    {
      name: 'no decision yet, but the month has not passed',
      files: { 'review.yml': review('  notification: 2025-11-01\n  decision: null\n') },
      today: '2025-11-25',
    },
    {
      name: 'no decision on the last day of the month',
      files: { 'review.yml': review('  notification: 2025-10-25\n') },
      today: '2025-11-25',
    },
    {
      name: 'no notification date: nothing to measure from',
      files: { 'review.yml': review('  notification: null\n  decision: 2024-09-01\n') },
    },
    {
      name: 'a learning review has no statutory decision timescale (protocol §5)',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-03-05\n', 'type: learning-review\nstatus: in-progress') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: decision six weeks after notification',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-03-05\n') },
      errors: [{ file: 'review.yml', line: 8, column: 13, message: '6 weeks after notification on 2024-01-23; it was due within one month, by 2024-02-23' }],
    },
    {
      name: '31 January + one month is 28 February in a common year',
      files: { 'review.yml': review('  notification: 2023-01-31\n  decision: 2023-03-01\n') },
      errors: [{ file: 'review.yml', line: 8, column: 13, message: 'by 2023-02-28' }],
    },
    {
      name: 'decision dated before the notification',
      files: { 'review.yml': review('  notification: 2024-01-23\n  decision: 2024-01-20\n') },
      errors: [{ file: 'review.yml', line: 8, column: 13, message: 'dated before the notification' }],
    },
    {
      name: 'no decision once the month has passed: points at the null value',
      files: { 'review.yml': review('  notification: 2025-10-01\n  decision: null\n') },
      today: '2025-11-25',
      errors: [{ file: 'review.yml', line: 8, column: 13, message: 'No decision date is recorded' }],
    },
    {
      name: 'no decision key at all: points at dates',
      files: { 'review.yml': review('  notification: 2025-10-01\n') },
      today: '2025-11-25',
      errors: [{ file: 'review.yml', line: 6, column: 1, message: 'was due by 2025-11-01' }],
    },
    {
      name: 'a decision not to review still needs its date',
      files: { 'review.yml': review('  notification: 2025-01-10\n  decision: null\n', 'type: dhr\nstatus: not-proceeding') },
      errors: [{ file: 'review.yml', line: 8, column: 13 }],
    },
  ],
});
