/** Dates as the action plan writes them, and whole-day arithmetic on ISO dates. */

const DAY_MS = 86_400_000;

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A target or completion date as ISO `YYYY-MM-DD`, or null when it is not a date.
 * Accepts `YYYY-MM-DD`, `DD/MM/YYYY` (UK order, as Excel exports it; `D/M/YYYY`, `-` or `.`
 * separators too) and `YYYY-MM`, read as the last day of that month ("by March 2026").
 */
export function parseActionDate(raw: string | undefined | null): string | null {
  const s = (raw ?? '').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]) ? iso(+m[1], +m[2], +m[3]) : null;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]) ? iso(+m[3], +m[2], +m[1]) : null;
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m && +m[2] >= 1 && +m[2] <= 12) {
    const last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
    return iso(+m[1], +m[2], last);
  }
  return null;
}

/** Days from `from` to `to` (both ISO dates): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  const t = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  return Math.round((t(to) - t(from)) / DAY_MS);
}

/** The calendar date in Europe/London of a moment given in seconds since 1970. */
export function londonDate(epochSeconds: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(epochSeconds * 1000));
}
