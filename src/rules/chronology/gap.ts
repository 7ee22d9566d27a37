/** chronology/gap: a long period in the review period with no agency contact at all. */
import { defineRule } from '../../lint/rule.js';
import { masterOf } from '../../chronology/merge.js';
import { findGaps } from '../../chronology/gaps.js';
import { reviewPeriod } from '../../chronology/scope.js';

export const gapRule = defineRule(
  {
    id: 'chronology/gap',
    tag: 'chronology',
    severity: 'info',
    description: 'a long period with no agency contact (threshold in config)',
  },
  (ctx) => {
    const gapDays = ctx.config.chronology?.gap_days ?? 180;
    const period = reviewPeriod(ctx.meta);
    const advice = 'check that every agency that may have had contact has sent its chronology, and say in the report what is known of this time.';
    for (const g of findGaps(masterOf(ctx.review).rows, period, gapDays)) {
      if (g.after) {
        const cell = g.after.row.cells.date;
        const span = cell ?? { line: g.after.row.line, column: 1, endLine: g.after.row.line, endColumn: 1 };
        const since = g.atStart ? `the start of the review period (${g.from})` : `the previous contact (${g.from})`;
        ctx.report(g.after.file, span,
          `No agency had contact for ${g.days} days, from ${since} to this one (${g.to}), more than the ${gapDays} days allowed: ${advice}`);
      } else if (ctx.review.meta) {
        const span = ctx.review.meta.spanOf(['terms_of_reference', 'period', 'to']);
        ctx.report(ctx.review.meta.file, span,
          `No agency had contact for ${g.days} days, from the last contact (${g.from}) to the end of the review period (${g.to}), `
          + `more than the ${gapDays} days allowed: ${advice}`);
      }
    }
  },
);
