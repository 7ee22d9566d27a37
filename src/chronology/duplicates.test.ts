import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { duplicatePairs, findDuplicates, masterRowsInput, similarity, tokens, MAX_TIME_APART } from './duplicates.js';
import { columnsInput, columnsOf, startDuplicates } from './duplicates-offload.js';
import { parseChronologyDate } from '../dates/index.js';
import type { MasterRow } from './merge.js';

function fakeRow(i: number, date: string, event: string, subjects: string[], minutes?: number): MasterRow {
  const r = parseChronologyDate(date);
  return {
    ref: `a#${i}`, agency: 'a', id: String(i), date, ...(r.ok ? { parsed: r.date } : {}), time: '', ...(minutes !== undefined ? { minutes } : {}),
    subject: subjects.join(';'), source: '', event, action: '', practitioner: '', key_event: '', comment: '', key: false,
    subjects, sourceIndex: i, file: undefined as never, row: undefined as never,
  };
}

/** The definition, pair by pair: the slow reference the fast version must agree with. */
function bruteForce(rows: MasterRow[], t: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let j = 0; j < rows.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = rows[i];
      const b = rows[j];
      if (!a.parsed || !b.parsed || a.parsed.iso !== b.parsed.iso) continue;
      const subj = (a.subjects.length === 0 && b.subjects.length === 0) || a.subjects.some((s) => b.subjects.map((x) => x.toLowerCase()).includes(s.toLowerCase()));
      const time = a.minutes === undefined || b.minutes === undefined || Math.abs(a.minutes - b.minutes) <= MAX_TIME_APART;
      if (subj && time && similarity(a.event, b.event) >= t) {
        out.push([b.ref, a.ref]);
        break;
      }
    }
  }
  return out;
}

describe('similarity', () => {
  it('ignores case, accents and punctuation, and counts repeats', () => {
    expect(tokens('Café — “MARAC”, held!')).toEqual(['cafe', 'marac', 'held']);
    expect(similarity('Home visit made; nobody was in.', 'home visit made: Nobody was in')).toBe(1);
    expect(similarity('a a b', 'a b b')).toBeCloseTo(2 / 3);
    expect(similarity('', '')).toBe(0);
    expect(similarity('one two three four', 'five six seven eight')).toBe(0);
  });
});

describe('findDuplicates', () => {
  it('agrees with the pair-by-pair definition (property)', () => {
    const word = fc.constantFrom('adult', 'a', 'b', 'visit', 'home', 'called', 'police', 'the', 'marac', 'seen');
    const rowArb = fc.record({
      date: fc.constantFrom('2020-01-01', '2020-01-02', '2020-01', '2020'),
      words: fc.array(word, { minLength: 0, maxLength: 7 }),
      subjects: fc.subarray(['Adult A', 'Adult B', 'adult a']),
      minutes: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.constantFrom(0.5, 0.7, 0.85, 1), (specs, t) => {
        const rows = specs.map((s, i) => fakeRow(i + 1, s.date, s.words.join(' '), s.subjects, s.minutes));
        const fast = findDuplicates(rows, t).map((d) => [d.row.ref, d.first.ref]);
        expect(fast).toEqual(bruteForce(rows, t));
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on a day of 20,000 near-alike entries, and finds exact copies there', () => {
    const near = Array.from({ length: 20_000 }, (_, i) => fakeRow(i + 1, '2021-04-06', `Officers attended the address (visit ${i}).`, ['Adult A']));
    let t0 = performance.now();
    expect(findDuplicates(near)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(10_000);
    const same = Array.from({ length: 20_000 }, (_, i) => fakeRow(i + 1, '2021-04-06', 'Officers attended the address.', ['Adult A']));
    t0 = performance.now();
    const d = findDuplicates(same);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(d.length).toBe(19_999);
    expect(d.every((x) => x.first.ref === 'a#1')).toBe(true);
  });

  it('reports the later row against the first it repeats', () => {
    const rows = [
      fakeRow(1, '2020-01-01', 'Adult A attended the surgery', ['Adult A']),
      fakeRow(2, '2020-01-01', 'Adult A attended the surgery', ['Adult A']),
      fakeRow(3, '2020-01-01', 'adult a attended the surgery!', ['Adult A']),
    ];
    expect(findDuplicates(rows).map((d) => [d.row.ref, d.first.ref])).toEqual([['a#2', 'a#1'], ['a#3', 'a#1']]);
  });
});

// the search on a worker thread (duplicates-offload.ts; test/duplicates-offload.test.ts runs the worker)
describe('the columns a worker thread receives', () => {
  it('give the same duplicates as the master rows they were made from (property)', () => {
    const word = fc.constantFrom('adult', 'visit', 'home', 'Café', 'police', 'the', 'marac', 'seen', 'Zoë', '—');
    const rowArb = fc.record({
      date: fc.constantFrom('2020-01-01', '2020-01-02', '2020-01', '2020', 'not a date'),
      words: fc.array(word, { minLength: 0, maxLength: 6 }),
      subjects: fc.subarray(['Adult A', 'Adult B', 'adult a', 'Zoë']),
      minutes: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.constantFrom(0.5, 0.85, 1), (specs, t) => {
        const rows = specs.map((s, i) => fakeRow(i + 1, s.date, s.words.join(' '), s.subjects, s.minutes));
        const input = masterRowsInput(rows);
        const all = rows.map((_, i) => i).filter((i) => input.day(i) !== undefined);
        const viaColumns = duplicatePairs(columnsInput(columnsOf(input, all, t)), t).map(([a, b, s]) => [all[a], all[b], s]);
        expect(viaColumns).toEqual(duplicatePairs(input, t));
      }),
      { numRuns: 300 },
    );
  });

  it('keep a row without subjects apart from one whose only subject is written, and a row without a time from midnight', () => {
    const rows = [fakeRow(1, '2020-01-01', 'seen at home', []), fakeRow(2, '2020-01-01', 'seen at home', ['Adult A'], 0)];
    const c = columnsInput(columnsOf(masterRowsInput(rows), [0, 1], 0.85));
    expect([c.subjects(0), c.subjects(1)]).toEqual([[], ['Adult A']]);
    expect([c.minutes(0), c.minutes(1)]).toEqual([undefined, 0]);
    expect(c.event(1)).toBe('seen at home');
  });
});

describe('startDuplicates', () => {
  it('gives what findDuplicates gives (here on this thread: under vitest there is no compiled worker)', () => {
    const rows = Array.from({ length: 300 }, (_, i) => fakeRow(i + 1, `2020-01-0${1 + (i % 3)}`, `visit ${i % 7} made to the home`, ['Adult A']));
    const take = startDuplicates(rows, 0.85);
    expect(take.offloaded).toBe(false);
    expect(take()).toEqual(findDuplicates(rows, 0.85));
  });
});
