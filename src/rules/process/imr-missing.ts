/**
 * process/imr-missing: every agency asked for an IMR (`involvement: imr`) has one in
 * imrs/<agency>.md by the time the review is submitted (protocol §3.4).
 */
import { defineRule } from '../../lint/rule.js';
import { isSafeId, showId } from '../../review/safe.js';
import { isSubmittedOrLater, text } from './review-yml.js';

export const imrMissing = defineRule(
  {
    id: 'process/imr-missing',
    tag: 'process',
    severity: 'error',
    description: 'an agency with involvement "imr" has no imrs/<agency>.md once the review is submitted',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta || !Array.isArray(meta.agencies)) return;
    // While the review is in progress IMRs are still being written; by submission they exist.
    if (!isSubmittedOrLater(meta.status) && !text(meta.dates?.submitted)) return;
    meta.agencies.forEach((a, i) => {
      if (!a || typeof a !== 'object' || a.involvement !== 'imr' || typeof a.id !== 'string') return;
      if (ctx.review.imrs.has(a.id)) return;
      ctx.report(doc.file, doc.spanOf(['agencies', i, 'involvement']),
        (isSafeId(a.id, ctx.guard)
          ? `The agency "${a.id}" was asked for an Individual Management Review, but there is no imrs/${a.id}.md. Add the IMR, `
          : 'This agency was asked for an Individual Management Review, but there is no IMR named after its id in imrs/. Add the IMR, ')
        + 'or change involvement to "chronology" or "summary" if no IMR was commissioned.');
    });
  },
);
