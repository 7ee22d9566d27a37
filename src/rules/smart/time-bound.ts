/** smart/time-bound: every action has a real target date, and not one from before the plan. */
import { defineRule, type RuleContext } from '../../lint/rule.js';
import { cellTrimmedSpan } from '../cell-span.js';
import { parseDay, parseIsoDay } from '../../dates/index.js';
import { actionName, cellOrRow, eachAction } from './actions.js';

/** A target date as an ISO day, if it is a whole, real day in a form the chronology also reads. */
export function parseTargetDate(text: string): string | undefined {
  const r = parseDay(text);
  return r.ok ? r.date.iso : undefined;
}

/** An ISO day from review.yml or front matter, if it is one. */
const isoDay = (v: unknown): string | undefined => {
  const r = parseIsoDay(v);
  return r.ok ? r.date.iso : undefined;
};

/** Words that stand in for a date without being one. */
const NOT_A_DATE = /^(?:on-?going|tbc|tba|tbd|to be (?:confirmed|agreed|decided|determined|arranged)|n\/?a|none|continuous|continuing|as (?:required|needed|appropriate)|asap|as soon as possible|immediate(?:ly)?|rolling|annual(?:ly)?|quarterly|monthly)\.?$/i;

/**
 * The date the action plan dates from: when the review was submitted; before that, the later of
 * the overview report's front matter `date` and the first panel meeting. Undefined when none is known.
 */
export function planDate(ctx: RuleContext): { date: string; what: string } | undefined {
  const dates = ctx.meta?.dates;
  const submitted = isoDay(dates?.submitted);
  if (submitted) return { date: submitted, what: 'review submitted' };
  const fm = ctx.review.overviewReport?.frontMatter?.data?.date;
  const reportDate = isoDay(fm);
  const firstPanel = isoDay(dates?.first_panel);
  if (reportDate && (!firstPanel || reportDate >= firstPanel)) return { date: reportDate, what: 'overview report dated' };
  if (firstPanel) return { date: firstPanel, what: 'first panel meeting' };
  return undefined;
}

const FORMAT = 'write a real date as YYYY-MM-DD (or DD/MM/YYYY)';

export const timeBound = defineRule(
  {
    id: 'smart/time-bound',
    tag: 'smart',
    severity: 'error',
    description: 'target_date missing, invalid, "ongoing"/"TBC", or before the plan',
  },
  (ctx) => {
    const file = ctx.review.actionPlan?.file;
    const plan = planDate(ctx);
    eachAction(ctx, 'target_date', 'action-plan.csv has no "target_date" column: add it, with the date each action is due', (row, cell) => {
      const text = cell?.value.trim() ?? '';
      if (!cell || text === '') {
        ctx.report(file!, cellOrRow(row, cell), `${actionName(row)} has no target date: agree one with the agency and ${FORMAT}`);
        return;
      }
      const span = cellTrimmedSpan(cell);
      if (NOT_A_DATE.test(text)) {
        ctx.report(file!, span, `the target date of ${actionName(row)} is "${text}", which is not a date: agree a deadline with the agency and ${FORMAT}`);
        return;
      }
      const parsed = parseDay(text);
      if (!parsed.ok) {
        const how = parsed.error.includes('YYYY-MM-DD') ? '' : `: ${FORMAT}`;
        ctx.report(file!, span, `the target date of ${actionName(row)} is not a valid date: ${parsed.error}${how}`, text);
        return;
      }
      const iso = parsed.date.iso;
      // A completed or dropped action's target is history: actions finished before the report
      // was submitted are common and are not a defect of the plan.
      const status = row.cells.status?.value.trim().toLowerCase();
      if (plan && iso < plan.date && status !== 'complete' && status !== 'dropped') {
        ctx.report(file!, span,
          `the target date of ${actionName(row)} (${iso}) is before the action plan (${plan.what} ${plan.date}): set a date the agency can still meet`);
      }
    });
  },
);
