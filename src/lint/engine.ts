/**
 * The lint engine: runs rules over a loaded review, applies configured severities, inline
 * disables and row waivers, and returns findings in file/line order.
 */
import type { CsvTable, Finding, Review, Severity, SourceFile, Span } from '../review/model.js';
import type { Rule, RuleContext } from './rule.js';
import { severityFor, type Config } from './config.js';
import type { Profile } from './profile.js';
import type { IdentityRegister } from './identities.js';
import { rowId } from '../review/load.js';
import { lineStarts, positionAt } from '../review/source.js';
import { NO_REGISTER, type PrintGuard } from '../review/safe.js';
import { hasHiddenPaths, safeFileOf, safeMessageOf } from './safe-paths.js';

export interface LintOptions {
  config: Config;
  profile: Profile;
  identities?: IdentityRegister;
  today: string;
  /** Rules to run; none for `validate`. */
  rules: Rule[];
  /**
   * The gate the findings decide (see `gateSeverity`): `build`, any build (a registered name or
   * identifier stops it); `final`, a submission (`--final`: no unresolved anonymisation finding).
   */
  gate?: 'build' | 'final';
  /** What messages may quote (src/lint/guard.ts `guardFor`); without it, shape checks only. */
  guard?: PrintGuard;
  /** The last pass over the findings (src/lint/guard.ts `withholdRegistered`), when given. */
  withhold?: (findings: Finding[]) => void;
}

/** The rules that find a registered name or identifier. */
export const IDENTITY_RULES: ReadonlySet<string> = new Set(['anon/identity', 'anon/identity-hashed']);

/**
 * The severity a finding has under a gate. A build cannot switch the identity rules off or down:
 * a registered name is an error whatever the config says. A final build (or `lint --final`) cannot
 * switch any `anon/*` rule off either: at least a warning, so that it is seen and refused.
 */
export function gateSeverity(ruleId: string, configured: Severity | 'off', gate: LintOptions['gate']): Severity | 'off' {
  if (!gate) return configured;
  if (IDENTITY_RULES.has(ruleId)) return 'error';
  if (gate === 'final' && ruleId.startsWith('anon/') && configured === 'off') return 'warning';
  return configured;
}

/** True when a gate lets only a disable or waiver that gives a reason hide this finding. */
function needsReason(ruleId: string, gate: LintOptions['gate']): boolean {
  return gate === 'final' ? ruleId.startsWith('anon/') : gate === 'build' ? IDENTITY_RULES.has(ruleId) : false;
}

const DISABLE_RE = /<!--\s*dhr-disable-next-line\b([^]*?)-->/g;

interface Disable {
  file: string;
  line: number;
  rules: string[];
  /** False for a disable without " -- reason": under a gate it does not hide anonymisation findings. */
  reasoned: boolean;
}

/** Finds `<!-- dhr-disable-next-line rule-id -- reason -->` comments in a file's text. */
export function findDisables(file: SourceFile, report: (f: Finding) => void, review: string): Disable[] {
  const out: Disable[] = [];
  if (!file.text.includes('dhr-disable')) return out;
  const text = file.text;
  // line starts computed once: a file with thousands of disables must not be rescanned for each
  const starts = lineStarts(text);
  for (let m = DISABLE_RE.exec(text); m; m = DISABLE_RE.exec(text)) {
    const { line, column } = positionAt(starts, m.index);
    const [spec, ...reasonParts] = m[1].split(/\s--\s?/);
    const reason = reasonParts.join(' -- ').trim();
    const rules = spec.trim().split(/[\s,]+/).filter(Boolean);
    const endLine = line + (m[0].match(/\r\n|\r|\n/g)?.length ?? 0);
    if (!reason) {
      report({ ruleId: 'lint/disable-without-reason', severity: 'warning', file: file.rel, line, column,
        endLine: line, endColumn: column + 4, message: 'inline disable without a reason: add " -- why" before "-->"', review });
    }
    out.push({ file: file.rel, line: endLine + 1, rules, reasoned: Boolean(reason) });
  }
  return out;
}

function ruleMatches(ids: string[], ruleId: string): boolean {
  if (ids.length === 0) return true;
  const tag = ruleId.split('/')[0];
  return ids.includes(ruleId) || ids.includes(tag);
}

/**
 * Row ids (`file#id`) of the CSV row a finding points into, for waivers. Built once per review:
 * tables by file, rows found by binary search on their lines (rows are in file order and never
 * share a line), so a review with 100,000 rows and many findings stays fast.
 */
function rowKeyIndex(review: Review): (f: Finding) => string[] {
  const tables = new Map<string, CsvTable>();
  for (const t of [...review.chronologies.values(), ...(review.actionPlan ? [review.actionPlan] : [])]) {
    if (!tables.has(t.file.rel)) tables.set(t.file.rel, t);
  }
  return (f) => {
    const t = tables.get(f.file);
    if (!t) return [];
    const rows = t.rows;
    let lo = 0;
    let hi = rows.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].line <= f.line) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const row = at >= 0 && f.line <= rows[at].endLine ? rows[at] : undefined;
    if (!row) return [];
    const id = rowId(row);
    const rel = t.file.rel;
    const inReview = rel.startsWith(review.rel + '/') ? rel.slice(review.rel.length + 1) : rel;
    const base = rel.split('/').pop()!;
    return [`${rel}#${id}`, `${inReview}#${id}`, `${base}#${id}`];
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1
    : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** The rules of `opts` that run on this review (not switched off, not skipped for a learning review). */
function activeRules(review: Review, opts: LintOptions): Rule[] {
  const isLearning = review.meta?.data?.type === 'learning-review';
  return opts.rules.filter((rule) => !(isLearning && rule.meta.skipForLearningReview)
    && gateSeverity(rule.meta.id, severityFor(opts.config, rule.meta.id, rule.meta.severity), opts.gate) !== 'off');
}

/**
 * Starts the work rules can begin before they run (`Rule.prepare`), such as a large chronology's
 * duplicate search on another thread. `lintReview` does it too; a command calls it first when it
 * has other work to do meanwhile (`dhr chronology` writes its outputs). Calling it twice is harmless.
 */
export function prepareLint(review: Review, opts: LintOptions): void {
  const ctx: RuleContext = {
    review, meta: review.meta?.data, config: opts.config, profile: opts.profile, identities: opts.identities, today: opts.today,
    guard: opts.guard ?? NO_REGISTER,
    report() {
      throw new Error('a rule reports from check(), not from prepare()');
    },
  };
  for (const rule of activeRules(review, opts)) {
    if (!rule.prepare) continue;
    try {
      rule.prepare(ctx);
    } catch (err) {
      // its check() runs as if nothing was prepared, and reports an internal error if it fails too
      if (process.env.DHR_DEBUG) throw err;
    }
  }
}

export function lintReview(review: Review, opts: LintOptions): Finding[] {
  const raw: Finding[] = [...review.findings];
  const meta = review.meta?.data;
  const guard = opts.guard ?? NO_REGISTER;
  prepareLint(review, opts);
  // the rules that prepared work last, so that it has the others' time to finish (findings are
  // sorted below: the order the rules run in does not show)
  const active = activeRules(review, opts);
  const rules = [...active.filter((r) => !r.prepare), ...active.filter((r) => r.prepare)];
  for (const rule of rules) {
    const ctx: RuleContext = {
      review, meta, config: opts.config, profile: opts.profile, identities: opts.identities, today: opts.today, guard,
      report(file: SourceFile | string, span: Span, message: string, value?: string, severity?: Severity) {
        raw.push({
          ruleId: rule.meta.id, severity: severity ?? rule.meta.severity,
          file: typeof file === 'string' ? file : file.rel,
          line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn,
          message, review: review.id, ...(value !== undefined ? { value } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      if (process.env.DHR_DEBUG) throw err;
      raw.push({ ruleId: rule.meta.id, severity: 'error', file: review.rel, line: 1, column: 1, endLine: 1, endColumn: 1,
        message: `internal error in rule ${rule.meta.id}; rerun with DHR_DEBUG=1 for details`, review: review.id });
    }
  }

  const disables: Disable[] = [];
  for (const f of review.files) {
    if (/\.md$/i.test(f.path)) for (const d of findDisables(f, (x) => raw.push(x), review.id)) disables.push(d);
  }
  const disabledAt = new Map<string, Disable[]>();
  for (const d of disables) {
    const k = `${d.file}\0${d.line}`;
    const list = disabledAt.get(k);
    if (list) list.push(d);
    else disabledAt.set(k, [d]);
  }
  const waivers = opts.config.waivers;
  const rowKeys = waivers.length ? rowKeyIndex(review) : undefined;
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const f of raw) {
    const sev = gateSeverity(f.ruleId, severityFor(opts.config, f.ruleId, f.severity), opts.gate);
    if (sev === 'off') continue;
    const strict = needsReason(f.ruleId, opts.gate);
    if (disables.length && disabledAt.get(`${f.file}\0${f.line}`)?.some((d) => ruleMatches(d.rules, f.ruleId) && (d.reasoned || !strict))) continue;
    if (rowKeys && f.ruleId !== 'lint/disable-without-reason') {
      const keys = rowKeys(f);
      if (keys.length && waivers.some((w) => keys.includes(w.row) && (!w.rules || ruleMatches(w.rules, f.ruleId)) && (Boolean(w.reason?.trim()) || !strict))) continue;
    }
    const key = `${f.ruleId}|${f.file}|${f.line}|${f.column}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...f, severity: sev });
  }
  // a file or folder whose name holds a registered real name is never printed (safe-paths.ts)
  if (hasHiddenPaths(review)) {
    for (const f of out) {
      f.file = safeFileOf(review, f.file);
      f.message = safeMessageOf(review, f.message);
    }
  }
  opts.withhold?.(out);
  return out.sort(compareFindings);
}
