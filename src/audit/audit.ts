/**
 * The action-plan audit: every action of every review under some paths, with its status, target
 * date, whether it is overdue and by how many days, whether it is stale (no status change for
 * `audit.stale_days`), roll-ups per review and per lead agency, and — on request — the history of
 * its status from git (history.ts). The JSON shape is fixed by SPEC.md "Audit output"; fields
 * beyond it are additive.
 */
import path from 'node:path';
import { findReviewDirs, loadReview, rowId } from '../review/load.js';
import type { Review, Span } from '../review/model.js';
import { guardFor } from '../lint/guard.js';
import { setupFor } from '../lint/setup.js';
import type { IdentityRegister } from '../lint/identities.js';
import { matcherFor } from '../rules/anon/matcher.js';
import { isSafeId, isSafeRef, safePath, safeReviewPath, type PrintGuard } from '../review/safe.js';
import { daysBetween, parseDay, parseIsoDay } from '../dates/index.js';

/** A target date: a whole day in any form the chronology reads (the reading smart/time-bound uses). */
const targetDay = (raw: string | null): string | null => {
  const r = raw === null ? undefined : parseDay(raw);
  return r?.ok ? r.date.iso : null;
};
/** completed_on: an ISO day, as its schema says. */
const isoDay = (raw: string | undefined): string | null => {
  const r = parseIsoDay(raw ?? '');
  return r.ok ? r.date.iso : null;
};

import { normaliseStatus, readActionHistory, type HistoryEntry } from './history.js';

export type { HistoryEntry } from './history.js';

export const STATUSES = ['not-started', 'in-progress', 'complete', 'dropped'] as const;
export type ActionStatus = (typeof STATUSES)[number];

/** An action is closed when it is complete or dropped: a closed action is never overdue or stale. */
export const isClosed = (status: string | null): boolean => status === 'complete' || status === 'dropped';

export interface AuditAction {
  id: string;
  recommendation: string | null;
  leadAgency: string | null;
  /** Normalised status; null when the cell is empty. May be a value outside STATUSES (counted as `unknown`). */
  status: string | null;
  /** ISO date; null when missing or not a date (then the action is never counted overdue). */
  targetDate: string | null;
  overdue: boolean;
  /** Whole days past the target date on the as-of date; 0 when not overdue. */
  daysOverdue: number;
  completedOn: string | null;
  /** Status changes from git, oldest first (only with --history; otherwise empty). */
  history: HistoryEntry[];
  // ---- additive fields ----
  /** Open and no status change for `audit.stale_days` days; null when unknown (no history read or none committed). */
  stale: boolean | null;
  /** Date of the last status change found in git history, or null. */
  lastStatusChange: string | null;
  /** The target date cell as written, when it is not a date we can read (e.g. "ongoing"). */
  targetDateText?: string;
  action: string;
  ownerRole: string | null;
  scope: string | null;
  /** Line of the row in action-plan.csv. */
  line: number;
  /** Where the row, its status cell and its target-date cell are in action-plan.csv (for findings; not in the JSON). */
  at: { row: Span; status?: Span; targetDate?: Span };
}

export interface AuditSummary {
  total: number;
  complete: number;
  inProgress: number;
  notStarted: number;
  dropped: number;
  overdue: number;
  // ---- additive ----
  /** Open actions with no status change for the stale period (0 when history was not read). */
  stale: number;
  /** Actions whose status is empty or not one of the four. */
  unknown: number;
}

export interface ReviewAudit {
  review: string;
  // ---- additive ----
  title: string | null;
  /** The review folder, relative to the current directory. */
  path: string;
  /** action-plan.csv relative to the current directory, or null when the review has none. */
  actionPlan: string | null;
  /** True when review.yml records a publication date (used for the protective marking). */
  published: boolean;
  staleDays: number;
  actions: AuditAction[];
  summary: AuditSummary;
}

export interface AgencyRollup extends AuditSummary {
  agency: string;
  /** The agency's name from the first review.yml that lists it. */
  name: string | null;
  reviews: string[];
}

export interface AuditReport {
  version: 1;
  asOf: string;
  reviews: ReviewAudit[];
  // ---- additive ----
  historyRead: boolean;
  agencies: AgencyRollup[];
  totals: AuditSummary;
  /** Why some history may be missing (shallow clone, files not committed …). */
  warnings: string[];
}

export interface AuditOptions {
  asOf: string;
  history?: boolean;
  /** dhr.config.yml to use for every review; default: the nearest one above each review. */
  config?: string;
  /** The identity register (--identities); default: the one lint finds (config, .dhr/identities.yml). */
  identities?: string;
}

/** `1 action`, `3 actions`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function emptySummary(): AuditSummary {
  return { total: 0, complete: 0, inProgress: 0, notStarted: 0, dropped: 0, overdue: 0, stale: 0, unknown: 0 };
}

export function addToSummary(s: AuditSummary, a: AuditAction): void {
  s.total++;
  switch (a.status) {
    case 'complete': s.complete++; break;
    case 'in-progress': s.inProgress++; break;
    case 'not-started': s.notStarted++; break;
    case 'dropped': s.dropped++; break;
    default: s.unknown++;
  }
  if (a.overdue) s.overdue++;
  if (a.stale) s.stale++;
}

/**
 * A status as the audit prints it: one of STATUSES, or `not-recognised` for anything else typed in
 * the status cell (it could be a name; it is counted as "no valid status" all the same).
 */
export function shownStatus(s: string | null): string | null {
  return s === null || (STATUSES as readonly string[]).includes(s) ? s : 'not-recognised';
}

const spanOf = (c: Span | undefined): Span | undefined => (c ? { line: c.line, column: c.column, endLine: c.endLine, endColumn: c.endColumn } : undefined);

const cellText = (v: string | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** Audits the action plan of one loaded review. */
export function auditReview(review: Review, opts: { asOf: string; staleDays: number; history?: Map<string, HistoryEntry[]>; guard?: PrintGuard }): ReviewAudit {
  const meta = review.meta?.data as Record<string, unknown> | undefined;
  const actions: AuditAction[] = [];
  const summary = emptySummary();
  // ids, agencies and recommendations are printed only when they are plain codes (src/review/safe.ts)
  const guard = opts.guard ?? guardFor();
  for (const row of review.actionPlan?.rows ?? []) {
    const c = row.cells;
    const id = rowId(row);
    const lead = cellText(c.lead_agency?.value);
    const rec = cellText(c.recommendation?.value);
    const status = cellText(normaliseStatus(c.status?.value));
    const targetRaw = cellText(c.target_date?.value);
    const targetDate = targetDay(targetRaw);
    const open = !isClosed(status);
    const late = open && targetDate !== null ? (daysBetween(targetDate, opts.asOf) ?? 0) : 0;
    const history = opts.history?.get(id) ?? [];
    const lastEntry = history.length ? history[history.length - 1] : undefined;
    let stale: boolean | null = null;
    if (!open) stale = false;
    else if (lastEntry) {
      // A status different from the last committed one is an uncommitted change: a change all the same.
      stale = lastEntry.status === status ? (daysBetween(lastEntry.date, opts.asOf) ?? 0) >= opts.staleDays : false;
    }
    const a: AuditAction = {
      id: isSafeRef(id, guard) ? id : `line-${row.line}`,
      recommendation: rec === null || isSafeRef(rec, guard) ? rec : 'not-shown',
      leadAgency: lead === null || isSafeId(lead, guard) ? lead : 'not-shown',
      status: shownStatus(status),
      targetDate,
      overdue: late > 0,
      daysOverdue: late > 0 ? late : 0,
      completedOn: isoDay(c.completed_on?.value),
      history,
      stale,
      lastStatusChange: lastEntry?.date ?? null,
      ...(targetRaw !== null && targetDate === null ? { targetDateText: targetRaw } : {}),
      action: (c.action?.value ?? '').trim().replace(/\s+/g, ' '),
      ownerRole: cellText(c.owner_role?.value),
      scope: cellText(c.scope?.value),
      line: row.line,
      at: { row: { line: row.line, column: 1, endLine: row.line, endColumn: 1 }, status: spanOf(c.status), targetDate: spanOf(c.target_date) },
    };
    actions.push(a);
    addToSummary(summary, a);
  }
  const dates = (meta?.dates ?? {}) as Record<string, unknown>;
  return {
    review: review.id,
    title: typeof meta?.title === 'string' ? meta.title : null,
    path: review.rel,
    actionPlan: review.actionPlan ? review.actionPlan.file.rel : null,
    published: typeof dates.published === 'string' && dates.published !== '',
    staleDays: opts.staleDays,
    actions,
    summary,
  };
}

/** Roll-up per lead agency, across reviews, in order of first appearance. */
export function rollupByAgency(reviews: ReviewAudit[], names: Map<string, string>): AgencyRollup[] {
  const by = new Map<string, AgencyRollup>();
  for (const r of reviews) {
    for (const a of r.actions) {
      const key = a.leadAgency ?? '(none)';
      let g = by.get(key);
      if (!g) by.set(key, (g = { agency: key, name: names.get(key) ?? null, reviews: [], ...emptySummary() }));
      addToSummary(g, a);
      if (!g.reviews.includes(r.review)) g.reviews.push(r.review);
    }
  }
  return [...by.values()];
}

/** The audit of every review found under `paths` (review folders or repositories with reviews/). */
export function auditPaths(paths: string[], opts: AuditOptions): AuditReport {
  const dirs: string[] = [];
  for (const p of paths) for (const d of findReviewDirs(p)) if (!dirs.includes(d)) dirs.push(d);
  const reviews: ReviewAudit[] = [];
  const names = new Map<string, string>();
  const warnings: string[] = [];
  const registers = new Map<string, IdentityRegister>();
  for (const dir of dirs) {
    // the register lint would use: what it names is never printed (titles, folder names, ids)
    const { config, profile, identities } = setupFor(dir, { config: opts.config, identities: opts.identities }, true, registers);
    const guard = guardFor(identities, profile);
    const review = loadReview(dir);
    const agencies = (review.meta?.data as { agencies?: unknown } | undefined)?.agencies;
    if (Array.isArray(agencies)) {
      for (const ag of agencies) {
        const { id, name } = (ag ?? {}) as { id?: unknown; name?: unknown };
        if (typeof id === 'string' && typeof name === 'string' && !names.has(id)) names.set(id, name);
      }
    }
    let history: Map<string, HistoryEntry[]> | undefined;
    if (opts.history && review.actionPlan) {
      const h = readActionHistory(dir);
      history = h.byAction;
      for (const w of h.warnings) if (!warnings.includes(w)) warnings.push(w);
    }
    reviews.push(withholdRegistered(auditReview(review, { asOf: opts.asOf, staleDays: config.audit.stale_days, history, guard }), identities, guard));
  }
  const totals = emptySummary();
  for (const r of reviews) for (const a of r.actions) addToSummary(totals, a);
  return { version: 1, asOf: opts.asOf, reviews, historyRead: Boolean(opts.history), agencies: rollupByAgency(reviews, names), totals, warnings };
}

/**
 * A review's title, id and paths as the audit prints them (stylish, JSON, findings, dashboard,
 * monitoring report): a folder named after a registered person, or a title holding a registered
 * name or identifier, is withheld, as lint withholds them.
 */
function withholdRegistered(r: ReviewAudit, identities: IdentityRegister | undefined, guard: PrintGuard): ReviewAudit {
  const folder = r.path;
  r.path = safeReviewPath(folder, guard);
  if (r.actionPlan) r.actionPlan = safeReviewPath(folder, guard, r.actionPlan);
  if (safePath(r.review, guard) !== r.review) r.review = 'review id withheld';
  if (r.title !== null) {
    const registered = safePath(r.title.replace(/\//g, ' '), guard) !== r.title.replace(/\//g, ' ')
      || (identities !== undefined && identities.people.length > 0 && matcherFor(identities).find(r.title).length > 0);
    if (registered) r.title = 'title withheld: it holds text that matches the identity register';
  }
  return r;
}

/** Every overdue action, most overdue first (ties: review, then file order). */
export function overdueActions(report: AuditReport): Array<{ review: ReviewAudit; action: AuditAction }> {
  const list = report.reviews.flatMap((review) => review.actions.filter((a) => a.overdue).map((action) => ({ review, action })));
  return list.sort((x, y) => y.action.daysOverdue - x.action.daysOverdue);
}

/**
 * The SPEC.md "Audit output" object, with the additive fields, in a stable key order. Each
 * action's own words (its text and owner role) are left out unless `withText`: JSON output goes to
 * CI logs and artefacts, and an unredacted plan can name people (the CLI refuses it in CI).
 */
export function auditJson(report: AuditReport, opts: { withText?: boolean } = {}): unknown {
  return {
    version: report.version,
    asOf: report.asOf,
    historyRead: report.historyRead,
    reviews: report.reviews.map((r) => ({
      review: r.review,
      title: r.title,
      path: r.path,
      actionPlan: r.actionPlan,
      staleDays: r.staleDays,
      actions: r.actions.map((a) => ({
        id: a.id,
        recommendation: a.recommendation,
        leadAgency: a.leadAgency,
        status: a.status,
        targetDate: a.targetDate,
        overdue: a.overdue,
        daysOverdue: a.daysOverdue,
        completedOn: a.completedOn,
        history: a.history.map((h) => ({ date: h.date, status: shownStatus(h.status), commit: h.commit, author: h.author })),
        stale: a.stale,
        lastStatusChange: a.lastStatusChange,
        ...(a.targetDateText !== undefined ? { targetDateText: a.targetDateText } : {}),
        scope: a.scope,
        ...(opts.withText ? { ownerRole: a.ownerRole, action: a.action } : {}),
        line: a.line,
      })),
      summary: r.summary,
    })),
    agencies: report.agencies,
    totals: report.totals,
    warnings: report.warnings,
  };
}
