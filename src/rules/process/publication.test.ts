import { ruleCases } from '../../../test/support/rule-tester.js';
import { publication } from './publication.js';

// review.yml and action-plan.csv are replaced by short ones, so that line numbers do not depend
// on the example. review.yml lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 dates,
// 7 qa_cleared, 8 published, 9 concluded.
const review = (status: string, cleared: string, published: string, concluded = 'null', type = 'dhr') =>
  `id: DHR-2024-03\ntype: ${type}\nstatus: ${status}\ncsp: safer-gloucestershire\nlead_district: stroud\ndates:\n`
  + `  qa_cleared: ${cleared}\n  published: ${published}\n  concluded: ${concluded}\n`;
const PLAN = [
  'id,recommendation,action,lead_agency,target_date,status',
  'A1,R1,Deliver DASH risk assessment training to all response officers,police,2025-03-31,complete',
  'A2,R2,Audit GP routine enquiry in 40 records,icb,2025-06-30,in-progress',
  'A3,R3,Publish the revised referral pathway,gdass,2025-06-30,',
  'A4,R4,Recommission the perpetrator programme,adult-social-care,2025-06-30,dropped',
  '',
].join('\n');
const closedPlan = PLAN.replace('in-progress', 'complete').replace('2025-06-30,\n', '2025-06-30,complete\n');

ruleCases(publication, {
  valid: [
    { name: 'the example review' },
    { name: 'doc right example: published after clearance', files: { 'review.yml': review('published', '2025-03-10', '2025-04-02') } },
    { name: 'published on the day of clearance', files: { 'review.yml': review('published', '2025-03-10', '2025-03-10') } },
    { name: 'cleared, not yet published', files: { 'review.yml': review('cleared', '2025-03-10', 'null') } },
    {
      name: 'concluded with every action complete or dropped',
      files: { 'review.yml': review('concluded', '2025-03-10', '2025-04-02', '2025-10-01'), 'action-plan.csv': closedPlan },
    },
    { name: 'open actions while the review is only published', files: { 'review.yml': review('published', '2025-03-10', '2025-04-02'), 'action-plan.csv': PLAN } },
    {
      name: 'a learning review is not cleared by the Home Office (protocol §5.5)',
      files: { 'review.yml': review('published', 'null', '2025-04-02', 'null', 'learning-review') },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: published before clearance',
      files: { 'review.yml': review('published', '2025-03-10', '2025-02-20') },
      errors: [{ file: 'review.yml', line: 8, column: 14, message: 'published on 2025-02-20, before Home Office QA clearance on 2025-03-10' }],
    },
    {
      name: 'published with no clearance recorded',
      files: { 'review.yml': review('published', 'null', '2025-02-20') },
      errors: [{ file: 'review.yml', line: 8, column: 14, message: 'no Home Office QA clearance date' }],
    },
    {
      name: 'status published with neither date',
      files: { 'review.yml': review('published', 'null', 'null') },
      errors: [{ file: 'review.yml', line: 3, column: 9, message: 'The status is "published"' }],
    },
    {
      name: 'doc wrong example: concluded with open actions',
      files: { 'review.yml': review('concluded', '2025-03-10', '2025-04-02', '2025-10-01'), 'action-plan.csv': PLAN },
      errors: [
        { file: 'action-plan.csv', line: 3, column: 61, message: 'action A2 is "in-progress"' },
        { file: 'action-plan.csv', line: 4, message: 'action A3 has no status' },
      ],
    },
    {
      name: 'a conclusion date with open actions, status not yet updated',
      files: { 'review.yml': review('published', '2025-03-10', '2025-04-02', '2025-10-01'), 'action-plan.csv': closedPlan.replace('dropped', 'not-started') },
      errors: [{ file: 'action-plan.csv', line: 5, message: 'a conclusion date is recorded' }],
    },
    {
      name: 'a learning review still concludes only with the actions done',
      files: { 'review.yml': review('concluded', 'null', 'null', 'null', 'learning-review'), 'action-plan.csv': closedPlan.replace('dropped', 'in-progress') },
      errors: [{ file: 'action-plan.csv', line: 5 }],
    },
  ],
});
