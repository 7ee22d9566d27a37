/** The terms-of-reference period of a review, read defensively from review.yml. */
import type { ReviewMeta } from '../review/model.js';
import { dayNumber, parseChronologyDate } from '../dates/index.js';

export interface Period {
  /** ISO days; either may be absent when review.yml does not give it (or gives something unreadable). */
  from?: string;
  to?: string;
  fromDay?: number;
  toDay?: number;
}

/** YAML may hand us a string or (with other loaders) a Date: accept both, day precision only. */
function isoDay(v: unknown): string | undefined {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const r = parseChronologyDate(v);
  return r.ok && r.date.precision === 'day' ? r.date.iso : undefined;
}

export function reviewPeriod(meta: ReviewMeta | undefined): Period {
  const p = (meta?.terms_of_reference as { period?: { from?: unknown; to?: unknown } } | undefined)?.period;
  if (!p || typeof p !== 'object') return {};
  const from = isoDay(p.from);
  const to = isoDay(p.to);
  return {
    ...(from ? { from, fromDay: dayNumber(from) } : {}),
    ...(to ? { to, toDay: dayNumber(to) } : {}),
  };
}
