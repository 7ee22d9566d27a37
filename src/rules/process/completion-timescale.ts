/**
 * process/completion-timescale: the review is completed (submitted to the Home Office) within
 * six months of the decision, unless the CSP agreed an extension before the deadline and the
 * Home Office was told (protocol §3.3; the six months are the profile's completion_months).
 */
import { defineRule } from '../../lint/rule.js';
import { showEnum } from '../../review/safe.js';
import { addMonths, compareDates, daysBetween, daysText, durationText, isoDate, monthsText } from '../../dates/index.js';
import { hasKey, isSubmittedOrLater, locate, valueAt } from './review-yml.js';

interface ExtensionEntry {
  index: number;
  agreedOn: string;
  newDeadline?: string;
}

export const completionTimescale = defineRule(
  {
    id: 'process/completion-timescale',
    tag: 'process',
    severity: 'error',
    description: 'not submitted within six months of the decision, with no agreed extension',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    if (meta.status === 'not-proceeding') return;
    const decision = isoDate(meta.dates?.decision);
    if (!decision) return;
    const months = ctx.profile.timescales?.completion_months ?? 6;
    const original = addMonths(decision, months);
    if (!original) return;
    const within = monthsText(months);

    // Extensions count in the order they were agreed; each must be agreed before the deadline
    // it extends (the original one, or the one set by the previous extension).
    const extensions: ExtensionEntry[] = [];
    const raw = Array.isArray(meta.extensions) ? meta.extensions : [];
    raw.forEach((e, index) => {
      if (e === null || typeof e !== 'object') return;
      const path = ['extensions', index];
      const informed = valueAt(doc.data, [...path, 'home_office_informed']);
      const agreedOn = isoDate(e.agreed_on);
      if (informed === null || informed === undefined || informed === '') {
        ctx.report(doc.file, hasKey(doc.data, [...path, 'home_office_informed']) ? doc.spanOf([...path, 'home_office_informed']) : doc.spanOf(path),
          `The Home Office has not been told of the extension${agreedOn ? ` agreed on ${agreedOn}` : ''}: an extension must be `
          + `referred to the Home Office Quality Assurance panel. Record the date it was told in home_office_informed.`);
      }
      if (agreedOn) extensions.push({ index, agreedOn, newDeadline: isoDate(e.new_deadline) });
    });
    extensions.sort((a, b) => compareDates(a.agreedOn, b.agreedOn) || a.index - b.index);

    let deadline = original;
    let extended: ExtensionEntry | undefined;
    for (const e of extensions) {
      if (compareDates(e.agreedOn, deadline) > 0) {
        ctx.report(doc.file, doc.spanOf(['extensions', e.index, 'agreed_on']),
          `This extension was agreed on ${e.agreedOn}, after the deadline of ${deadline} had already passed, so it does not `
          + `extend the timescale. The CSP must agree an extension before the deadline; explain the delay in the Timescales `
          + `section of the overview report.`);
        continue;
      }
      if (e.newDeadline && compareDates(e.newDeadline, deadline) > 0) {
        deadline = e.newDeadline;
        extended = e;
      }
    }
    const due = extended
      ? `the extended deadline of ${deadline} (extension agreed on ${extended.agreedOn})`
      : `the deadline of ${deadline} (${within} after the decision on ${decision})`;

    const submitted = isoDate(meta.dates?.submitted);
    if (submitted) {
      if (compareDates(submitted, deadline) > 0) {
        const message = extended
          ? `The review was submitted on ${submitted}, ${daysText(daysBetween(deadline, submitted) ?? 0)} after ${due}. `
            + 'Explain the delay in the Timescales section of the overview report.'
          : `The review was submitted on ${submitted}, ${durationText(decision, submitted)} after the decision on `
            + `${decision}; it was due within ${within}, by ${deadline}, and no agreed extension covers it. If the CSP agreed `
            + 'one, record it under extensions (agreed_on, new_deadline, reason, home_office_informed); otherwise explain '
            + 'the delay in the Timescales section of the overview report.';
        ctx.report(doc.file, doc.spanOf(['dates', 'submitted']), message);
      }
      return;
    }
    if (compareDates(ctx.today, deadline) <= 0) return;
    const where = locate(doc, ['dates', 'submitted']);
    if (isSubmittedOrLater(meta.status)) {
      ctx.report(doc.file, where,
        `The status is ${showEnum(meta.status, 'one of a submitted review')} but no submission date is recorded, so the review cannot be shown to have `
        + `been submitted by ${due}. Record the date it was sent to the Home Office in dates.submitted.`);
      return;
    }
    ctx.report(doc.file, where,
      `The review has not been submitted and ${due} has passed. Submit the review, or have the CSP agree an extension, `
      + `record it under extensions (agreed_on, new_deadline, reason) and tell the Home Office.`);
  },
);
