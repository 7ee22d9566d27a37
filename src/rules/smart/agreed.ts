/** smart/agreed: every action has been agreed at a senior level (`signed_off_by`). */
import { defineRule } from '../../lint/rule.js';
import { actionName, cellOrRow, eachAction } from './actions.js';

export const agreed = defineRule(
  {
    id: 'smart/agreed',
    tag: 'smart',
    severity: 'warning',
    description: 'no senior sign-off (signed_off_by)',
  },
  (ctx) => {
    const file = ctx.review.actionPlan?.file;
    eachAction(ctx, 'signed_off_by', 'action-plan.csv has no "signed_off_by" column: add it, with the senior role that agreed each action', (row, cell) => {
      if (cell && cell.value.trim() !== '') return;
      ctx.report(file!, cellOrRow(row, cell),
        `${actionName(row)} has no senior sign-off: put the role of the senior manager who agreed it with the agency in signed_off_by (e.g. "Director of Nursing")`);
    });
  },
);
