/**
 * The audit as findings, so that `dhr audit` prints through the lint formatters (stylish, json,
 * github, sarif) like every other command: one finding per overdue action (`audit/overdue`, at its
 * target-date cell), per action without a valid status (`audit/no-status`, at its status cell) and,
 * with history, per stale action (`audit/stale`, at its status cell).
 *
 * Messages name an action only by what the audit already made safe to print (src/review/safe.ts:
 * its id or `line-N`, its lead agency or `not-shown`, a status of the schema or `not-recognised`,
 * ISO dates): never the text typed in a cell.
 */
import type { Finding, Severity, Span } from '../review/model.js';
import type { RuleEntry } from '../lint/formatters/index.js';
import { plural, type AuditAction, type AuditReport, type ReviewAudit } from './audit.js';

const DOCS = 'https://github.com/dhr-reviews/dhr/blob/main/src/audit/README.md#audit-definitions';

/** The audit's rules, for the SARIF catalogue. `audit/overdue` is an error with --fail-on-overdue. */
export const AUDIT_RULES: readonly RuleEntry[] = [
  { id: 'audit/overdue', severity: 'warning', description: 'an action that is neither complete nor dropped is past its target date', helpUri: DOCS, tags: ['audit'] },
  { id: 'audit/no-status', severity: 'warning', description: 'an action has no status, or one that is not not-started, in-progress, complete or dropped', helpUri: DOCS, tags: ['audit'] },
  { id: 'audit/stale', severity: 'warning', description: 'an open action\'s status has not changed for audit.stale_days (with --history)', helpUri: DOCS, tags: ['audit'] },
];

export interface AuditFindingOptions {
  /** `audit/overdue` findings are errors (the run fails on them), not warnings. */
  failOnOverdue?: boolean;
}

const who = (a: AuditAction) => `Action ${a.id} (${a.leadAgency ?? 'no lead agency'})`;

/** The findings of an audit: review by review, row by row. */
export function auditFindings(report: AuditReport, opts: AuditFindingOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const review of report.reviews) {
    if (!review.actionPlan) continue;
    const add = (ruleId: string, severity: Severity, span: Span, message: string) =>
      out.push({ ruleId, severity, file: review.actionPlan!, ...span, message, review: review.review });
    for (const a of review.actions) {
      if (a.status === null || a.status === 'not-recognised') {
        add('audit/no-status', 'warning', a.at.status ?? a.at.row,
          `${who(a)} ${a.status === null ? 'has no status' : 'has a status that is not one of not-started, in-progress, complete, dropped'}: it is counted as open. Record one of the four.`);
      }
      if (a.overdue) {
        add('audit/overdue', opts.failOnOverdue ? 'error' : 'warning', a.at.targetDate ?? a.at.row,
          `${who(a)} is ${plural(a.daysOverdue, 'day')} past its target date ${a.targetDate} and is ${a.status ?? 'without a status'}. Update its status, or agree a new target date with the CSP and record it.`);
      }
      if (a.stale) add('audit/stale', 'warning', a.at.status ?? a.at.row, staleMessage(a, review));
    }
  }
  return out;
}

function staleMessage(a: AuditAction, review: ReviewAudit): string {
  return `${who(a)} is ${a.status ?? 'without a status'} and its status has not changed since ${a.lastStatusChange} (audit.stale_days is ${review.staleDays}). Record its progress.`;
}
