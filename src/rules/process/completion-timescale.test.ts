import { ruleCases } from '../../../test/support/rule-tester.js';
import { completionTimescale } from './completion-timescale.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 dates, 7 decision, 8 submitted,
// 9 extensions, 10 agreed_on, 11 new_deadline, 12 reason, 13 home_office_informed.
const review = (decision: string, submitted: string, extensions = '', head = 'type: dhr\nstatus: submitted') =>
  `id: DHR-2024-03\n${head}\ncsp: safer-gloucestershire\nlead_district: stroud\ndates:\n`
  + `  decision: ${decision}\n  submitted: ${submitted}\n` + (extensions ? `extensions:\n${extensions}` : '');
const extension = (agreed: string, deadline: string, informed: string | undefined) =>
  `  - agreed_on: ${agreed}\n    new_deadline: ${deadline}\n    reason: criminal trial listed\n`
  + (informed === undefined ? '' : `    home_office_informed: ${informed}\n`);

ruleCases(completionTimescale, {
  valid: [
    { name: 'the example review' },
    {
      name: 'doc right example: late, but within an extension agreed in time and reported',
      files: { 'review.yml': review('2024-03-05', '2024-11-05', extension('2024-07-22', '2024-12-20', '2024-07-25')) },
    },
    {
      name: 'submitted on the last day of the six months',
      files: { 'review.yml': review('2024-02-14', '2024-08-14') },
    },
    {
      name: 'six months from 31 August end on 28 February',
      files: { 'review.yml': review('2024-08-31', '2025-02-28') },
    },
    {
      name: 'in progress and still within the six months',
      files: { 'review.yml': review('2025-06-01', 'null', '', 'type: dhr\nstatus: in-progress') },
      today: '2025-11-25',
    },
    {
      name: 'in progress past six months but within an extension',
      files: { 'review.yml': review('2025-03-01', 'null', extension('2025-08-20', '2025-12-31', '2025-08-22'), 'type: dhr\nstatus: in-progress') },
      today: '2025-11-25',
    },
    {
      name: 'a second extension agreed before the first one ran out',
      files: { 'review.yml': review('2024-01-10', '2024-12-20', extension('2024-06-20', '2024-09-30', '2024-06-21') + extension('2024-09-15', '2024-12-31', '2024-09-16')) },
    },
    {
      name: 'no review is held (not-proceeding)',
      files: { 'review.yml': review('2024-01-10', 'null', '', 'type: dhr\nstatus: not-proceeding') },
    },
    {
      name: 'a learning review has no six-month limit (protocol §5)',
      files: { 'review.yml': review('2024-03-05', '2024-11-05', '', 'type: learning-review\nstatus: submitted') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: submitted eight months after the decision, no extension',
      files: { 'review.yml': review('2024-03-05', '2024-11-05') },
      errors: [{ file: 'review.yml', line: 8, column: 14, message: 'eight months after the decision on 2024-03-05; it was due within six months, by 2024-09-05' }],
    },
    {
      name: 'an extension agreed after the deadline does not count',
      files: { 'review.yml': review('2024-01-10', '2024-10-20', extension('2024-08-01', '2024-10-31', '2024-08-02')) },
      errors: [
        { file: 'review.yml', line: 10, column: 16, message: 'after the deadline of 2024-07-10 had already passed' },
        { file: 'review.yml', line: 8, column: 14, message: 'no agreed extension covers it' },
      ],
    },
    {
      name: 'submitted after the extended deadline',
      files: { 'review.yml': review('2024-03-05', '2025-01-10', extension('2024-07-22', '2024-12-20', '2024-07-25')) },
      errors: [{ file: 'review.yml', line: 8, column: 14, message: '3 weeks after the extended deadline of 2024-12-20 (extension agreed on 2024-07-22)' }],
    },
    {
      name: 'extension the Home Office was not told of (null)',
      files: { 'review.yml': review('2024-03-05', '2024-11-05', extension('2024-07-22', '2024-12-20', 'null')) },
      errors: [{ file: 'review.yml', line: 13, column: 27, message: 'The Home Office has not been told of the extension agreed on 2024-07-22' }],
    },
    {
      name: 'extension the Home Office was not told of (key absent): points at the extension',
      files: { 'review.yml': review('2024-03-05', '2024-11-05', extension('2024-07-22', '2024-12-20', undefined)) },
      errors: [{ file: 'review.yml', line: 10, column: 5, message: 'home_office_informed' }],
    },
    {
      name: 'in progress and past the deadline',
      files: { 'review.yml': review('2025-01-10', 'null', '', 'type: dhr\nstatus: in-progress') },
      today: '2025-11-25',
      errors: [{ file: 'review.yml', line: 8, column: 14, message: 'has not been submitted and the deadline of 2025-07-10' }],
    },
    {
      name: 'status submitted but no submission date, past the deadline',
      files: { 'review.yml': review('2025-01-10', 'null') },
      today: '2025-11-25',
      errors: [{ file: 'review.yml', line: 8, column: 14, message: 'no submission date is recorded' }],
    },
  ],
});
