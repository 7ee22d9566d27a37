/**
 * process/commissioner-copy: the report goes to the Domestic Abuse Commissioner as well as the Home
 * Office (Domestic Violence, Crime and Victims Act 2004 s.9(3B)–(3C), inserted by the Domestic
 * Abuse Act 2021 s.17). A warning once the review is submitted, an error once it is published.
 */
import { defineRule } from '../../lint/rule.js';
import { isoDate } from '../../dates/index.js';
import { isPublishedOrLater, isSubmittedOrLater, locate } from './review-yml.js';

export const commissionerCopy = defineRule(
  {
    id: 'process/commissioner-copy',
    tag: 'process',
    severity: 'warning',
    description: 'no dates.commissioner_sent once submitted (warning) or published (error)',
    // a learning review is not a statutory review under s.9: no duty to send it (protocol §5)
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const dates = meta.dates && typeof meta.dates === 'object' ? meta.dates : {};
    if (isoDate(dates.commissioner_sent)) return;
    const published = isPublishedOrLater(meta.status) || isoDate(dates.published) !== undefined;
    const submitted = published || isSubmittedOrLater(meta.status) || isoDate(dates.submitted) !== undefined;
    if (!submitted) return;
    const span = locate(doc, ['dates', 'commissioner_sent']);
    if (published) {
      ctx.report(doc.file, span,
        'The review is published, but no date is recorded for sending the report to the Domestic Abuse Commissioner '
        + '(a legal duty since 2021). Send it, and record the date in dates.commissioner_sent.', undefined, 'error');
    } else {
      ctx.report(doc.file, span,
        'The review has been submitted, but no date is recorded for sending the report to the Domestic Abuse '
        + 'Commissioner. Send a copy as soon as reasonably practicable, and record the date in dates.commissioner_sent.');
    }
  },
);
