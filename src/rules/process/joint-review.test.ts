import { ruleCases } from '../../../test/support/rule-tester.js';
import { jointReview } from './joint-review.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 joint_with, 7 joint_review_considered,
// 8 subjects, 9 victim, 10 perpetrator, 11 a third subject.
const VICTIM = '  - { pseudonym: Adult A, role: victim, age: 34, gender: female, care_and_support_needs: false }';
const PERPETRATOR = '  - { pseudonym: Adult B, role: perpetrator, age: 37, gender: male }';
const CHILD = '  - { pseudonym: Child C, role: child, age: 9, gender: male, relationship_to_victim: son }';
function review(o: { victim?: string; third?: string; jointWith?: string; considered?: string; type?: string } = {}): string {
  return [
    'id: DHR-2024-03', `type: ${o.type ?? 'dhr'}`, 'status: in-progress', 'csp: safer-gloucestershire', 'lead_district: stroud',
    `joint_with: ${o.jointWith ?? '[]'}`, `joint_review_considered: ${o.considered ?? 'false'}`, 'subjects:',
    o.victim ?? VICTIM, PERPETRATOR, o.third ?? CHILD, '',
  ].join('\n');
}
/** Column of `token` on 1-based `line` of `text`. */
const col = (text: string, line: number, token: string) => text.split('\n')[line - 1].indexOf(token) + 1;

const aged17 = review({ victim: VICTIM.replace('age: 34', 'age: 17') });
const needs = review({ victim: VICTIM.replace('care_and_support_needs: false', 'care_and_support_needs: true') });
const childDied = review({ third: '  - { pseudonym: Child C, role: victim, age: 9, gender: male, relationship_to_victim: son }' });
const deceased = review({ third: '  - { pseudonym: Child C, role: child (deceased), age: 12 }' });

ruleCases(jointReview, {
  valid: [
    { name: 'the example review' },
    { name: 'an adult victim without care and support needs', files: { 'review.yml': review() } },
    { name: 'doc right example: the joint review was considered', files: { 'review.yml': aged17.replace('joint_review_considered: false', 'joint_review_considered: true') } },
    { name: 'a joint review is held', files: { 'review.yml': needs.replace('joint_with: []', 'joint_with: [sar]') } },
    { name: "the victim's child is alive (role 'child')", files: { 'review.yml': review({ third: "  - { pseudonym: Child C, role: victim's son, age: 9 }" }) } },
    { name: 'a learning review is not checked', files: { 'review.yml': review({ victim: VICTIM.replace('age: 34', 'age: 16'), type: 'learning-review' }) } },
  ],
  invalid: [
    {
      name: 'doc wrong example: the victim was 17 and no joint review was considered',
      files: { 'review.yml': aged17 },
      errors: [{ file: 'review.yml', line: 9, column: col(aged17, 9, '17'), message: "Adult A was 17: the children's safeguarding partnership" }],
    },
    {
      name: 'the victim had care and support needs',
      files: { 'review.yml': needs },
      errors: [{ file: 'review.yml', line: 9, column: col(needs, 9, 'true'), message: 'Safeguarding Adults Board' }],
    },
    {
      name: 'a child also died (a second victim under 18)',
      files: { 'review.yml': childDied },
      errors: [{ file: 'review.yml', line: 11, column: col(childDied, 11, '9,'), message: 'Child C, a child under 18, also died' }],
    },
    {
      name: "a child recorded as 'deceased'",
      files: { 'review.yml': deceased },
      errors: [{ file: 'review.yml', line: 11, column: col(deceased, 11, '12'), message: 'also died' }],
    },
    {
      name: 'joint_review_considered absent counts as not considered',
      files: { 'review.yml': aged17.replace('joint_review_considered: false\n', '') },
      errors: [{ file: 'review.yml', line: 8, column: col(aged17, 9, '17') }],
    },
  ],
});
