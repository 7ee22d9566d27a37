/**
 * The audit as text: `stylish` (a table per review and a roll-up per lead agency) and `github`
 * (a workflow annotation on the target date of each overdue action, for a scheduled workflow).
 *
 * Commit authors are not printed unless asked for (`showAuthors`): they are staff names, not case
 * data, but stylish output gets pasted into e-mails and meeting papers, and the person who
 * committed an update is usually the administrator, not the owner accountable for the action
 * (that is `owner_role`). The JSON output carries them for tools.
 */
import type { AgencyRollup, AuditAction, AuditReport, AuditSummary, ReviewAudit } from './audit.js';
import { overdueActions } from './audit.js';
import { escData, escProp } from '../lint/formatters/github.js';

export interface TextOptions {
  color?: boolean;
  showAuthors?: boolean;
}

const RED = (s: string) => `\u001b[31m${s}\u001b[39m`;
const BOLD = (s: string) => `\u001b[1m${s}\u001b[22m`;
const DIM = (s: string) => `\u001b[2m${s}\u001b[22m`;

/** Visible width (ANSI colour codes excluded). */
const width = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;

/** A plain-text table: columns padded to the widest cell, numbers right-aligned. */
export function textTable(header: string[], rows: string[][], right: ReadonlySet<number> = new Set(), indent = '  '): string[] {
  const w = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const fmt = (cells: string[]) =>
    indent + cells.map((c, i) => {
      const pad = ' '.repeat(Math.max(0, w[i] - width(c)));
      return right.has(i) ? pad + c : i === cells.length - 1 ? c : c + pad;
    }).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summaryLine(s: AuditSummary, historyRead: boolean): string {
  const parts = [`${s.complete} complete`, `${s.inProgress} in progress`, `${s.notStarted} not started`, `${s.dropped} dropped`];
  if (s.unknown) parts.push(`${s.unknown} with no valid status`);
  const tail = [`${s.overdue} overdue`];
  if (historyRead) tail.push(`${s.stale} stale`);
  return `${plural(s.total, 'action')}: ${parts.join(', ')}; ${tail.join(', ')}`;
}

function lastChange(a: AuditAction, o: TextOptions): string {
  const h = a.history.length ? a.history[a.history.length - 1] : undefined;
  if (!h) return '';
  return `${h.date} ${h.commit.slice(0, 7)}${o.showAuthors && h.author ? ` ${h.author}` : ''}`;
}

function reviewBlock(r: ReviewAudit, report: AuditReport, o: TextOptions): string[] {
  const c = (f: (s: string) => string, s: string) => (o.color ? f(s) : s);
  const out = [c(BOLD, r.title ? `${r.review} — ${r.title}` : r.review)];
  if (!r.actionPlan) {
    out.push(`  no action plan (${r.path}/action-plan.csv is missing)`, '');
    return out;
  }
  out.push(c(DIM, `  ${r.actionPlan}`));
  if (r.actions.length === 0) {
    out.push('  the action plan has no actions', '');
    return out;
  }
  const header = ['action', 'rec', 'lead agency', 'status', 'target', 'overdue', 'completed'];
  if (report.historyRead) header.push('stale', 'last status change');
  const rows = r.actions.map((a) => {
    const cells = [
      a.id,
      a.recommendation ?? '—',
      a.leadAgency ?? '—',
      a.status ?? '—',
      a.targetDate ?? (a.targetDateText !== undefined ? 'not a date' : '—'),
      a.overdue ? c(RED, plural(a.daysOverdue, 'day')) : '',
      a.completedOn ?? '',
    ];
    if (report.historyRead) cells.push(a.stale ? c(RED, 'stale') : '', lastChange(a, o));
    return cells;
  });
  out.push(...textTable(header, rows));
  out.push(`  ${summaryLine(r.summary, report.historyRead)}`, '');
  return out;
}

function agencyBlock(agencies: AgencyRollup[], report: AuditReport, o: TextOptions): string[] {
  if (agencies.length === 0) return [];
  const header = ['lead agency', 'actions', 'complete', 'in progress', 'not started', 'dropped', 'overdue'];
  if (report.historyRead) header.push('stale');
  const rows = agencies.map((g) => {
    const cells = [g.agency, g.total, g.complete, g.inProgress, g.notStarted, g.dropped].map(String);
    cells.push(g.overdue && o.color ? RED(String(g.overdue)) : String(g.overdue));
    if (report.historyRead) cells.push(String(g.stale));
    return cells;
  });
  const right = new Set(header.map((_, i) => i).filter((i) => i > 0));
  const title = `By lead agency (${plural(report.reviews.length, 'review')})`;
  return [o.color ? BOLD(title) : title, ...textTable(header, rows, right), ''];
}

/** The `stylish` audit: one table per review, the roll-up per lead agency, then the overdue list. */
export function formatAuditStylish(report: AuditReport, o: TextOptions = {}): string {
  const out: string[] = [`Action plan audit as of ${report.asOf}`, ''];
  for (const r of report.reviews) out.push(...reviewBlock(r, report, o));
  out.push(...agencyBlock(report.agencies, report, o));
  const overdue = overdueActions(report);
  const t = report.totals;
  out.push(`Overall: ${plural(report.reviews.length, 'review')}, ${summaryLine(t, report.historyRead)}`);
  if (overdue.length) {
    out.push('Overdue: ' + overdue.map(({ review, action }) => `${review.review} ${action.id} (${plural(action.daysOverdue, 'day')})`).join(', '));
  }
  if (!report.historyRead) out.push('Stale actions are found from git history: run with --history to check them.');
  return out.join('\n') + '\n';
}



/**
 * GitHub workflow commands: one annotation per overdue action (error when the run fails on
 * overdue actions, warning otherwise), at the row of the action in action-plan.csv.
 */
export function formatAuditGithub(report: AuditReport, failOnOverdue: boolean): string {
  const lines: string[] = [];
  for (const { review, action } of overdueActions(report)) {
    if (!review.actionPlan) continue;
    const kind = failOnOverdue ? 'error' : 'warning';
    const msg = `Action ${action.id} (${action.leadAgency ?? 'no lead agency'}) is ${plural(action.daysOverdue, 'day')} past its target date ${action.targetDate} and is ${action.status ?? 'without a status'}. Update its status, or agree a new target date with the CSP and record it.`;
    lines.push(`::${kind} file=${escProp(review.actionPlan)},line=${action.line},title=${escProp(`audit/overdue ${review.review} ${action.id}`)}::${escData(msg)}`);
  }
  const t = report.totals;
  lines.push(`dhr audit: ${plural(report.reviews.length, 'review')}, ${summaryLine(t, report.historyRead)}`);
  return lines.join('\n') + '\n';
}

/** SARIF 2.1.0: one result per overdue action (rule `audit/overdue`), at its row of action-plan.csv. */
export function formatAuditSarif(report: AuditReport, failOnOverdue: boolean): string {
  const level = failOnOverdue ? 'error' : 'warning';
  const results = overdueActions(report).filter(({ review }) => review.actionPlan).map(({ review, action }) => ({
    ruleId: 'audit/overdue',
    ruleIndex: 0,
    level,
    message: { text: `${review.review} action ${action.id} (${action.leadAgency ?? 'no lead agency'}) is ${plural(action.daysOverdue, 'day')} past its target date ${action.targetDate} and is ${action.status ?? 'without a status'}.` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(review.actionPlan!), uriBaseId: '%SRCROOT%' },
        region: { startLine: action.line, startColumn: 1 },
      },
    }],
    properties: { review: review.review, action: action.id, daysOverdue: action.daysOverdue },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'dhr',
          rules: [{
            id: 'audit/overdue',
            name: 'AuditOverdue',
            shortDescription: { text: 'an action that is neither complete nor dropped is past its target date' },
            defaultConfiguration: { level },
          }],
        },
      },
      properties: { asOf: report.asOf },
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
