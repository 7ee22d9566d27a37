import { ruleCases } from '../../../test/support/rule-tester.js';
import { qaPoints } from './qa-points.js';

// A short review.yml, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 dates (one line), 7 qa, 8… the qa keys.
const PUBLISHED = '{ submitted: 2024-11-29, qa_cleared: 2025-03-14, published: 2025-04-30, commissioner_sent: 2024-11-29 }';
const review = (status: string, qa: string, type = 'dhr', dates = PUBLISHED) =>
  `id: DHR-2024-03\ntype: ${type}\nstatus: ${status}\ncsp: safer-gloucestershire\nlead_district: stroud\n`
  + `dates: ${dates}\nqa:\n${qa}`;

const resolved = '  outcome: cleared-with-changes\n  letter_date: 2025-03-14\n  points:\n'
  + '    - { id: Q1, summary: Equality section too brief, response: Rewritten with each characteristic, resolved: true }\n';

ruleCases(qaPoints, {
  valid: [
    { name: 'the example review (no QA outcome yet)' },
    { name: 'doc right example: every point resolved', files: { 'review.yml': review('published', resolved) } },
    {
      name: 'an open point before publication is work in progress',
      files: { 'review.yml': review('qa-feedback', '  outcome: resubmit\n  points:\n    - { id: Q1, summary: Terms of reference too late, resolved: false }\n', 'dhr', '{ submitted: 2024-11-29 }') },
    },
    {
      name: 'a learning review does not go to the QA panel',
      files: { 'review.yml': review('published', '  outcome: cleared\n  points:\n    - { id: Q1, summary: x, resolved: false }\n', 'learning-review') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: published with an unresolved point',
      files: { 'review.yml': review('published', '  outcome: cleared-with-changes\n  letter_date: 2025-03-14\n  points:\n    - { id: Q1, summary: Equality section too brief, resolved: false }\n') },
      errors: [{ file: 'review.yml', line: 11, column: 64, message: 'QA point 1 of 1' }],
    },
    {
      name: 'a point with no resolved key at all counts as open',
      files: { 'review.yml': review('published', '  outcome: cleared\n  letter_date: 2025-03-14\n  points:\n    - { id: Q1, summary: Fine, resolved: true }\n    - { id: Q2, summary: Open }\n') },
      errors: [{ file: 'review.yml', line: 12, message: 'QA point 2 of 2' }],
    },
    {
      name: 'cleared without the letter date',
      files: { 'review.yml': review('cleared', '  outcome: cleared\n  panel_date: 2025-02-20\n') },
      errors: [{ file: 'review.yml', line: 7, column: 1, message: 'qa.letter_date' }],
    },
    {
      name: 'published after a resubmit outcome',
      files: { 'review.yml': review('published', '  outcome: resubmit\n  letter_date: 2025-03-14\n') },
      errors: [{ file: 'review.yml', line: 8, column: 12, message: 'resubmit' }],
    },
  ],
});
