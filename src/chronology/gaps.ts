/**
 * Long periods with no agency contact, within the terms-of-reference period.
 *
 * Each row covers the days of its date: one day, or a whole month / year for an approximate date
 * (so an approximate date never creates a gap it might not have). Rows are taken in date order;
 * a gap is the number of days from the end of everything before to the start of the next row,
 * reported when it is more than `gapDays`. The start of the review period counts as the start of
 * the first gap and its end as the end of the last, so silence at either end is found too. Rows
 * outside the period are ignored; with no period, the chronology's own first and last dates bound it.
 */
import { dayNumber, isoFromDayNumber } from '../dates/index.js';
import type { MasterRow } from './merge.js';
import type { Period } from './scope.js';

export interface Gap {
  /** Last day with contact before the gap (or the start of the period, when `atStart`). */
  from: string;
  /** First day with contact after the gap (or the end of the period, when `atEnd`). */
  to: string;
  /** Days from `from` to `to`. */
  days: number;
  /** The first row after the gap; absent when the gap runs to the end of the period. */
  after?: MasterRow;
  /** The gap runs from the start of the period to the first contact. */
  atStart: boolean;
  /** The gap runs from the last contact to the end of the period. */
  atEnd: boolean;
}

export function findGaps(rows: readonly MasterRow[], period: Period, gapDays = 180): Gap[] {
  const limit = Number.isFinite(gapDays) && gapDays > 0 ? gapDays : 180;
  const lo = period.fromDay ?? -Infinity;
  const hi = period.toDay ?? Infinity;
  const spans = rows
    .filter((r) => r.parsed)
    .map((r, i) => ({ r, i, start: dayNumber(r.parsed!.start), end: dayNumber(r.parsed!.end) }))
    .filter((s) => s.end >= lo && s.start <= hi)
    .map((s) => ({ ...s, start: Math.max(s.start, lo), end: Math.min(s.end, hi) }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  const gaps: Gap[] = [];
  if (spans.length === 0) return gaps;

  let covered = Number.isFinite(lo) ? lo : spans[0].start;
  let atStart = Number.isFinite(lo);
  for (const s of spans) {
    const days = s.start - covered;
    if (days > limit) {
      gaps.push({ from: isoFromDayNumber(covered), to: isoFromDayNumber(s.start), days, after: s.r, atStart, atEnd: false });
    }
    atStart = false;
    covered = Math.max(covered, s.end);
  }
  if (Number.isFinite(hi) && hi - covered > limit) {
    gaps.push({ from: isoFromDayNumber(covered), to: isoFromDayNumber(hi), days: hi - covered, atStart: false, atEnd: true });
  }
  return gaps;
}

