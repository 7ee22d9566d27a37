import { ruleCases } from '../../../test/support/rule-tester.js';
import { panelSeniority } from './panel-seniority.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 panel, 7 name, 8 role, 9 agency,
// 10 senior, 11 manages_involved_staff.
const review = (senior: string, manages: string, type = 'dhr') =>
  `id: DHR-2024-03\ntype: ${type}\nstatus: in-progress\ncsp: safer-gloucestershire\nlead_district: stroud\npanel:\n`
  + '  - name: Fiona Caddick\n    role: Head of Safeguarding\n    agency: ghft\n'
  + `    senior: ${senior}\n    manages_involved_staff: ${manages}\n`;

ruleCases(panelSeniority, {
  valid: [
    { name: 'the example review' },
    { name: 'doc right example: a senior member independent of involved staff', files: { 'review.yml': review('true', 'false') } },
    { name: 'a learning review has no panel (protocol §5.4)', files: { 'review.yml': review('false', 'true', 'learning-review') } },
  ],
  invalid: [
    {
      name: 'doc wrong example: not senior, and manages involved staff',
      files: { 'review.yml': review('false', 'true') },
      errors: [
        { file: 'review.yml', line: 10, column: 13, message: 'Panel member 1 is not recorded as senior' },
        { file: 'review.yml', line: 11, column: 29, message: 'line-manages staff involved in the case' },
      ],
    },
    {
      name: 'not senior',
      files: { 'review.yml': review('false', 'false') },
      errors: [{ file: 'review.yml', line: 10, column: 13 }],
    },
  ],
});
