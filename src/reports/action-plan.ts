/**
 * The action plan in the Home Office column layout (landscape): Recommendation; Scope of
 * recommendation; Action to take; Lead agency; Key milestones achieved in enacting
 * recommendation; Target date; Date of completion and outcome.
 */
import { cell, createDoc, emphasis, lineBreak, heading, paragraph, row, strong, type Block, type Doc, type TableRow } from '../document/model.js';
import { coverBlocks, marking, reviewTitle, ukDate, watermark, type BuildContext } from './common.js';
import { overviewRecommendations } from '../review/recommendations.js';
import { isSafeRef, isVocabulary } from '../review/safe.js';

export const ACTION_PLAN_COLUMNS = [
  'Recommendation',
  'Scope of recommendation',
  'Action to take',
  'Lead agency',
  'Key milestones achieved in enacting recommendation',
  'Target date',
  'Date of completion and outcome',
] as const;

/**
 * Relative column widths: wide enough at 8 pt for the longest word of each heading
 * ("recommendation", "achieved", "completion"), so headings never break inside a word.
 */
const WIDTHS = [3.0, 2.0, 3.2, 1.8, 2.3, 1.3, 2.0];

/** ISO dates in a cell ("2025-03-03") printed the UK way ("3 March 2025"). */
const ukDates = (s: string): string => s.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => ukDate(d));

export function actionPlan(ctx: BuildContext): Doc {
  const recs = new Map(overviewRecommendations(ctx.review).map((r) => [r.id, r.text]));
  const agencies = new Map((ctx.review.meta?.data.agencies ?? []).map((a) => [a.id, a.name]));
  // the actions of each recommendation together, in the order of the recommendations, then the plan
  const all = ctx.review.actionPlan?.rows ?? [];
  const order = [...recs.keys()];
  const recOf = (r: (typeof all)[number]) => r.cells.recommendation?.value.trim() ?? '';
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const sorted = all.map((r, i) => ({ r, i })).sort((a, b) => rank(recOf(a.r)) - rank(recOf(b.r)) || a.i - b.i).map((x) => x.r);
  const rows: TableRow[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const r = sorted[k]!;
    const v = (key: string) => r.cells[key]?.value.trim() ?? '';
    const recId = v('recommendation');
    const first = k === 0 || recOf(sorted[k - 1]!) !== recId;
    let span = 1;
    while (first && k + span < sorted.length && recOf(sorted[k + span]!) === recId) span++;
    const recText = recs.get(recId);
    // structured cells are printed only as what they should be: a declared agency, a status of the
    // schema, a plain action id; anything else typed there (a name, say) is not carried into the document
    const lead = agencies.get(v('lead_agency')) ?? (v('lead_agency') ? 'lead agency not in review.yml' : '');
    const owner = v('owner_role');
    const done = [ukDate(v('completed_on')), ukDates(v('outcome'))].filter(Boolean).join(': ');
    const status = isVocabulary(v('status')) ? v('status').replace('-', ' ') : v('status') ? 'status not recognised' : '';
    const id = isSafeRef(v('id'), ctx.guard) ? v('id') : '';
    // the recommendation and its scope run down beside all its actions (merged cells)
    const recCell = first ? { ...cell(strong(recId), recText ? ` ${recText}` : ''), ...(span > 1 ? { rowSpan: span } : {}) } : cell('');
    const scopeCell = first ? { ...cell(v('scope')), ...(span > 1 ? { rowSpan: span } : {}) } : cell('');
    rows.push(row([
      recCell,
      scopeCell,
      v('success_measure')
        ? cell(strong(id), ` ${v('action')}`, lineBreak(), emphasis('Success measure: '), v('success_measure'))
        : cell(strong(id), ` ${v('action')}`),
      owner ? `${lead} (${owner})` : lead,
      ukDates(v('milestones')),
      ukDate(v('target_date')) || v('target_date'),
      done || status,
    ]));
  }
  const blocks: Block[] = [
    ...coverBlocks(ctx, 'Action plan'),
    heading(1, 'Action plan'),
    paragraph('Every recommendation of the overview report, the actions agreed to meet it, who leads, and progress.'),
    {
      type: 'table',
      columns: WIDTHS.map((width) => ({ width })),
      header: [row([...ACTION_PLAN_COLUMNS])],
      rows,
    },
  ];
  if (!rows.length) blocks.push(paragraph('No actions recorded yet.'));
  return createDoc({ title: `${reviewTitle(ctx)}: Action Plan`, subtitle: 'Action plan', language: 'en-GB' }, blocks, {
    orientation: 'landscape', marking: marking(ctx), watermark: watermark(ctx),
  });
}
