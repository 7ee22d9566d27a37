import { ruleCases } from '../../../test/support/rule-tester.js';
import { commissionerCopy } from './commissioner-copy.js';

// A short review.yml, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 dates, 7… the dates given.
const review = (status: string, dates: string, type = 'dhr') =>
  `id: DHR-2024-03\ntype: ${type}\nstatus: ${status}\ncsp: safer-gloucestershire\nlead_district: stroud\ndates:\n${dates}`;

ruleCases(commissionerCopy, {
  valid: [
    { name: 'the example review (submitted, copy sent)' },
    {
      name: 'doc right example: published and the copy recorded',
      files: { 'review.yml': review('published', '  submitted: 2024-11-29\n  qa_cleared: 2025-03-14\n  published: 2025-04-30\n  commissioner_sent: 2024-11-29\n') },
    },
    {
      name: 'still in progress: nothing to send yet',
      files: { 'review.yml': review('in-progress', '  decision: 2024-02-14\n') },
    },
    {
      name: 'a learning review is not a statutory review under s.9',
      files: { 'review.yml': review('published', '  published: 2025-04-30\n', 'learning-review') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: published without the copy (error)',
      files: { 'review.yml': review('published', '  submitted: 2024-11-29\n  qa_cleared: 2025-03-14\n  published: 2025-04-30\n') },
      errors: [{ file: 'review.yml', line: 6, column: 1, message: 'published', severity: 'error' }],
    },
    {
      name: 'submitted without the copy: a warning at the empty value',
      files: { 'review.yml': review('submitted', '  submitted: 2024-11-29\n  commissioner_sent: null\n') },
      errors: [{ file: 'review.yml', line: 8, column: 22, message: 'submitted', severity: 'warning' }],
    },
    {
      name: 'status still in progress but a submission date recorded counts as submitted',
      files: { 'review.yml': review('in-progress', '  submitted: 2024-11-29\n') },
      errors: [{ file: 'review.yml', line: 6, column: 1, severity: 'warning' }],
    },
    {
      name: 'concluded without the copy (error)',
      files: { 'review.yml': review('concluded', '  commissioner_sent: null\n') },
      errors: [{ file: 'review.yml', line: 7, column: 22, severity: 'error' }],
    },
  ],
});
