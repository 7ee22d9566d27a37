import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, prepareReview } from '../../test/support/rule-tester.js';
import { generatedReview, rng } from '../../test/support/chronology-gen.js';
import { loadReview, rowId } from '../review/load.js';
import { compareMasterRows, formatReconciliation, mergeChronologies, type MasterRow } from './merge.js';
import { findDuplicates } from './duplicates.js';
import { findGaps } from './gaps.js';
import { reviewPeriod } from './scope.js';

const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment\n';

/** The documented order, checked pair by pair without using compareMasterRows. */
function expectDocumentedOrder(rows: MasterRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    const where = `${a.ref} before ${b.ref}`;
    if (!a.parsed || !b.parsed) {
      // undated rows come last
      expect(!!a.parsed || !b.parsed, where).toBe(true);
      if (!a.parsed && !b.parsed) expect(a.agency < b.agency || (a.agency === b.agency && a.sourceIndex < b.sourceIndex), where).toBe(true);
      continue;
    }
    expect(a.parsed.sortKey <= b.parsed.sortKey, where).toBe(true);
    if (a.parsed.sortKey !== b.parsed.sortKey) continue;
    const ta = a.minutes ?? -1;
    const tb = b.minutes ?? -1;
    expect(ta <= tb, where).toBe(true);
    if (ta !== tb) continue;
    expect(a.agency <= b.agency, where).toBe(true);
    if (a.agency === b.agency) expect(a.sourceIndex).toBeLessThan(b.sourceIndex);
  }
}

describe('mergeChronologies on the example review', () => {
  const review = loadReview(EXAMPLE);
  const master = mergeChronologies(review);

  it('takes every row of every agency exactly once, with refs tracing back', () => {
    const expected: string[] = [];
    for (const [agency, table] of review.chronologies) for (const row of table.rows) expected.push(`${agency}#${rowId(row)}`);
    expect(master.rows.map((r) => r.ref).sort()).toEqual(expected.sort());
    expect(new Set(master.rows.map((r) => r.ref)).size).toBe(master.rows.length);
  });

  it('reconciles rows in and out per agency', () => {
    const r = master.reconciliation;
    expect(r.ok).toBe(true);
    expect(r.totalIn).toBe(r.totalOut);
    for (const c of r.agencies) expect(c.rowsOut).toBe(review.chronologies.get(c.agency)!.rows.length);
    const line = formatReconciliation(r);
    expect(line).toMatch(/^adult-social-care \d+ → \d+, .*; total (\d+) → \1 ✔$/);
    expect(line).toContain(`police ${review.chronologies.get('police')!.rows.length} → ${review.chronologies.get('police')!.rows.length}`);
  });

  it('orders rows as documented and normalises dates to ISO', () => {
    expectDocumentedOrder(master.rows);
    for (const r of master.rows) expect(r.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    expect(master.undated).toEqual([]);
  });

  it('is deterministic', () => {
    const again = mergeChronologies(loadReview(EXAMPLE));
    expect(again.rows.map((r) => r.ref)).toEqual(master.rows.map((r) => r.ref));
  });
});

describe('merge order', () => {
  const dir = prepareReview({
    files: {
      chronologies: null,
      'chronologies/police.csv': HEADER
        + '1,2019-09-01,10:00,police,Adult A,Log,timed on the 1st,,Officer,no,\n'
        + '2,2019-09-01,,police,Adult A,Log,untimed on the 1st,,Officer,no,\n'
        + '3,2019-09,,police,Adult A,Log,September 2019,,Officer,no,\n'
        + '4,2019,,police,Adult A,Log,sometime in 2019,,Officer,no,\n'
        + '5,2019-01-01,,police,Adult A,Log,new year,,Officer,no,\n'
        + '6,31/02/2019,,police,Adult A,Log,impossible date,,Officer,no,\n'
        + '7,2019-09-01,09:00,police,Adult A,Log,earlier time,,Officer,no,\n'
        + '8,2019-09-01,,police,Adult A,Log,second untimed on the 1st,,Officer,no,\n',
      'chronologies/gdass.csv': HEADER
        + '1,01/09/2019,,gdass,Adult A,Note,gdass untimed on the 1st,,Worker,no,\n'
        + '2,2019-09-01,10:00,gdass,Adult A,Note,gdass at ten,,Worker,no,\n'
        + '3,,,gdass,Adult A,Note,no date at all,,Worker,no,\n'
        + '4,2019-01,,gdass,Adult A,Note,January 2019,,Worker,no,\n',
    },
  });
  const master = mergeChronologies(loadReview(dir));

  it('puts approximate dates before their days, untimed before timed, then agency, then file order; unreadable dates last', () => {
    expect(master.rows.map((r) => r.ref)).toEqual([
      'police#4', // 2019
      'gdass#4', // 2019-01
      'police#5', // 2019-01-01
      'police#3', // 2019-09
      'gdass#1', 'police#2', 'police#8', // 2019-09-01 untimed: agency, then file order
      'police#7', // 09:00
      'gdass#2', 'police#1', // 10:00: agency order
      'gdass#3', 'police#6', // unreadable: agency, file order
    ]);
    expect(master.undated.map((r) => r.ref)).toEqual(['gdass#3', 'police#6']);
    expect(master.undated[1].dateError).toContain('February 2019 has 28 days');
    expect(master.undated[1].date).toBe('31/02/2019');
    expect(master.rows.find((r) => r.ref === 'gdass#1')!.date).toBe('2019-09-01');
    expect(master.reconciliation).toMatchObject({ totalIn: 12, totalOut: 12, ok: true });
  });

  it('does not depend on the order the files were read in', () => {
    const review = loadReview(dir);
    const reversed = new Map([...review.chronologies.entries()].reverse());
    expect(mergeChronologies(reversed).rows.map((r) => r.ref)).toEqual(master.rows.map((r) => r.ref));
  });

  it('flags a ref used twice', () => {
    const d = prepareReview({ files: { chronologies: null, 'chronologies/police.csv': `${HEADER}1,2020-01-01,,police,,Log,a,,,,\n1,2020-01-02,,police,,Log,b,,,,\n` } });
    const m = mergeChronologies(loadReview(d));
    expect(m.rows.length).toBe(2);
    expect(m.reconciliation.ok).toBe(false);
    expect(m.reconciliation.duplicateRefs).toEqual(['police#1']);
    expect(formatReconciliation(m.reconciliation)).toContain('✘ (1 ref used twice: see the schema/chronology findings)');
  });
});

describe('generated reviews', () => {
  const agencies = ['police', 'icb', 'ghft', 'gdass', 'housing'];
  for (const seed of [1, 2, 3]) {
    it(`2,000 random rows over 5 agencies reconcile and keep the documented order (seed ${seed})`, () => {
      const { dir, rows } = generatedReview(seed, 2000, agencies);
      const review = loadReview(dir);
      const master = mergeChronologies(review);
      expect(master.rows.length).toBe(2000);
      expect(master.reconciliation.ok).toBe(true);
      for (const a of agencies) {
        const c = master.reconciliation.agencies.find((x) => x.agency === a)!;
        expect(c.rowsIn).toBe(rows.get(a)!.length);
        expect(c.rowsOut).toBe(rows.get(a)!.length);
      }
      // every generated row is there once, with its text intact (the £ sign too)
      const byRef = new Map(master.rows.map((r) => [r.ref, r]));
      for (const [a, list] of rows) for (const g of list) expect(byRef.get(`${a}#${g.id}`)?.event).toBe(g.event);
      expectDocumentedOrder(master.rows);
      // stable: merging again, or sorting the output again, changes nothing
      expect(mergeChronologies(loadReview(dir)).rows.map((r) => r.ref)).toEqual(master.rows.map((r) => r.ref));
      expect([...master.rows].sort(compareMasterRows)).toEqual(master.rows);
    });
  }

  it('finds an injected duplicate across agencies, and an injected gap', () => {
    const { dir } = generatedReview(7, 2000, agencies);
    const police = path.join(dir, 'chronologies', 'police.csv');
    const housing = path.join(dir, 'chronologies', 'housing.csv');
    // A copy of one police row in housing, reworded slightly.
    const line = readFileSync(police, 'utf8').split('\n')[1];
    const cells = line.split(',');
    const dupe = [...cells];
    dupe[0] = 'copy-1';
    dupe[3] = 'housing';
    dupe[6] = cells[6].replace(/\.$/, '');
    writeFileSync(housing, `${readFileSync(housing, 'utf8')}${dupe.join(',')}\n`);
    const master = mergeChronologies(loadReview(dir));
    const dups = findDuplicates(master.rows, 0.85);
    const hit = dups.find((d) => [d.row.ref, d.first.ref].includes('housing#copy-1'));
    expect(hit).toBeDefined();
    expect([hit!.row.ref, hit!.first.ref]).toContain(`police#${cells[0]}`);

    // Generated rows cover 2019–2023; a review period back to 2017 leaves two silent years.
    const gaps = findGaps(master.rows, reviewPeriod({ terms_of_reference: { period: { from: '2017-01-01', to: '2023-12-31' } } } as never), 180);
    expect(gaps[0]).toMatchObject({ from: '2017-01-01', atStart: true });
    expect(gaps[0].days).toBeGreaterThan(700);
  });

  it('checks duplicates in 5,000 rows quickly (bucketed by date)', () => {
    const { dir } = generatedReview(11, 5000, agencies);
    const master = mergeChronologies(loadReview(dir));
    const t0 = performance.now();
    findDuplicates(master.rows, 0.85);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1500);
  });

  it('stays fast even when every row has the same date', () => {
    const random = rng(5);
    const body = Array.from({ length: 3000 }, (_, i) => `${i + 1},2020-05-01,,police,Adult A,Log,Event number ${i} about ${Math.floor(random() * 1e6)} things,,Officer,no,`).join('\n');
    const dir = prepareReview({ files: { chronologies: null, 'chronologies/police.csv': `${HEADER}${body}\n` } });
    const master = mergeChronologies(loadReview(dir));
    const t0 = performance.now();
    const d = findDuplicates(master.rows, 0.85);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(d.length).toBe(0);
  });
});
