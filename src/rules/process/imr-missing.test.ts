import { ruleCases } from '../../../test/support/rule-tester.js';
import { imrMissing } from './imr-missing.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 agencies, 7 police, 8 icb, 9 ghft.
const review = (status: string, type = 'dhr') => [
  'id: DHR-2024-03', `type: ${type}`, `status: ${status}`, 'csp: safer-gloucestershire', 'lead_district: stroud', 'agencies:',
  '  - { id: police, name: Gloucestershire Constabulary, statutory: true, kind: police, involvement: imr }',
  '  - { id: icb, name: NHS Gloucestershire Integrated Care Board, statutory: true, kind: health, involvement: imr }',
  '  - { id: ghft, name: Gloucestershire Hospitals NHS Foundation Trust, statutory: true, kind: health, involvement: chronology }',
  '',
].join('\n');

ruleCases(imrMissing, {
  valid: [
    { name: 'the example review' },
    { name: 'doc right example: every IMR agency has its IMR', files: { 'review.yml': review('submitted') } },
    {
      name: 'doc right example: no IMR commissioned, and involvement says so',
      files: { 'review.yml': review('submitted').replace('kind: health, involvement: imr', 'kind: health, involvement: chronology'), 'imrs/icb.md': null },
    },
    { name: 'IMRs may still be in preparation while the review is in progress', files: { 'review.yml': review('in-progress'), 'imrs/icb.md': null } },
    { name: 'a learning review asks for no IMRs (protocol §5.4)', files: { 'review.yml': review('submitted', 'learning-review'), 'imrs/icb.md': null } },
  ],
  invalid: [
    {
      name: 'doc wrong example: submitted without the ICB IMR',
      files: { 'review.yml': review('submitted'), 'imrs/icb.md': null },
      errors: [{ file: 'review.yml', line: 8, column: 109, message: 'there is no imrs/icb.md' }],
    },
    {
      name: 'a submission date counts even if the status was not updated',
      files: { 'review.yml': review('in-progress').replace('agencies:', 'dates: { submitted: 2024-11-29 }\nagencies:'), 'imrs/police.md': null },
      errors: [{ file: 'review.yml', line: 8, column: 99, message: 'there is no imrs/police.md' }],
    },
  ],
});
