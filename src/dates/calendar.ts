/**
 * ISO dates and calendar-month arithmetic for the process/* timescale rules.
 *
 * Dates are plain `YYYY-MM-DD` strings (review.yml is read without a timestamp type), so they
 * are compared as strings and never pass through a time zone. "One month after 23 January" is
 * 23 February: a calendar month keeps the day of the month, and when the target month is
 * shorter it clamps to that month's last day (31 January + 1 month = 29 February in a leap
 * year, 28 February otherwise; 31 August + 6 months = 28 or 29 February).
 */

import { daysInMonth, parseIsoDay } from './parse.js';

export interface YMD {
  year: number;
  month: number;
  day: number;
}

/** Parses a strict ISO calendar date; anything else (wrong shape, 30 February, non-strings) is undefined. */
export function parseIsoDate(value: unknown): YMD | undefined {
  const r = parseIsoDay(value);
  return r.ok ? { year: r.date.year, month: r.date.month!, day: r.date.day! } : undefined;
}

/** The value as a normalised ISO date string, or undefined when it is not a real date. */
export function isoDate(value: unknown): string | undefined {
  const d = parseIsoDate(value);
  return d ? formatIsoDate(d) : undefined;
}

export function formatIsoDate(d: YMD): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * Adds calendar months to an ISO date, clamping to the end of a shorter month.
 * Returns undefined for an invalid date. `months` may be negative or zero.
 */
export function addMonths(date: string, months: number): string | undefined {
  const d = parseIsoDate(date);
  if (!d || !Number.isInteger(months)) return undefined;
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  if (year < 0 || year > 9999) return undefined;
  return formatIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

function dayNumber(d: YMD): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

/** Whole days from `a` to `b` (positive when b is later); undefined if either is invalid. */
export function daysBetween(a: string, b: string): number | undefined {
  const x = parseIsoDate(a);
  const y = parseIsoDate(b);
  return x && y ? dayNumber(y) - dayNumber(x) : undefined;
}

/** Compares two valid ISO dates: negative, zero or positive. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "1 month", "6 months": for messages. */
export function monthsText(n: number): string {
  const words = ['no months', 'one month', 'two months', 'three months', 'four months', 'five months', 'six months',
    'seven months', 'eight months', 'nine months', 'ten months', 'eleven months', 'twelve months'];
  return Number.isInteger(n) && n >= 0 && n < words.length ? words[n] : `${n} months`;
}

/** "1 day", "11 days", "6 weeks": a number of days in words a chair reads at a glance. */
export function daysText(days: number): string {
  if (days === 1) return '1 day';
  if (days < 14 || days % 7 !== 0) return `${days} days`;
  return `${days / 7} weeks`;
}

/**
 * How long from `from` to `to`, in words: whole calendar months when it is exactly that
 * ("eight months"), else weeks or days ("6 weeks", "45 days").
 */
export function durationText(from: string, to: string): string {
  const days = daysBetween(from, to);
  if (days === undefined) return '';
  if (days > 0) {
    for (let k = 1; k <= 120; k++) {
      const d = addMonths(from, k);
      if (!d || d > to) break;
      if (d === to) return monthsText(k);
    }
  }
  return daysText(days);
}

/** Made on first use: loading the time zone costs about 10 ms, which a run given its date (`--as-of`) need not pay. */
let londonDay: Intl.DateTimeFormat | undefined;
const LONDON_DAY = (): Intl.DateTimeFormat =>
  (londonDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }));

/** Today's date in Europe/London as `YYYY-MM-DD` (SOURCE_DATE_EPOCH is not used: "today" is real). */
export function todayInLondon(now = new Date()): string {
  return LONDON_DAY().format(now);
}

/** The calendar date in Europe/London of a moment given in seconds since 1970. */
export function londonDate(epochSeconds: number): string {
  return LONDON_DAY().format(new Date(epochSeconds * 1000));
}
