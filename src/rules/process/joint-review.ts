/**
 * process/joint-review: where the victim is 16–17, a child also died, or the victim had care
 * and support needs, the children's safeguarding partnership or Safeguarding Adults Board is
 * consulted about a joint review (protocol §2.4). review.yml records the outcome: `joint_with`
 * lists the joint review, or `joint_review_considered: true` says it was considered and declined.
 */
import { defineRule } from '../../lint/rule.js';
import { isSafePseudonym } from '../../review/safe.js';

/** A subject who died: role "victim" or "deceased" as a word ("victim's son" does not count). */
function died(role: unknown): boolean {
  if (typeof role !== 'string') return false;
  const words = role.toLowerCase().split(/[^a-z'’]+/);
  return words.includes('victim') || words.includes('deceased');
}

export const jointReview = defineRule(
  {
    id: 'process/joint-review',
    tag: 'process',
    severity: 'warning',
    description: 'victim 16–17, child death, care-and-support needs: joint review not considered',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta || !Array.isArray(meta.subjects)) return;
    if (Array.isArray(meta.joint_with) && meta.joint_with.length > 0) return;
    if (meta.joint_review_considered === true) return;
    const record = 'Record the outcome in review.yml: list the joint review in joint_with, or set '
      + 'joint_review_considered: true once it has been considered.';

    meta.subjects.forEach((s, i) => {
      if (!s || typeof s !== 'object' || !died(s.role)) return;
      const who = typeof s.pseudonym === 'string' && isSafePseudonym(s.pseudonym.trim(), ctx.guard) ? s.pseudonym.trim() : 'A person who died';
      const age = typeof s.age === 'number' && Number.isInteger(s.age) ? s.age : undefined;
      if (age === 16 || age === 17) {
        ctx.report(doc.file, doc.spanOf(['subjects', i, 'age']),
          `${who} was ${age}: the children's safeguarding partnership should be consulted about a joint review. ${record}`);
      } else if (age !== undefined && age < 16) {
        ctx.report(doc.file, doc.spanOf(['subjects', i, 'age']),
          `${who}, a child under 18, also died: the children's safeguarding partnership should be consulted about a joint `
          + `review. ${record}`);
      }
      if (s.care_and_support_needs === true) {
        ctx.report(doc.file, doc.spanOf(['subjects', i, 'care_and_support_needs']),
          `${who} had care and support needs: the Safeguarding Adults Board should be consulted about a joint review. ${record}`);
      }
    });
  },
);
