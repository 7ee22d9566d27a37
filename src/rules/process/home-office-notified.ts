/**
 * process/home-office-notified: the CSP tells the Home Office of its decision — including a
 * decision not to hold a review — within one month of notification (protocol §2.3; the month
 * is the profile's home_office_notified_months).
 */
import { defineRule } from '../../lint/rule.js';
import { addMonths, compareDates, durationText, isoDate, monthsText } from '../../dates/index.js';
import { locate } from './review-yml.js';

export const homeOfficeNotified = defineRule(
  {
    id: 'process/home-office-notified',
    tag: 'process',
    severity: 'error',
    description: 'Home Office not told within one month of notification',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const notification = isoDate(meta.dates?.notification);
    if (!notification) return;
    const months = ctx.profile.timescales?.home_office_notified_months ?? 1;
    const deadline = addMonths(notification, months);
    if (!deadline) return;
    const within = monthsText(months);
    const told = isoDate(meta.dates?.home_office_notified);

    if (told) {
      if (compareDates(told, deadline) > 0) {
        ctx.report(doc.file, doc.spanOf(['dates', 'home_office_notified']),
          `The Home Office was told of the decision on ${told}, ${durationText(notification, told)} after notification on `
          + `${notification}; it should have been told within ${within}, by ${deadline}. Check the date; if it is right, `
          + 'explain the delay in the Timescales section of the overview report.');
      }
      return;
    }
    if (compareDates(ctx.today, deadline) > 0) {
      ctx.report(doc.file, locate(doc, ['dates', 'home_office_notified']),
        `The Home Office has not been told of the CSP's decision, and ${within} has passed since notification on `
        + `${notification} (it was due by ${deadline}). Tell the Home Office (also when the decision is not to hold a review) `
        + `and record the date in dates.home_office_notified.`);
    }
  },
);
