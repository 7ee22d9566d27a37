/**
 * The monitoring report for the CSP meeting: the audit composed into the shared document model
 * (src/document/model.ts), written as DOCX by the shared writer. Landscape A4, a summary, the
 * overdue actions, a roll-up per lead agency, then every action of every review.
 */
import type { Block, Doc, Inline, TableRow } from '../document/model.js';
import { cell, createDoc, heading, lineBreak, paragraph, row, strong, text } from '../document/model.js';
import { renderDocx } from '../document/docx.js';
import type { AuditAction, AuditReport, AuditSummary } from './audit.js';
import { overdueActions, plural } from './audit.js';
import { longDate } from '../dates/index.js';

export interface MonitoringOptions {
  /** Protective marking for the header and footer of every page. */
  marking?: string;
  /** Name commit authors in the history column (default false: see format.ts). */
  showAuthors?: boolean;
}

const counts = (s: AuditSummary, stale: boolean): string[] => {
  const c = [s.total, s.complete, s.inProgress, s.notStarted, s.dropped, s.overdue].map(String);
  if (stale) c.push(String(s.stale));
  return c;
};

const countHeader = (first: string, stale: boolean) =>
  row([first, 'Actions', 'Complete', 'In progress', 'Not started', 'Dropped', 'Overdue', ...(stale ? ['Stale'] : [])]);

const countColumns = (stale: boolean) => [{ width: 4 }, ...Array.from({ length: stale ? 7 : 6 }, () => ({ width: 1.3, align: 'right' as const }))];

/** One line per status change: date, status, short commit (and author on request). */
function historyInlines(a: AuditAction, showAuthors: boolean): Inline[] {
  if (a.history.length === 0) return [text('no committed history')];
  return a.history.flatMap((h, i) => [
    ...(i ? [lineBreak()] : []),
    text(`${h.date} ${h.status} (${h.commit.slice(0, 7)}${showAuthors && h.author ? `, ${h.author}` : ''})`),
  ]);
}

/** The monitoring report as a document. */
export function monitoringReportDoc(report: AuditReport, o: MonitoringOptions = {}): Doc {
  const t = report.totals;
  const stale = report.historyRead;
  const overdue = overdueActions(report);
  const blocks: Block[] = [];

  blocks.push(heading(1, 'Summary'));
  blocks.push(paragraph(
    `This report covers ${plural(report.reviews.length, 'review')} and ${plural(t.total, 'action')} as of ${longDate(report.asOf)}. `,
    `${t.complete} ${t.complete === 1 ? 'action is' : 'actions are'} complete, ${t.inProgress} in progress, ${t.notStarted} not started and ${t.dropped} dropped. `,
    strong(`${t.overdue} ${t.overdue === 1 ? 'action is' : 'actions are'} overdue.`),
    stale ? ` ${t.stale} open ${t.stale === 1 ? 'action has' : 'actions have'} had no change of status for the stale period.` : '',
  ));
  blocks.push({
    type: 'table',
    columns: countColumns(stale),
    header: [countHeader('Review', stale)],
    rows: [
      ...report.reviews.map((r) => row([r.review, ...counts(r.summary, stale)], r.summary.overdue > 0)),
      row([cell(strong('All reviews')), ...counts(t, stale).map((c) => cell(strong(c)))]),
    ],
  });

  blocks.push(heading(1, 'Overdue actions'));
  if (overdue.length === 0) blocks.push(paragraph('No action is past its target date.'));
  else {
    blocks.push(paragraph('Actions that are neither complete nor dropped and whose target date has passed, most overdue first. The lead agency is asked to report progress or propose a new target date for the CSP to agree.'));
    blocks.push({
      type: 'table',
      columns: [{ width: 2.2 }, { width: 1 }, { width: 2.2 }, { width: 3 }, { width: 1.8 }, { width: 1.3, align: 'right' }, { width: 1.6 }, { width: 7 }],
      header: [row(['Review', 'Action', 'Lead agency', 'Owner', 'Target', 'Days overdue', 'Status', 'What will be done'])],
      rows: overdue.map(({ review, action: a }) => row([review.review, a.id, a.leadAgency ?? '—', a.ownerRole ?? '—', a.targetDate ?? '', String(a.daysOverdue), a.status ?? '—', a.action])),
    });
  }

  blocks.push(heading(1, 'By lead agency'));
  blocks.push({
    type: 'table',
    columns: countColumns(stale),
    header: [countHeader('Lead agency', stale)],
    rows: report.agencies.map((g) => row([g.name ? `${g.name} (${g.agency})` : g.agency, ...counts(g, stale)], g.overdue > 0)),
  });

  for (const r of report.reviews) {
    blocks.push(heading(1, r.review, ...(r.title ? [` — ${r.title}`] : [])));
    if (!r.actionPlan) {
      blocks.push(paragraph('This review has no action plan yet.'));
      continue;
    }
    const s = r.summary;
    blocks.push(paragraph(`${plural(s.total, 'action')}: ${s.complete} complete, ${s.inProgress} in progress, ${s.notStarted} not started, ${s.dropped} dropped; ${s.overdue} overdue${stale ? `; ${s.stale} stale` : ''}. Overdue actions are shaded.`));
    const rows: TableRow[] = r.actions.map((a) => {
      const target = a.targetDate ?? (a.targetDateText ? `${a.targetDateText} (not a date)` : '—');
      const cells = [
        cell(strong(a.id)),
        cell(a.recommendation ?? '—'),
        cell(a.action, ...(a.ownerRole ? [lineBreak(), text(`Owner: ${a.ownerRole}`)] : [])),
        cell(a.leadAgency ?? '—'),
        cell(target, ...(a.overdue ? [lineBreak(), strong(`${plural(a.daysOverdue, 'day')} overdue`)] : [])),
        cell(a.status ?? '—', ...(a.stale ? [lineBreak(), text('stale')] : [])),
        cell(a.completedOn ?? ''),
      ];
      if (stale) cells.push(cell(...historyInlines(a, Boolean(o.showAuthors))));
      return { cells, ...(a.overdue ? { emphasis: true } : {}) };
    });
    blocks.push({
      type: 'table',
      columns: [{ width: 1.3 }, { width: 0.9 }, { width: 7 }, { width: 2 }, { width: 2 }, { width: 1.8 }, { width: 1.8 }, ...(stale ? [{ width: 5 }] : [])],
      header: [row(['Action', 'Rec.', 'What will be done', 'Lead agency', 'Target', 'Status', 'Completed', ...(stale ? ['Status history'] : [])])],
      rows,
    });
  }

  blocks.push(heading(1, 'Notes'));
  blocks.push(paragraph('An action is overdue when it is neither complete nor dropped and its target date has passed on the date of this report; days overdue are counted from the target date. '
    + (stale ? 'An action is stale when it is open and its status has not changed in the git history of the action plan for the period set in the configuration (audit.stale_days). Dates of changes are the dates the changes were committed.' : 'Status history was not read for this report (dhr audit --history).')));
  if (report.warnings.length) {
    blocks.push(paragraph(strong('History may be incomplete: '), report.warnings.join('; ')));
  }

  return createDoc(
    { title: 'Action plan monitoring report', subtitle: `For the Community Safety Partnership — as of ${longDate(report.asOf)}`, language: 'en-GB' },
    blocks,
    { orientation: 'landscape', toc: false, pageNumbers: true, ...(o.marking ? { marking: o.marking } : {}) },
  );
}

/** The monitoring report as DOCX bytes. */
export async function renderMonitoringDocx(report: AuditReport, o: MonitoringOptions = {}): Promise<Buffer> {
  return renderDocx(monitoringReportDoc(report, o));
}
