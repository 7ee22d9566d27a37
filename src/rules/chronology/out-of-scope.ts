/** chronology/out-of-scope: events before or after the terms-of-reference period. */
import { defineRule } from '../../lint/rule.js';
import { masterOf } from '../../chronology/merge.js';
import { reviewPeriod } from '../../chronology/scope.js';

export const outOfScopeRule = defineRule(
  {
    id: 'chronology/out-of-scope',
    tag: 'chronology',
    severity: 'warning',
    description: 'chronology event outside the terms-of-reference period',
  },
  (ctx) => {
    const period = reviewPeriod(ctx.meta);
    if (!period.from && !period.to) return;
    for (const r of masterOf(ctx.review).rows) {
      const d = r.parsed;
      const cell = r.row.cells.date;
      if (!d || !cell) continue;
      // An approximate date is out only when the whole month or year is outside the period.
      if (period.from && d.end < period.from) {
        ctx.report(r.file, cell, `This event (${d.iso}) is before the review period, which starts on ${period.from} `
          + '(terms_of_reference.period in review.yml): leave it out, summarise it as background, or widen the period.');
      } else if (period.to && d.start > period.to) {
        ctx.report(r.file, cell, `This event (${d.iso}) is after the review period, which ends on ${period.to} `
          + '(terms_of_reference.period in review.yml): leave it out, or widen the period if the panel agreed to.');
      }
    }
  },
);
