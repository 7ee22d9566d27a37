/**
 * process/decision-timescale: the CSP decides whether to hold a review within one month of
 * being notified of the death (protocol §3.3; the month is the profile's decision_months).
 */
import { defineRule } from '../../lint/rule.js';
import { addMonths, compareDates, durationText, isoDate, monthsText } from '../../dates/index.js';
import { locate } from './review-yml.js';

export const decisionTimescale = defineRule(
  {
    id: 'process/decision-timescale',
    tag: 'process',
    severity: 'error',
    description: 'decision more than one month after notification',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const notification = isoDate(meta.dates?.notification);
    if (!notification) return;
    const months = ctx.profile.timescales?.decision_months ?? 1;
    const deadline = addMonths(notification, months);
    if (!deadline) return;
    const within = monthsText(months);
    const decision = isoDate(meta.dates?.decision);

    if (decision) {
      if (compareDates(decision, notification) < 0) {
        ctx.report(doc.file, doc.spanOf(['dates', 'decision']),
          `The decision (${decision}) is dated before the notification (${notification}): check both dates in review.yml.`);
      } else if (compareDates(decision, deadline) > 0) {
        ctx.report(doc.file, doc.spanOf(['dates', 'decision']),
          `The decision whether to hold a review was made on ${decision}, ${durationText(notification, decision)} after `
          + `notification on ${notification}; it was due within ${within}, by ${deadline}. Check the dates; if they are `
          + 'right, explain the delay in the Timescales section of the overview report.');
      }
      return;
    }
    if (compareDates(ctx.today, deadline) > 0) {
      ctx.report(doc.file, locate(doc, ['dates', 'decision']),
        `No decision date is recorded and ${within} has passed since notification on ${notification} (the decision was due `
        + `by ${deadline}). The CSP must decide whether to hold a review; record the date in dates.decision.`);
    }
  },
);
