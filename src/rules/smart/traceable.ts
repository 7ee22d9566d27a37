/**
 * smart/traceable: every action traces to a recommendation of the overview report, and every
 * recommendation has at least one action.
 */
import { defineRule } from '../../lint/rule.js';
import { cellTrimmedSpan } from '../cell-span.js';
import { labelKey, overviewRecommendations, recommendationLookup } from '../../review/recommendations.js';
import { actionName, eachAction } from './actions.js';

export const traceable = defineRule(
  {
    id: 'smart/traceable',
    tag: 'smart',
    severity: 'error',
    description: 'action without an existing recommendation, or recommendation without an action',
  },
  (ctx) => {
    const overview = ctx.review.overviewReport;
    if (!overview) return; // nothing to trace to yet
    const recs = overviewRecommendations(ctx.review);
    if (recs.length === 0) return; // report/required-section and report/recommendation-ids say why
    const find = recommendationLookup(recs);
    const plan = ctx.review.actionPlan;
    const used = new Set<string>();
    // a missing "recommendation" column or cell is reported by schema/action (it is required)
    eachAction(ctx, 'recommendation', undefined, (row, cell) => {
      const value = cell?.value.trim() ?? '';
      if (!cell || value === '') return;
      // the label as the report writes it, or as its id: "R03", "3", "Recommendation 3" are R3
      const rec = find(value);
      if (rec) {
        used.add(rec.key);
        return;
      }
      const list = recs.map((r) => r.id).join(', ');
      // only a label is repeated in the message: other text in the cell may be anything
      const which = labelKey(value) !== undefined && value.length <= 24 ? `recommendation ${value}, which is not` : 'a recommendation id that is not';
      ctx.report(plan!.file, cellTrimmedSpan(cell),
        `${actionName(row)} is for ${which} in the overview report (it has ${list}): correct the label, or add the recommendation to the report`,
        value);
    });
    for (const r of recs) {
      if (used.has(r.key)) continue;
      used.add(r.key); // a duplicated id is reported once (report/recommendation-ids reports the duplicate)
      ctx.report(overview.file, r.idSpan ?? r.span, plan
        ? `recommendation ${r.id} has no action in action-plan.csv: add at least one action for it (recommendation column "${r.id}")`
        : `recommendation ${r.id} has no action: action-plan.csv is missing; add it with at least one action for each recommendation`);
    }
  },
);
