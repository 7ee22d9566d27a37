/**
 * Merging agency chronologies into the master chronology.
 *
 * Every input row appears exactly once, with `ref` = `<agency>#<id>` (the agency is the file
 * name, the id the row's `id` cell or its row number). The order is total and stable:
 *
 *   1. date — by `sortKey`, so an approximate date comes before the days it covers
 *      (`2019` < `2019-01` < `2019-01-01`); rows whose date cannot be read come last;
 *   2. time — a day's untimed rows before its timed rows, timed rows by time;
 *   3. agency id (plain character order);
 *   4. source order (the row's position in its file).
 *
 * The reconciliation counts rows in (per file) against rows out (per agency in the result), so a
 * lost or doubled row shows up rather than being assumed away.
 */
import type { CsvRow, CsvTable, Review, SourceFile } from '../review/model.js';
import { rowId } from '../review/load.js';
import { parseChronologyDate, parseTime, type ChronologyDate, type DateResult } from '../dates/index.js';

/** The columns of an agency chronology, in the order the master chronology writes them. */
export const AGENCY_COLUMNS = [
  'id', 'date', 'time', 'agency', 'subject', 'source', 'event', 'action', 'practitioner', 'key_event', 'comment',
] as const;

export type AgencyColumn = (typeof AGENCY_COLUMNS)[number];

/** `master-chronology.csv` columns: `ref`, then the agency columns. */
export const MASTER_COLUMNS = ['ref', ...AGENCY_COLUMNS] as const;

export interface MasterRow {
  /** `<agency>#<id>`: traces the row back to its file and row. */
  ref: string;
  agency: string;
  id: string;
  /** The normalised ISO date (keeping its precision), or the text as written when unreadable. */
  date: string;
  /** The parsed date; absent when the date could not be read. */
  parsed?: ChronologyDate;
  /** Why the date could not be read. */
  dateError?: string;
  time: string;
  /** Minutes after midnight, when `time` is a valid `HH:MM`. */
  minutes?: number;
  subject: string;
  source: string;
  event: string;
  action: string;
  practitioner: string;
  /** `yes`, `no` or empty (lower-cased). */
  key_event: string;
  comment: string;
  /** True when `key_event` is yes. */
  key: boolean;
  /** Pseudonyms from `subject`, split on `;`, trimmed, empty ones dropped. */
  subjects: string[];
  /** Position of the row in its file (1-based data-row index). */
  sourceIndex: number;
  /** Where the row came from, for findings. */
  file: SourceFile;
  row: CsvRow;
}

export interface AgencyCount {
  agency: string;
  rowsIn: number;
  rowsOut: number;
}

export interface Reconciliation {
  agencies: AgencyCount[];
  totalIn: number;
  totalOut: number;
  /** Every agency's rows out equal its rows in, and every ref is unique. */
  ok: boolean;
  /** Refs that occur more than once (an `id` used twice in one file). */
  duplicateRefs: string[];
}

export interface MasterChronology {
  rows: MasterRow[];
  reconciliation: Reconciliation;
  /** Rows whose date could not be read (also in `rows`, at the end). */
  undated: MasterRow[];
}

const cellText = (row: CsvRow, col: string): string => row.cells[col]?.value.trim() ?? '';

/**
 * Dates and subject lists already read, by their text. A chronology repeats them (a day holds
 * many entries), so its rows share one parsed date and one list each, read-only.
 */
export interface MergeCache {
  dates: Map<string, DateResult>;
  subjects: Map<string, string[]>;
}

const newCache = (): MergeCache => ({ dates: new Map(), subjects: new Map() });

/** One agency row as a master row (date parsed, cells trimmed). */
export function toMasterRow(agency: string, table: CsvTable, row: CsvRow, cache: MergeCache = newCache()): MasterRow {
  const id = rowId(row);
  const rawDate = cellText(row, 'date');
  let res = cache.dates.get(rawDate);
  if (!res) cache.dates.set(rawDate, (res = parseChronologyDate(rawDate)));
  const time = cellText(row, 'time');
  const minutes = parseTime(time);
  const key = cellText(row, 'key_event').toLowerCase();
  const subject = cellText(row, 'subject');
  let subjects = cache.subjects.get(subject);
  if (!subjects) cache.subjects.set(subject, (subjects = splitSubjects(subject)));
  // one shape for every row (no optional keys spread in): 100,000 rows stay one hidden class
  return {
    ref: `${agency}#${id}`,
    agency,
    id,
    date: res.ok ? res.date.iso : rawDate,
    parsed: res.ok ? res.date : undefined,
    dateError: res.ok ? undefined : res.error,
    time,
    minutes,
    subject,
    source: cellText(row, 'source'),
    event: cellText(row, 'event'),
    action: cellText(row, 'action'),
    practitioner: cellText(row, 'practitioner'),
    key_event: key,
    comment: cellText(row, 'comment'),
    key: key === 'yes',
    subjects,
    sourceIndex: row.index,
    file: table.file,
    row,
  };
}

export function splitSubjects(subject: string): string[] {
  return subject.split(';').map((s) => s.trim()).filter(Boolean);
}

/** The master-chronology order (see the module comment). A total order: ties cannot happen. */
export function compareMasterRows(a: MasterRow, b: MasterRow): number {
  if (!!a.parsed !== !!b.parsed) return a.parsed ? -1 : 1;
  if (a.parsed && b.parsed && a.parsed.sortKey !== b.parsed.sortKey) return a.parsed.sortKey < b.parsed.sortKey ? -1 : 1;
  const ta = a.minutes ?? -1;
  const tb = b.minutes ?? -1;
  if (ta !== tb) return ta - tb;
  if (a.agency !== b.agency) return a.agency < b.agency ? -1 : 1;
  return a.sourceIndex - b.sourceIndex;
}

/**
 * Sorts rows gathered agency by agency (agencies in character order), each in source order, into
 * the master order: the same order as `compareMasterRows`, by one number per row (the date's rank
 * among the dates present, then the time) and a stable sort, so agency and source order stand.
 */
function sortMasterRows(rows: MasterRow[]): void {
  const dates = [...new Set(rows.map((r) => r.parsed?.sortKey).filter((k): k is string => k !== undefined))].sort();
  const rank = new Map(dates.map((k, i) => [k, i]));
  const keys = new Float64Array(rows.length);
  const order = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    // undated rows after every date; untimed (−1) before the day's timed rows
    const day = r.parsed ? rank.get(r.parsed.sortKey)! : dates.length;
    keys[i] = day * 1442 + (r.minutes ?? -1) + 1;
    order[i] = i;
  }
  order.sort((a, b) => keys[a]! - keys[b]!);
  const sorted = order.map((i) => rows[i]!);
  for (let i = 0; i < rows.length; i++) rows[i] = sorted[i]!;
}

/** Merges every chronology of a review (or a map of agency → table) into the master chronology. */
export function mergeChronologies(input: Review | Map<string, CsvTable>): MasterChronology {
  const tables = input instanceof Map ? input : input.chronologies;
  const rows: MasterRow[] = [];
  const counts: AgencyCount[] = [];
  const agencies = [...tables.keys()].sort();
  const cache = newCache();
  for (const agency of agencies) {
    const table = tables.get(agency)!;
    counts.push({ agency, rowsIn: table.rows.length, rowsOut: 0 });
    for (const row of table.rows) rows.push(toMasterRow(agency, table, row, cache));
  }
  sortMasterRows(rows);

  const byAgency = new Map(counts.map((c) => [c.agency, c]));
  const seen = new Set<string>();
  const duplicateRefs = new Set<string>();
  for (const r of rows) {
    byAgency.get(r.agency)!.rowsOut++;
    if (seen.has(r.ref)) duplicateRefs.add(r.ref);
    seen.add(r.ref);
  }
  const totalIn = counts.reduce((n, c) => n + c.rowsIn, 0);
  const totalOut = rows.length;
  const ok = totalIn === totalOut && counts.every((c) => c.rowsIn === c.rowsOut) && duplicateRefs.size === 0;
  return {
    rows,
    reconciliation: { agencies: counts, totalIn, totalOut, ok, duplicateRefs: [...duplicateRefs].sort() },
    undated: rows.filter((r) => !r.parsed),
  };
}

/** One line, e.g. `police 12 → 12, icb 9 → 9; total 45 → 45 ✔`. */
export function formatReconciliation(r: Reconciliation): string {
  const parts = r.agencies.map((c) => `${c.agency} ${c.rowsIn} → ${c.rowsOut}`);
  const mark = r.ok ? '✔' : '✘';
  // row ids are free text, so they are not printed: the loader's schema/chronology findings point at each one
  const dup = r.duplicateRefs.length ? ` (${r.duplicateRefs.length} ref${r.duplicateRefs.length === 1 ? '' : 's'} used twice: see the schema/chronology findings)` : '';
  return `${parts.join(', ')}${parts.length ? '; ' : ''}total ${r.totalIn} → ${r.totalOut} ${mark}${dup}`;
}

const cache = new WeakMap<Review, MasterChronology>();

/** The master chronology of a loaded review, merged once and shared by the chronology rules. */
export function masterOf(review: Review): MasterChronology {
  let m = cache.get(review);
  if (!m) {
    m = mergeChronologies(review);
    cache.set(review, m);
  }
  return m;
}
