/**
 * process/family-informed: once a chair is appointed, the family has been told of the review
 * and offered specialist advocacy (protocol §2.6).
 */
import { defineRule } from '../../lint/rule.js';
import type { Span } from '../../review/model.js';
import { hasKey, locate } from './review-yml.js';

function missing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export const familyInformed = defineRule(
  {
    id: 'process/family-informed',
    tag: 'process',
    severity: 'warning',
    description: 'family not informed / advocacy not offered once a chair is appointed',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    if (missing(meta.dates?.chair_appointed)) return;
    // A whole block may be missing: then point at the chair's appointment date, which is what
    // makes these entries due.
    const at = (path: string[]): Span =>
      hasKey(doc.data, path.slice(0, 1)) ? locate(doc, path) : doc.spanOf(['dates', 'chair_appointed']);

    if (missing(meta.dates?.family_informed)) {
      ctx.report(doc.file, at(['dates', 'family_informed']),
        'A chair has been appointed but no date is recorded for informing the family of the review. The CSP chair '
        + 'should inform the family (unless that would put someone at risk; then say why in the overview report) and '
        + 'record the date in dates.family_informed.');
    }
    if (missing(meta.family?.advocacy_offered)) {
      ctx.report(doc.file, at(['family', 'advocacy_offered']),
        'A chair has been appointed but no date is recorded for offering the family specialist advocacy (such as AAFDA). '
        + 'Offer advocacy when the family is told of the review and record the date in family.advocacy_offered.');
    }
  },
);
