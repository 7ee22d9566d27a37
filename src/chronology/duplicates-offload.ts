/**
 * The duplicate search of a large chronology on a second thread (issue 19), while this one goes on
 * with the other rules (lint) or with writing the outputs (`dhr chronology`).
 *
 * `startDuplicates(rows, threshold)` returns `take()`, which gives what `findDuplicates` would,
 * waiting for the worker if need be (src/sync-worker.ts). Only the rows that can have a duplicate
 * (an event on a day with another) are sent, as columns, not as objects.
 *
 * The search stays on this thread when the chronology is small (a worker costs more than it saves),
 * or when a worker cannot help or fails (sync-worker.ts): the answer is the same either way.
 */
import { startSyncWorker } from '../sync-worker.js';
import type { MasterRow } from './merge.js';
import { candidateRows, findDuplicates, masterRowsInput, type Duplicate, type DuplicateInput } from './duplicates.js';

const WORKER = new URL('./duplicates-worker.js', import.meta.url);

/** Fewer candidate rows than this are searched on this thread. */
export const OFFLOAD_ROWS = 20_000;

/**
 * The rows as the worker receives them: a few long strings and typed arrays (each row's event is
 * `events` from `eventAt[k]` to `eventAt[k + 1]`), not an object or a string per row, which would
 * double the worker's memory.
 */
export interface DuplicateColumns {
  /** Each row's day as a number (the same number, the same day). */
  days: Int32Array;
  events: string;
  eventAt: Int32Array;
  /** Each row's subjects joined by NUL (a row whose subjects hold one is not sent), found like the events. */
  subjects: string;
  subjectAt: Int32Array;
  /** Minutes after midnight, NaN without a time. */
  minutes: Float64Array;
  threshold: number;
}

/** The columns read back as the search's input. */
export function columnsInput(c: DuplicateColumns): DuplicateInput {
  return {
    length: c.days.length,
    day: (i) => c.days[i],
    event: (i) => c.events.slice(c.eventAt[i], c.eventAt[i + 1]),
    subjects: (i) => (c.subjectAt[i] === c.subjectAt[i + 1] ? [] : c.subjects.slice(c.subjectAt[i], c.subjectAt[i + 1]).split('\0')),
    minutes: (i) => (Number.isNaN(c.minutes[i]) ? undefined : c.minutes[i]),
  };
}

/** The rows `rows` of the input as columns (exported for its test). */
export function columnsOf(input: DuplicateInput, rows: readonly number[], threshold: number): DuplicateColumns {
  const n = rows.length;
  const dayIds = new Map<string | number, number>();
  const days = new Int32Array(n);
  const eventAt = new Int32Array(n + 1);
  const subjectAt = new Int32Array(n + 1);
  const minutes = new Float64Array(n);
  const events: string[] = [];
  const subjects: string[] = [];
  for (let k = 0; k < n; k++) {
    const i = rows[k]!;
    const day = input.day(i)!;
    let id = dayIds.get(day);
    if (id === undefined) dayIds.set(day, (id = dayIds.size));
    days[k] = id;
    const event = input.event(i);
    events.push(event);
    eventAt[k + 1] = eventAt[k]! + event.length;
    const s = input.subjects(i).join('\0');
    subjects.push(s);
    subjectAt[k + 1] = subjectAt[k]! + s.length;
    minutes[k] = input.minutes(i) ?? NaN;
  }
  return { days, events: events.join(''), eventAt, subjects: subjects.join(''), subjectAt, minutes, threshold };
}

/** What `startDuplicates` returns: call it for the duplicates. */
export interface TakeDuplicates {
  (): Duplicate[];
  /** True when the search went to a worker thread. */
  readonly offloaded: boolean;
}

/** Starts the search; `take()` gives the duplicates (found on a worker thread when that pays). */
export function startDuplicates(rows: readonly MasterRow[], threshold: number): TakeDuplicates {
  const here = Object.assign(() => findDuplicates(rows, threshold), { offloaded: false });
  // a review of real size is searched here without sorting its rows into days twice
  if (rows.length < OFFLOAD_ROWS) return here;
  const input = masterRowsInput(rows);
  const candidates = candidateRows(input);
  if (candidates.length < OFFLOAD_ROWS) return here;
  // a subject holding the separator (a NUL in decoded UTF-16) could not be sent as it is
  if (candidates.some((i) => input.subjects(i).some((x) => x.includes('\0')))) return here;
  const columns = columnsOf(input, candidates, threshold);
  const buffers = [columns.days.buffer, columns.eventAt.buffer, columns.subjectAt.buffer, columns.minutes.buffer] as ArrayBuffer[];
  const worker = startSyncWorker<Float64Array>(WORKER, columns, buffers);
  if (!worker) return here;
  return Object.assign(() => {
    const p = worker.take();
    if (!p) return here();
    const out: Duplicate[] = [];
    for (let k = 0; k < p.length; k += 3) out.push({ row: rows[candidates[p[k]!]!]!, first: rows[candidates[p[k + 1]!]!]!, similarity: p[k + 2]! });
    return out;
  }, { offloaded: true });
}
