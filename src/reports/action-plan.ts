/**
 * The action plan in the Home Office column layout (landscape): Recommendation; Scope of
 * recommendation; Action to take; Lead agency; Key milestones achieved in enacting
 * recommendation; Target date; Date of completion and outcome.
 */
import { cell, createDoc, emphasis, lineBreak, heading, paragraph, row, strong, type Block, type Doc, type TableRow } from '../document/model.js';
import { coverBlocks, marking, reviewTitle, type BuildContext } from './common.js';
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

export function actionPlan(ctx: BuildContext): Doc {
  const recs = new Map(overviewRecommendations(ctx.review).map((r) => [r.id, r.text]));
  const agencies = new Map((ctx.review.meta?.data.agencies ?? []).map((a) => [a.id, a.name]));
  const rows: TableRow[] = [];
  for (const r of ctx.review.actionPlan?.rows ?? []) {
    const v = (k: string) => r.cells[k]?.value.trim() ?? '';
    const recId = v('recommendation');
    const recText = recs.get(recId);
    // structured cells are printed only as what they should be: a declared agency, a status of the
    // schema, a plain action id; anything else typed there (a name, say) is not carried into the document
    const lead = agencies.get(v('lead_agency')) ?? (v('lead_agency') ? 'lead agency not in review.yml' : '');
    const owner = v('owner_role');
    const done = [v('completed_on'), v('outcome')].filter(Boolean).join(': ');
    const status = isVocabulary(v('status')) ? v('status').replace('-', ' ') : v('status') ? 'status not recognised' : '';
    const id = isSafeRef(v('id'), ctx.guard) ? v('id') : '';
    rows.push(row([
      cell(strong(recId), recText ? ` ${recText}` : ''),
      v('scope'),
      v('success_measure')
        ? cell(strong(id), ` ${v('action')}`, lineBreak(), emphasis('Success measure: '), v('success_measure'))
        : cell(strong(id), ` ${v('action')}`),
      owner ? `${lead} (${owner})` : lead,
      v('milestones'),
      v('target_date'),
      done || status,
    ]));
  }
  const blocks: Block[] = [
    ...coverBlocks(ctx, 'Action plan'),
    heading(1, 'Action plan'),
    paragraph('Every recommendation of the overview report, the actions agreed to meet it, who leads, and progress.'),
    {
      type: 'table',
      columns: [{ width: 3 }, { width: 1.2 }, { width: 3.5 }, { width: 1.8 }, { width: 2.5 }, { width: 1.2 }, { width: 2 }],
      header: [row([...ACTION_PLAN_COLUMNS])],
      rows,
    },
  ];
  if (!rows.length) blocks.push(paragraph('No actions recorded yet.'));
  return createDoc({ title: reviewTitle(ctx), subtitle: 'Action plan' }, blocks, { orientation: 'landscape', marking: marking(ctx) });
}
