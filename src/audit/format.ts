/**
 * The audit as text, through the lint formatters (src/lint/formatters): the audit's findings
 * (findings.ts: `audit/overdue`, `audit/no-status`, `audit/stale`) are printed by the same
 * `stylish`, `json`, `github` and `sarif` as lint's. `stylish` puts the audit's own tables first
 * (one per review, a roll-up per lead agency); `json` is the SPEC's audit object with the findings
 * added; `github` ends with a one-line summary for the workflow log.
 *
 * Commit authors are not printed unless asked for (`showAuthors`): they are staff names, not case
 * data, but stylish output gets pasted into e-mails and meeting papers, and the person who
 * committed an update is usually the administrator, not the owner accountable for the action
 * (that is `owner_role`). The JSON output carries them for tools.
 */
import type { AgencyRollup, AuditAction, AuditReport, AuditSummary, ReviewAudit } from './audit.js';
import { auditJson, plural } from './audit.js';
import { AUDIT_RULES, auditFindings } from './findings.js';
import { findingsJson, format, palette, visibleWidth, type FormatInput, type FormatName, type Palette } from '../lint/formatters/index.js';

export interface TextOptions {
  color?: boolean;
  showAuthors?: boolean;
}

export interface AuditFormatOptions extends TextOptions {
  /** Overdue actions are errors (the run exits 1 on them), not warnings. */
  failOnOverdue?: boolean;
  /** JSON: each action's own words too (see `auditJson`). */
  withText?: boolean;
}

/** A plain-text table: columns padded to the widest cell, numbers right-aligned. */
export function textTable(header: string[], rows: string[][], right: ReadonlySet<number> = new Set(), indent = '  '): string[] {
  const w = header.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const fmt = (cells: string[]) =>
    indent + cells.map((c, i) => {
      const pad = ' '.repeat(Math.max(0, w[i] - visibleWidth(c)));
      return right.has(i) ? pad + c : i === cells.length - 1 ? c : c + pad;
    }).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)];
}

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

function reviewBlock(r: ReviewAudit, report: AuditReport, o: TextOptions, c: Palette): string[] {
  const out = [c.bold(r.title ? `${r.review} — ${r.title}` : r.review)];
  if (!r.actionPlan) {
    out.push(`  no action plan (${r.path}/action-plan.csv is missing)`, '');
    return out;
  }
  out.push(c.dim(`  ${r.actionPlan}`));
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
      a.overdue ? c.red(plural(a.daysOverdue, 'day')) : '',
      a.completedOn ?? '',
    ];
    if (report.historyRead) cells.push(a.stale ? c.red('stale') : '', lastChange(a, o));
    return cells;
  });
  out.push(...textTable(header, rows));
  out.push(`  ${summaryLine(r.summary, report.historyRead)}`, '');
  return out;
}

function agencyBlock(agencies: AgencyRollup[], report: AuditReport, c: Palette): string[] {
  if (agencies.length === 0) return [];
  const header = ['lead agency', 'actions', 'complete', 'in progress', 'not started', 'dropped', 'overdue'];
  if (report.historyRead) header.push('stale');
  const rows = agencies.map((g) => {
    const cells = [g.agency, g.total, g.complete, g.inProgress, g.notStarted, g.dropped].map(String);
    cells.push(g.overdue ? c.red(String(g.overdue)) : String(g.overdue));
    if (report.historyRead) cells.push(String(g.stale));
    return cells;
  });
  const right = new Set(header.map((_, i) => i).filter((i) => i > 0));
  return [c.bold(`By lead agency (${plural(report.reviews.length, 'review')})`), ...textTable(header, rows, right), ''];
}

/** The audit's own tables: one per review, the roll-up per lead agency, and the overall counts. */
export function formatAuditStylish(report: AuditReport, o: TextOptions = {}): string {
  const c = palette(Boolean(o.color));
  const out: string[] = [`Action plan audit as of ${report.asOf}`, ''];
  for (const r of report.reviews) out.push(...reviewBlock(r, report, o, c));
  out.push(...agencyBlock(report.agencies, report, c));
  out.push(`Overall: ${plural(report.reviews.length, 'review')}, ${summaryLine(report.totals, report.historyRead)}`);
  if (!report.historyRead) out.push('Stale actions are found from git history: run with --history to check them.');
  return out.join('\n') + '\n';
}

/** What the lint formatters take, for an audit. */
export function auditFormatInput(report: AuditReport, o: AuditFormatOptions = {}): FormatInput {
  return {
    findings: auditFindings(report, o),
    files: report.reviews.filter((r) => r.actionPlan).length,
    reviews: report.reviews.length,
    showValues: false,
    color: Boolean(o.color),
    command: 'audit',
    rules: AUDIT_RULES,
    runProperties: { asOf: report.asOf },
  };
}

/** The audit as `dhr audit --format <name>` prints it. */
export function formatAudit(name: FormatName, report: AuditReport, o: AuditFormatOptions = {}): string {
  const input = auditFormatInput(report, o);
  switch (name) {
    case 'json':
      return JSON.stringify({ ...(auditJson(report, { withText: o.withText }) as object), findings: findingsJson(input) }, null, 2) + '\n';
    case 'stylish':
      return `${formatAuditStylish(report, o)}\n${format('stylish', input)}`;
    case 'github':
      return `${format('github', input)}dhr audit: ${plural(report.reviews.length, 'review')}, ${summaryLine(report.totals, report.historyRead)}\n`;
    case 'sarif':
      return format('sarif', input);
  }
}
