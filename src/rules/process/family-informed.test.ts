import { ruleCases } from '../../../test/support/rule-tester.js';
import { familyInformed } from './family-informed.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 dates, 7 chair_appointed,
// 8 family_informed, 9 family, 10 advocacy_offered.
const review = (chair: string, informed: string | undefined, family: string | undefined, type = 'dhr') =>
  `id: DHR-2024-03\ntype: ${type}\nstatus: in-progress\ncsp: safer-gloucestershire\nlead_district: stroud\ndates:\n`
  + `  chair_appointed: ${chair}\n` + (informed === undefined ? '' : `  family_informed: ${informed}\n`)
  + (family === undefined ? '' : `family:\n${family}`);

ruleCases(familyInformed, {
  valid: [
    { name: 'the example review' },
    {
      name: 'doc right example: family informed and advocacy offered',
      files: { 'review.yml': review('2024-03-04', '2024-03-11', '  advocacy_offered: 2024-03-11\n  advocate: AAFDA\n') },
    },
    {
      name: 'no chair appointed yet',
      files: { 'review.yml': review('null', 'null', '  advocacy_offered: null\n') },
    },
    {
      name: 'a learning review (protocol §5) is not checked',
      files: { 'review.yml': review('2024-03-04', 'null', '  advocacy_offered: null\n', 'learning-review') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: chair appointed, family not informed, no advocacy',
      files: { 'review.yml': review('2024-03-04', 'null', '  advocacy_offered: null\n') },
      errors: [
        { file: 'review.yml', line: 8, column: 20, message: 'no date is recorded for informing the family' },
        { file: 'review.yml', line: 10, column: 21, message: 'specialist advocacy' },
      ],
    },
    {
      name: 'family informed but advocacy not offered',
      files: { 'review.yml': review('2024-03-04', '2024-03-11', '  advocacy_offered: null\n') },
      errors: [{ file: 'review.yml', line: 10, column: 21, message: 'family.advocacy_offered' }],
    },
    {
      name: 'keys absent: family_informed points at dates, advocacy at family',
      files: { 'review.yml': review('2024-03-04', undefined, '  advocate: AAFDA\n') },
      errors: [
        { file: 'review.yml', line: 6, column: 1, message: 'dates.family_informed' },
        { file: 'review.yml', line: 8, column: 1, message: 'family.advocacy_offered' },
      ],
    },
    {
      name: 'no family block at all: points at the chair appointment',
      files: { 'review.yml': review('2024-03-04', '2024-03-11', undefined) },
      errors: [{ file: 'review.yml', line: 7, column: 20, message: 'family.advocacy_offered' }],
    },
  ],
});
