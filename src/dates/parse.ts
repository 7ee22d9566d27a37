/**
 * Chronology dates. Agencies write dates in several ways; the master chronology needs one.
 *
 * Accepted (surrounding spaces ignored):
 *   YYYY-MM-DD            2023-11-04          day precision
 *   DD/MM/YYYY, D/M/YYYY  04/11/2023, 4/11/2023   (UK order: day first)
 *   YYYY-MM               2020-03             month precision (an approximate date)
 *   MM/YYYY, M/YYYY       03/2020, 3/2020
 *   Month YYYY            March 2020, Mar 2020 (English month names, any case)
 *   D Month YYYY          4 November 2023, 4 Nov 2023
 *   YYYY                  2019                year precision
 *
 * Refused, with a message that says how to write it instead: impossible dates (31/02/2020,
 * month 13 — never shifted to a "nearby" real date), US order (12/31/2020), year-first with
 * slashes (2020/03/04, which readers take either way), two-digit years, Excel serial numbers,
 * and anything else. Years before 1900 are refused as likely typing errors.
 *
 * `sortKey` orders dates so that an approximate date comes before the days it covers:
 * `2019` → `2019-00-00`, `2019-09` → `2019-09-00`, `2019-09-01` → `2019-09-01`.
 */

export type Precision = 'day' | 'month' | 'year';

export interface ChronologyDate {
  /** Normalised ISO form keeping the precision: `2019-09-01`, `2019-09` or `2019`. */
  iso: string;
  precision: Precision;
  year: number;
  /** 1–12, absent for year precision. */
  month?: number;
  /** 1–31, absent unless day precision. */
  day?: number;
  /** Sorts approximate dates before the days they cover (see the module comment). */
  sortKey: string;
  /** First day covered, ISO `YYYY-MM-DD`. */
  start: string;
  /** Last day covered, ISO `YYYY-MM-DD`. */
  end: string;
}

export type DateResult = { ok: true; date: ChronologyDate } | { ok: false; error: string };

export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const MONTHS_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((m, i) => {
    const names: Array<[string, number]> = [[m.toLowerCase(), i + 1], [m.slice(0, 3).toLowerCase(), i + 1]];
    if (m === 'September') names.push(['sept', 9]);
    return names;
  }),
);

const HOW = 'write it as YYYY-MM-DD or DD/MM/YYYY (or YYYY-MM, YYYY for an approximate date)';
const DAY_HOW = 'write it as YYYY-MM-DD or DD/MM/YYYY';

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function build(year: number, month?: number, day?: number): ChronologyDate {
  if (month === undefined) {
    return { iso: pad(year, 4), precision: 'year', year, sortKey: `${pad(year, 4)}-00-00`,
      start: `${pad(year, 4)}-01-01`, end: `${pad(year, 4)}-12-31` };
  }
  const ym = `${pad(year, 4)}-${pad(month)}`;
  if (day === undefined) {
    return { iso: ym, precision: 'month', year, month, sortKey: `${ym}-00`,
      start: `${ym}-01`, end: `${ym}-${pad(daysInMonth(year, month))}` };
  }
  const iso = `${ym}-${pad(day)}`;
  return { iso, precision: 'day', year, month, day, sortKey: iso, start: iso, end: iso };
}

function checkYear(year: number): string | undefined {
  if (year < MIN_YEAR) return `year ${year} is before ${MIN_YEAR}: check for a typing error`;
  return undefined;
}

/** Validates the parts of a date; returns the date or an error naming what is impossible. */
function make(year: number, month?: number, day?: number): DateResult {
  const ye = checkYear(year);
  if (ye) return { ok: false, error: ye };
  if (month !== undefined && (month < 1 || month > 12)) {
    return { ok: false, error: `month ${month} does not exist (months are 1 to 12)` };
  }
  if (month !== undefined && day !== undefined) {
    const max = daysInMonth(year, month);
    if (day < 1 || day > max) {
      return { ok: false, error: day < 1
        ? 'day 0 does not exist'
        : `${MONTH_NAMES[month - 1]} ${year} has ${max} days, so day ${day} does not exist` };
    }
  }
  return { ok: true, date: build(year, month, day) };
}

/** Parses one chronology date. Never throws; never shifts an impossible date. */
export function parseChronologyDate(input: string, how = HOW): DateResult {
  const s = (input ?? '').trim();
  if (s === '') return { ok: false, error: 'the date is empty' };
  let m: RegExpExecArray | null;

  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) return make(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return make(+m[1], +m[2]);
  if ((m = /^(\d{4})$/.exec(s))) return make(+m[1]);

  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    const a = +m[1];
    const b = +m[2];
    if (b > 12 && a >= 1 && a <= 12 && b <= 31) {
      return { ok: false, error: `this looks like a US-style date (month first); dates are read day first: ${how}` };
    }
    return make(+m[3], b, a);
  }
  if ((m = /^(\d{1,2})\/(\d{4})$/.exec(s))) return make(+m[2], +m[1]);

  if ((m = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(s))) {
    const month = MONTHS_BY_NAME.get(m[2].toLowerCase());
    if (month !== undefined) return make(+m[3], month, +m[1]);
  }
  if ((m = /^([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(s))) {
    const month = MONTHS_BY_NAME.get(m[1].toLowerCase());
    if (month !== undefined) return make(+m[2], month);
  }

  // Recognisable but refused forms: say why and how to fix.
  if (/^\d{4}[/.]\d{1,2}[/.]\d{1,2}$/.test(s)) {
    return { ok: false, error: `a year-first date with slashes or dots is ambiguous; ${how}` };
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(s)) {
    return { ok: false, error: `the year has only two digits; write the year in full: ${how}` };
  }
  if (/^\d{1,2}[.-]\d{1,2}[.-]\d{4}$/.test(s)) {
    return { ok: false, error: `use slashes between day, month and year, or ISO form: ${how}` };
  }
  if (/^\d{4}-\d{1,2}(-\d{1,2})?$/.test(s)) {
    return { ok: false, error: `write the month and day with two digits each: ${how}` };
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    return { ok: false, error: `this looks like a spreadsheet date number rather than a date; ${how}` };
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d/.test(s)) {
    return { ok: false, error: 'the date includes a time: put the time in the time column and the date alone here' };
  }
  return { ok: false, error: `not a date in a recognised form; ${how}` };
}

/** Minutes after midnight of an `HH:MM` (or `H:MM`) time; undefined when absent or not a time. */
export function parseTime(input: string | undefined): number | undefined {
  const m = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(input ?? '');
  return m ? +m[1] * 60 + +m[2] : undefined;
}

const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of an ISO `YYYY-MM-DD` day. */
export function dayNumber(isoDay: string): number {
  // a chronology asks for the same few thousand days again and again (gaps, timeline)
  let n = dayNumbers.get(isoDay);
  if (n === undefined) {
    const [y, m, d] = isoDay.split('-').map(Number);
    n = Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(isoDay, n);
  }
  return n;
}

/** The ISO day of a day number (inverse of dayNumber). */
export function isoFromDayNumber(n: number): string {
  const d = new Date(n * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A date as people write it in a report: `4 November 2023`, `March 2020`, `2019`. */
export function formatLongDate(d: ChronologyDate): string {
  if (d.precision === 'year') return String(d.year);
  const month = MONTH_NAMES[(d.month ?? 1) - 1];
  return d.precision === 'month' ? `${month} ${d.year}` : `${d.day} ${month} ${d.year}`;
}

/** A short form for labels: `4 Nov 2023`, `Mar 2020`, `2019`. */
export function formatShortDate(d: ChronologyDate): string {
  if (d.precision === 'year') return String(d.year);
  const month = MONTH_NAMES[(d.month ?? 1) - 1].slice(0, 3);
  return d.precision === 'month' ? `${month} ${d.year}` : `${d.day} ${month} ${d.year}`;
}

/**
 * A day written as ISO `YYYY-MM-DD` only, as review.yml, `completed_on` and the command-line
 * flags take it. The error of an impossible day is the same as everywhere else.
 */
export function parseIsoDay(input: unknown): DateResult {
  if (typeof input !== 'string') return { ok: false, error: 'not a date: write it as YYYY-MM-DD' };
  const s = input.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) {
    if (s === '') return { ok: false, error: 'the date is empty' };
    return { ok: false, error: 'not a date in the form YYYY-MM-DD' };
  }
  return make(+m[1], +m[2], +m[3]);
}

/**
 * A day written in any form a chronology accepts, but a whole day: an action's target date or
 * deadline. A month or a year alone is refused ("March 2026" is a period, not a deadline).
 */
export function parseDay(input: string): DateResult {
  const r = parseChronologyDate(input, DAY_HOW);
  if (!r.ok || r.date.precision === 'day') return r;
  return { ok: false, error: `"${input.trim()}" is a ${r.date.precision}, not a day: give the day as well, as YYYY-MM-DD or DD/MM/YYYY` };
}

/** An ISO day `2025-07-01` as people write it in a letter or report: `1 July 2025` (other text unchanged). */
export function longDate(iso: string): string {
  const r = parseIsoDay(iso);
  return r.ok ? formatLongDate(r.date) : iso;
}
