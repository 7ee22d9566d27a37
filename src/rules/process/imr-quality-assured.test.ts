import { ruleCases } from '../../../test/support/rule-tester.js';
import { imrQualityAssured } from './imr-quality-assured.js';

// imrs/police.md is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 ---, 2 agency, 3 author, 4 author_role, 5 author_involved_in_case,
// 6 author_manages_involved_staff, then the quality-assurance lines (7, 8), then ---.
const imr = (qa: string[]) => [
  '---', 'agency: police', 'author: Rachel Farrant', 'author_role: Detective Inspector, Review and Learning Team',
  'author_involved_in_case: false', 'author_manages_involved_staff: false', ...qa, '---', '',
  '# Individual Management Review: Gloucestershire Constabulary', '',
].join('\n');

ruleCases(imrQualityAssured, {
  valid: [
    { name: 'the example review' },
    {
      name: 'doc right example: quality-assured by the commissioning senior manager',
      files: { 'imrs/police.md': imr(['quality_assured_by: Detective Superintendent, Head of Public Protection', 'quality_assured_on: 2024-08-23']) },
    },
    {
      name: 'a learning review has no IMRs to check (protocol §5.4)',
      files: { 'imrs/police.md': imr([]), 'review.yml': (t) => t.replace(/^type: dhr$/m, 'type: learning-review') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: no quality assurance recorded',
      files: { 'imrs/police.md': imr(['quality_assured_by: null', 'quality_assured_on: null']) },
      errors: [{ file: 'imrs/police.md', line: 7, column: 21, message: 'The police IMR has no record of quality assurance' }],
    },
    {
      name: 'keys absent: points at the start of the front matter',
      files: { 'imrs/police.md': imr([]) },
      errors: [{ file: 'imrs/police.md', line: 2, column: 1, message: 'no record of quality assurance' }],
    },
    {
      name: 'no date of quality assurance',
      files: { 'imrs/police.md': imr(['quality_assured_by: Detective Superintendent', 'quality_assured_on: null']) },
      errors: [{ file: 'imrs/police.md', line: 8, column: 21, message: 'does not say when' }],
    },
    {
      name: 'nobody named for quality assurance',
      files: { 'imrs/police.md': imr(["quality_assured_by: ''", 'quality_assured_on: 2024-08-23']) },
      errors: [{ file: 'imrs/police.md', line: 7, column: 21, message: 'does not say who' }],
    },
    {
      name: 'quality-assured by the author',
      files: { 'imrs/police.md': imr(['quality_assured_by: rachel farrant', 'quality_assured_on: 2024-08-23']) },
      errors: [{ file: 'imrs/police.md', line: 7, column: 21, message: 'quality-assured by its own author' }],
    },
  ],
});
