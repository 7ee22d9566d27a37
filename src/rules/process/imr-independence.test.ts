import { ruleCases } from '../../../test/support/rule-tester.js';
import { imrIndependence } from './imr-independence.js';

// imrs/police.md is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 ---, 2 agency, 3 author, 4 author_role, 5 author_involved_in_case,
// 6 author_manages_involved_staff, 7 quality_assured_by, 8 quality_assured_on, 9 ---.
const imr = (involved: string, manages: string) => [
  '---', 'agency: police', 'author: Rachel Farrant', 'author_role: Detective Inspector, Review and Learning Team',
  `author_involved_in_case: ${involved}`, `author_manages_involved_staff: ${manages}`,
  'quality_assured_by: Detective Superintendent, Head of Public Protection', 'quality_assured_on: 2024-08-23', '---', '',
  '# Individual Management Review: Gloucestershire Constabulary', '',
].join('\n');

ruleCases(imrIndependence, {
  valid: [
    { name: 'the example review' },
    { name: 'doc right example: an author with no part in the case', files: { 'imrs/police.md': imr('false', 'false') } },
    {
      name: 'a learning review has no IMRs to check (protocol §5.4)',
      files: { 'imrs/police.md': imr('true', 'true'), 'review.yml': (t) => t.replace(/^type: dhr$/m, 'type: learning-review') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: the author was involved in the case',
      files: { 'imrs/police.md': imr('true', 'false') },
      errors: [{ file: 'imrs/police.md', line: 5, column: 26, message: 'The author of the police IMR was directly involved' }],
    },
    {
      name: 'the author line-manages involved staff',
      files: { 'imrs/police.md': imr('false', 'true') },
      errors: [{ file: 'imrs/police.md', line: 6, column: 32, message: 'line-manages staff involved' }],
    },
  ],
});
