/**
 * The audit dashboard: the audit composed into the shared document model (src/document/model.ts)
 * and written by the HTML writer as one self-contained page (inline CSS, the charts as inline SVG,
 * no scripts, nothing to fetch — a Content-Security-Policy forbids any network access), readable
 * on screen and printable on A4. It shows the key figures, the status of actions per review and
 * per lead agency as stacked bars, the overdue actions, and every action with its status history.
 * The page carries no generation time, so the same audit gives the same bytes.
 */
import type { AuditAction, AuditReport, AuditSummary, ReviewAudit } from './audit.js';
import { overdueActions, plural } from './audit.js';
import { longDate } from '../dates/index.js';
import type { BarChartBlock, Block, ChartSeries, Doc, Inline, KeyFigure, TableCell, TableRow } from '../document/model.js';
import { badge, cell, code, createDoc, emphasis, heading, lineBreak, link, pageBreak, paragraph, row, section, strong, text, toned } from '../document/model.js';
import { renderHtml } from '../document/html.js';

export interface DashboardOptions {
  /** Show commit authors in the history (default false: see format.ts). */
  showAuthors?: boolean;
  /** Protective marking printed at the top and bottom of the page (e.g. OFFICIAL-SENSITIVE). */
  marking?: string;
}

/** The status colours, chosen to be told apart by colour-blind readers and in greyscale print. */
export const STATUS_STYLE = {
  complete: { label: 'Complete', fill: '#1a7f5a', ink: '#ffffff' },
  inProgress: { label: 'In progress', fill: '#2b6cb0', ink: '#ffffff' },
  notStarted: { label: 'Not started', fill: '#c5cfdb', ink: '#1d2733' },
  dropped: { label: 'Dropped', fill: '#6b7785', ink: '#ffffff' },
  unknown: { label: 'No valid status', fill: '#e8d49a', ink: '#1d2733' },
} as const;
type StatusKey = keyof typeof STATUS_STYLE;
const KEYS = Object.keys(STATUS_STYLE) as StatusKey[];
const OVERDUE: ChartSeries = { key: 'overdue', label: 'Overdue', fill: '#b42318', ink: '#ffffff' };

const STATUS_KEY: Record<string, StatusKey> = { complete: 'complete', 'in-progress': 'inProgress', 'not-started': 'notStarted', dropped: 'dropped' };
const keyOf = (status: string | null): StatusKey => (status && STATUS_KEY[status]) || 'unknown';

/** A status as a coloured label. */
const pill = (status: string | null): Inline => {
  const st = STATUS_STYLE[keyOf(status)];
  return badge(status ?? 'no status', st.fill, st.ink);
};

/** Stacked bars of the statuses, one bar per review or agency, with the overdue count beside. */
function statusChart(title: string, bars: Array<{ label: string; sublabel?: string; summary: AuditSummary }>): BarChartBlock {
  return {
    type: 'barChart',
    title,
    series: KEYS.map((k) => ({ key: k, ...STATUS_STYLE[k] })),
    bars: bars.map((b) => ({
      label: b.label,
      ...(b.sublabel ? { sublabel: b.sublabel } : {}),
      values: KEYS.map((k) => b.summary[k]),
      flag: b.summary.overdue,
    })),
    flag: OVERDUE,
    empty: 'no actions',
  };
}

/**
 * The anchor of a review's heading, which the overdue table links to: `review-<id>` (a review id is
 * a plain name), else by its place, so the link and the heading always agree.
 */
function anchorOf(report: AuditReport, r: ReviewAudit): string {
  const id = `review-${r.review}`;
  return /^[A-Za-z][A-Za-z0-9-]{0,35}$/.test(id) ? id : `review-${report.reviews.indexOf(r) + 1}`;
}

const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—');

function keyFigures(report: AuditReport): KeyFigure[] {
  const t = report.totals;
  const open = t.inProgress + t.notStarted + t.unknown;
  return [
    { value: String(t.total), label: 'Actions', note: `in ${plural(report.reviews.length, 'review')}` },
    { value: String(t.complete), label: 'Complete', note: `${pct(t.complete, t.total)} of all actions`, tone: 'good' },
    { value: String(open), label: 'Open', note: `${t.inProgress} in progress, ${t.notStarted} not started` },
    { value: String(t.overdue), label: 'Overdue', note: t.overdue ? `${pct(t.overdue, open)} of open actions` : 'none past target', ...(t.overdue ? { tone: 'alert' as const } : {}) },
    report.historyRead
      ? { value: String(t.stale), label: 'Stale', note: 'open, no status change lately', ...(t.stale ? { tone: 'alert' as const } : {}) }
      : { value: String(t.dropped), label: 'Dropped', note: 'agreed not to proceed' },
  ];
}

function overdueSection(report: AuditReport): Block {
  const overdue = overdueActions(report);
  const body: Block = overdue.length
    ? {
        type: 'table',
        attr: { classes: ['overdue'] },
        columns: [{ width: 9, noWrap: true }, { width: 5 }, { width: 8 }, { width: 10 }, { width: 8, noWrap: true }, { width: 7, align: 'right' }, { width: 9 }, { width: 44 }],
        header: [row(['Review', 'Action', 'Lead agency', 'Owner', 'Target', 'Days overdue', 'Status', 'What will be done'])],
        rows: overdue.map(({ review, action: a }): TableRow => ({
          cells: [
            cell(link(`#${anchorOf(report, review)}`, review.review)),
            cell(strong(a.id)),
            cell(a.leadAgency ?? '—'),
            cell(a.ownerRole ?? '—'),
            cell(a.targetDate ?? ''),
            cell(toned('alert', strong(String(a.daysOverdue)))),
            cell(pill(a.status)),
            cell(a.action),
          ],
          tone: 'alert',
          attr: { data: { overdue: `${review.review}/${a.id}` } },
        })),
      }
    : paragraph(toned('good', strong('No action is past its target date.')));
  return section([heading(1, `Overdue actions (${overdue.length})`), body], { id: 'overdue' });
}

/** One status change per item: date, status, short commit (and author on request). */
function historyCell(a: AuditAction, showAuthors: boolean): TableCell {
  if (a.history.length === 0) return cell(toned('muted', 'no committed history'));
  const items = a.history.map((h) => [paragraph(h.date, ' ', pill(h.status), ' ', toned('muted', code(h.commit.slice(0, 7))), ...(showAuthors && h.author ? [' ', toned('muted', h.author)] : []))]);
  return { children: [], blocks: [{ type: 'list', ordered: true, items, attr: { classes: ['history'] } }] };
}

function actionRow(a: AuditAction, report: AuditReport, o: DashboardOptions): TableRow {
  const target: Inline[] = a.targetDate ? [text(a.targetDate)]
    : a.targetDateText !== undefined ? [toned('warn', emphasis(a.targetDateText))] : [toned('muted', 'none')];
  if (a.overdue) target.push(lineBreak(), toned('alert', strong(`${plural(a.daysOverdue, 'day')} overdue`)));
  const status: Inline[] = [pill(a.status)];
  if (a.stale) status.push(lineBreak(), toned('warn', strong('stale')));
  return {
    cells: [
      cell(strong(a.id)),
      cell(a.recommendation ?? '—'),
      cell(a.action, ...(a.ownerRole ? [lineBreak(), toned('muted', `Owner: ${a.ownerRole}`)] : [])),
      cell(a.leadAgency ?? '—'),
      { children: target },
      { children: status },
      cell(a.completedOn ?? ''),
      ...(report.historyRead ? [historyCell(a, Boolean(o.showAuthors))] : []),
    ],
    ...(a.overdue ? { tone: 'alert' as const } : {}),
    attr: { data: { action: a.id } },
  };
}

function reviewSection(r: ReviewAudit, report: AuditReport, o: DashboardOptions): Block {
  const s = r.summary;
  const head: Block = { type: 'heading', level: 2, id: anchorOf(report, r), children: [text(r.review), ...(r.title ? [text(' '), toned('muted', r.title)] : [])] };
  if (!r.actionPlan) return section([head, paragraph(toned('muted', `No action plan in ${r.path}.`))], { classes: ['review'] });
  const meta = paragraph(toned('muted',
    `${plural(s.total, 'action')} · ${s.complete} complete · ${s.inProgress} in progress · ${s.notStarted} not started · ${s.dropped} dropped · `,
    s.overdue ? toned('alert', strong(`${s.overdue} overdue`)) : strong(`${s.overdue} overdue`),
    report.historyRead ? ` · ${s.stale} stale (no change for ${r.staleDays} days)` : '',
  ));
  const history = report.historyRead;
  const table: Block = {
    type: 'table',
    attr: { classes: ['actions'] },
    // the widths are for printed writers; the HTML dashboard sizes its tables to their content
    columns: [{ width: 6, noWrap: true }, { width: 5 }, { width: history ? 36 : 50 }, { width: 8 }, { width: 10, noWrap: true }, { width: 10 }, { width: 9, noWrap: true }, ...(history ? [{ width: 20 }] : [])],
    header: [row(['Action', 'Rec.', 'What will be done', 'Lead', 'Target', 'Status', 'Completed', ...(history ? ['Status history'] : [])])],
    rows: r.actions.map((a) => actionRow(a, report, o)),
  };
  return section([head, meta, table], { classes: ['review'] });
}

/** The dashboard as a document. */
export function dashboardDoc(report: AuditReport, o: DashboardOptions = {}): Doc {
  const asOf = longDate(report.asOf);
  const blocks: Block[] = [];
  if (report.warnings.length) {
    blocks.push(section([
      paragraph(strong('History may be incomplete.')),
      { type: 'list', ordered: false, items: report.warnings.map((w) => [paragraph(w)]) },
    ], { classes: ['warnings'] }, 'warn'));
  }
  blocks.push({ type: 'keyFigures', items: keyFigures(report) });
  blocks.push(section([
    heading(1, 'Status by review'),
    statusChart('Status of actions by review', report.reviews.map((r) => ({ label: r.review, summary: r.summary }))),
  ], { id: 'by-review' }));
  blocks.push(section([
    heading(1, 'Status by lead agency'),
    statusChart('Status of actions by lead agency', report.agencies.map((g) => ({ label: g.agency, ...(g.name ? { sublabel: g.name } : {}), summary: g }))),
  ], { id: 'by-agency' }));
  blocks.push(overdueSection(report));
  // each review on a page of its own when printed
  blocks.push(pageBreak(), heading(1, 'Actions by review'));
  report.reviews.forEach((r, i) => blocks.push(...(i ? [pageBreak()] : []), reviewSection(r, report, o)));
  blocks.push(paragraph(toned('muted',
    'Made by ', code('dhr audit'), ` from the action plans${report.historyRead ? ' and their git history' : ''}, as of ${report.asOf}. `,
    'An action is overdue when it is neither complete nor dropped and its target date has passed',
    report.historyRead ? '; stale when it is open and its status has not changed for the period set in dhr.config.yml (audit.stale_days)' : '',
    '.',
  )));
  return createDoc(
    {
      title: `Action plan dashboard — as of ${asOf}`,
      subtitle: `${plural(report.reviews.length, 'review')}: ${report.reviews.map((r) => r.review).join(', ')}${report.historyRead ? ' · status history from git' : ''}`,
    },
    blocks,
    { orientation: 'landscape', layout: 'dashboard', toc: false, pageNumbers: true, ...(o.marking ? { marking: o.marking } : {}) },
  );
}

/** The dashboard page for an audit. */
export function renderDashboard(report: AuditReport, o: DashboardOptions = {}): string {
  return renderHtml(dashboardDoc(report, o));
}
