import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { daysInMonth, parseChronologyDate, parseTime, formatLongDate, type DateResult } from './parse.js';

const ok = (r: DateResult) => {
  if (!r.ok) throw new Error(`expected a date, got: ${r.error}`);
  return r.date;
};
const err = (r: DateResult) => {
  if (r.ok) throw new Error(`expected an error, got ${r.date.iso}`);
  return r.error;
};
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('parseChronologyDate: accepted forms', () => {
  it.each([
    ['2023-11-04', '2023-11-04', 'day'],
    ['04/11/2023', '2023-11-04', 'day'],
    ['4/11/2023', '2023-11-04', 'day'],
    ['4/1/2023', '2023-01-04', 'day'],
    [' 2023-11-04 ', '2023-11-04', 'day'],
    ['2020-02-29', '2020-02-29', 'day'],
    ['29/02/2000', '2000-02-29', 'day'],
    ['2019-09', '2019-09', 'month'],
    ['09/2019', '2019-09', 'month'],
    ['9/2019', '2019-09', 'month'],
    ['March 2020', '2020-03', 'month'],
    ['mar 2020', '2020-03', 'month'],
    ['Sept 2020', '2020-09', 'month'],
    ['4 November 2023', '2023-11-04', 'day'],
    ['4 Nov 2023', '2023-11-04', 'day'],
    ['2019', '2019', 'year'],
  ])('%s → %s (%s)', (input, iso, precision) => {
    const d = ok(parseChronologyDate(input));
    expect(d.iso).toBe(iso);
    expect(d.precision).toBe(precision);
  });

  it('gives the days an approximate date covers', () => {
    expect(ok(parseChronologyDate('2020-02'))).toMatchObject({ start: '2020-02-01', end: '2020-02-29' });
    expect(ok(parseChronologyDate('2019'))).toMatchObject({ start: '2019-01-01', end: '2019-12-31' });
  });

  it('sorts an approximate date before the days it covers', () => {
    const keys = ['2019-09-01', '2019-09', '2019', '2019-01-01', '2019-01', '2018-12-31', '2019-08-31', '2020']
      .map((s) => ok(parseChronologyDate(s)));
    const sorted = [...keys].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)).map((d) => d.iso);
    expect(sorted).toEqual(['2018-12-31', '2019', '2019-01', '2019-01-01', '2019-08-31', '2019-09', '2019-09-01', '2020']);
  });

  it('formats dates for people', () => {
    expect(formatLongDate(ok(parseChronologyDate('2023-11-04')))).toBe('4 November 2023');
    expect(formatLongDate(ok(parseChronologyDate('2020-03')))).toBe('March 2020');
  });
});

describe('parseChronologyDate: refused forms', () => {
  it.each([
    ['31/02/2020', 'February 2020 has 29 days, so day 31 does not exist'],
    ['29/02/2023', 'February 2023 has 28 days'],
    ['2021-02-30', 'February 2021 has 28 days'],
    ['31/04/2021', 'April 2021 has 30 days'],
    ['00/04/2021', 'day 0 does not exist'],
    ['2020-13-01', 'month 13 does not exist'],
    ['2020-00', 'month 0 does not exist'],
    ['13/2020', 'month 13 does not exist'],
    ['15/13/2020', 'month 13 does not exist'],
    ['12/31/2020', 'US-style'],
    ['2/14/2021', 'US-style'],
    ['2020/03/04', 'ambiguous'],
    ['14/06/19', 'two digits'],
    ['14-06-2019', 'slashes'],
    ['2019-6-4', 'two digits each'],
    ['43831', 'spreadsheet date number'],
    ['2019-06-14T10:00', 'includes a time'],
    ['0219-06-14', 'before 1900'],
    ['', 'empty'],
    ['last spring', 'not a date in a recognised form'],
    ['Smarch 2020', 'not a date in a recognised form'],
  ])('%s is refused: %s', (input, why) => {
    expect(err(parseChronologyDate(input))).toContain(why);
  });

  it('never echoes free text in its message', () => {
    expect(err(parseChronologyDate('visited by Jane Example'))).not.toContain('Jane');
  });
});

describe('parseTime', () => {
  it('reads HH:MM and H:MM, refuses anything else', () => {
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('9:05')).toBe(545);
    expect(parseTime('23:59')).toBe(1439);
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('evening')).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
    expect(parseTime(undefined)).toBeUndefined();
  });
});

// Every real date, in each accepted form, round-trips to the same ISO date; nothing impossible is accepted.
const realDate = fc
  .record({ y: fc.integer({ min: 1900, max: 2999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .filter(({ y, m, d }) => d <= daysInMonth(y, m));

describe('parseChronologyDate: properties', () => {
  it('round-trips every real date in ISO, DD/MM/YYYY and D/M/YYYY forms', () => {
    fc.assert(
      fc.property(realDate, ({ y, m, d }) => {
        const iso = `${y}-${pad(m)}-${pad(d)}`;
        for (const form of [iso, `${pad(d)}/${pad(m)}/${y}`, `${d}/${m}/${y}`]) {
          const r = ok(parseChronologyDate(form));
          expect(r.iso).toBe(iso);
          expect(r.precision).toBe('day');
          expect(r.sortKey).toBe(iso);
          // The normalised form parses to itself.
          expect(ok(parseChronologyDate(r.iso)).iso).toBe(iso);
          // And agrees with the JavaScript calendar.
          expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every month and year, keeping the precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const ym = `${y}-${pad(m)}`;
        expect(ok(parseChronologyDate(ym))).toMatchObject({ iso: ym, precision: 'month' });
        expect(ok(parseChronologyDate(`${pad(m)}/${y}`))).toMatchObject({ iso: ym, precision: 'month' });
        expect(ok(parseChronologyDate(String(y)))).toMatchObject({ iso: String(y), precision: 'year' });
      }),
    );
  });

  it('never accepts an impossible date, in any form', () => {
    const impossible = fc
      .record({ y: fc.integer({ min: 1900, max: 2999 }), m: fc.integer({ min: 0, max: 99 }), d: fc.integer({ min: 0, max: 99 }) })
      .filter(({ y, m, d }) => m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m));
    fc.assert(
      fc.property(impossible, ({ y, m, d }) => {
        const forms = [`${y}-${pad(m)}-${pad(d)}`, `${pad(d)}/${pad(m)}/${y}`, `${d}/${m}/${y}`];
        for (const f of forms) {
          const r = parseChronologyDate(f);
          // Refused outright: never shifted to a nearby date, never re-read month first.
          if (r.ok) throw new Error(`${f} was accepted as ${r.date.iso}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseChronologyDate(s);
      if (r.ok) expect(ok(parseChronologyDate(r.date.iso)).iso).toBe(r.date.iso);
      else expect(r.error.length).toBeGreaterThan(0);
    }), { numRuns: 3000 });
  });

  it('accepts a day-first date only when it is not a swapped real date', () => {
    // D/M/YYYY with D ≤ 12 and M ≤ 12 is always read day first (UK order).
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (a, b) => {
      expect(ok(parseChronologyDate(`${a}/${b}/2020`)).iso).toBe(`2020-${pad(b)}-${pad(a)}`);
    }));
  });
});
