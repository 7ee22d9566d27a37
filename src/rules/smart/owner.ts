/** smart/owner: every action has a lead agency, and it is one of the review's agencies. */
import { defineRule } from '../../lint/rule.js';
import { cellTrimmedSpan } from '../cell-span.js';
import { actionName, cellOrRow, eachAction } from './actions.js';
import { isSafeId, type PrintGuard } from '../../review/safe.js';

/**
 * Shown in messages: the review's agency ids, shortened when there are many. Only ids that may be
 * printed are listed (an id that is a name is counted, not shown).
 */
function idList(ids: string[], guard: PrintGuard): string {
  const shown = ids.filter((id) => isSafeId(id, guard));
  const hidden = ids.length - shown.length;
  const list = shown.length <= 10 ? shown.join(', ') : `${shown.slice(0, 10).join(', ')}, …`;
  return hidden ? `${list}${list ? ', ' : ''}${hidden} not shown` : list;
}

export const owner = defineRule(
  {
    id: 'smart/owner',
    tag: 'smart',
    severity: 'error',
    description: 'lead_agency missing or not an agency of the review',
  },
  (ctx) => {
    const file = ctx.review.actionPlan?.file;
    const raw = ctx.meta?.agencies;
    const agencies = Array.isArray(raw)
      ? raw.filter((a) => a && typeof a === 'object' && typeof a.id === 'string' && a.id !== '')
      : undefined;
    const ids = agencies?.map((a) => a.id);
    eachAction(ctx, 'lead_agency', 'action-plan.csv has no "lead_agency" column: add it, with the id of the agency that leads each action', (row, cell) => {
      const value = cell?.value.trim() ?? '';
      if (!cell || value === '') {
        ctx.report(file!, cellOrRow(row, cell),
          `${actionName(row)} has no lead agency: put the id of the agency responsible for it in lead_agency`
            + (ids?.length ? ` (one of: ${idList(ids, ctx.guard)})` : ''));
        return;
      }
      if (!ids || !agencies) return; // review.yml unusable: schema/review says why
      if (ids.includes(value)) return;
      const lower = value.toLowerCase();
      const guess = agencies.find((a) => a.id.toLowerCase() === lower
        || (typeof a.name === 'string' && a.name.trim().toLowerCase() === lower));
      const hint = guess && isSafeId(guess.id, ctx.guard) ? `did you mean "${guess.id}"?`
        : guess ? 'it differs from an id of review.yml only in case or is an agency\'s name' : `use one of: ${idList(ids, ctx.guard)}`;
      ctx.report(file!, cellTrimmedSpan(cell),
        `the lead agency of ${actionName(row)} is not an agency of this review: write the agency's id as in review.yml (agencies); ${hint}`,
        value);
    });
  },
);
