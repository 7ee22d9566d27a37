import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { apportionCosts, largestRemainder, money, type CostsReport } from '../src/audit/costs.js';
import { loadProfile, type Profile } from '../src/lint/profile.js';
import { dhr } from './support/cli.js';
import { reviewYml } from './audit-repo.js';

const profile = loadProfile('gloucestershire');
const DISTRICTS = ['gloucester', 'stroud', 'cotswold', 'tewkesbury', 'forest-of-dean', 'cheltenham'];

const costs = (c: Record<string, unknown>, lead = 'stroud', jointWith: string[] = []) =>
  apportionCosts({ review: 'DHR-TEST-1', costs: c, leadDistrict: lead, jointWith }, profile);
const share = (r: CostsReport, party: string) => r.shares.find((s) => s.party === party)!;
const item = (r: CostsReport, party: string, cost: string) => share(r, party).items.find((i) => i.cost === cost)?.amount;
const pence = (x: number) => Math.round(x * 100);

describe('cost apportionment (Gloucestershire funding rules)', () => {
  it('chair £9,000: OPCC pays 50% (£4,500), the six districts share the rest', () => {
    const r = costs({ chair: 9000 });
    expect(item(r, 'opcc', 'chair')).toBe(4500);
    for (const d of DISTRICTS) expect(item(r, d, 'chair')).toBe(750);
    expect(share(r, 'police').amount).toBe(0);
    expect(share(r, 'opcc').items[0].rule).toMatch(/OPCC pays 50% of chair costs/);
  });

  it('chair £12,000: the OPCC share is capped at £5,000; £7,000 shared by the districts to the penny', () => {
    const r = costs({ chair: 12000 });
    expect(item(r, 'opcc', 'chair')).toBe(5000);
    expect(share(r, 'opcc').items[0].detail).toMatch(/capped at £5,000\.00/);
    // £7,000 / 6 = £1,166.666…: the four pennies left over go to the first four districts in profile order
    expect(DISTRICTS.map((d) => item(r, d, 'chair'))).toEqual([1166.67, 1166.67, 1166.67, 1166.67, 1166.66, 1166.66]);
  });

  it('chair exactly £10,000 reaches the cap without passing it', () => {
    const r = costs({ chair: 10000 });
    expect(item(r, 'opcc', 'chair')).toBe(5000);
    expect(DISTRICTS.map((d) => item(r, d, 'chair'))).toEqual([833.34, 833.34, 833.33, 833.33, 833.33, 833.33]);
  });

  it('administration £2,600: the districts share £2,000 (£333.33 or £333.34), the lead district pays the £600 excess', () => {
    const r = costs({ administration: 2600 }, 'stroud');
    expect(DISTRICTS.map((d) => item(r, d, 'administration'))).toEqual([333.34, 933.34, 333.33, 333.33, 333.33, 333.33]);
    expect(share(r, 'stroud').items[0].detail).toMatch(/excess of £600\.00 above £2,000\.00, as lead district/);
    expect(item(r, 'opcc', 'administration')).toBeUndefined();
    expect(r.total).toBe(2600);
  });

  it('administration under the cap is shared equally and needs no lead district', () => {
    const r = apportionCosts({ review: 'DHR-TEST-1', costs: { administration: 1200 }, leadDistrict: null }, profile);
    for (const d of DISTRICTS) expect(item(r, d, 'administration')).toBe(200);
  });

  it('administration over the cap without a known lead district is refused with a clear message', () => {
    expect(() => apportionCosts({ review: 'X', costs: { administration: 2600 }, leadDistrict: null }, profile)).toThrow(/no lead_district/);
    expect(() => apportionCosts({ review: 'X', costs: { administration: 2600 }, leadDistrict: 'bristol' }, profile)).toThrow(/"bristol" is not a funding party/);
  });

  it('advocacy is split over eight parties: the OPCC, the police and the six districts', () => {
    const r = costs({ advocacy: 1500 });
    const payers = r.shares.filter((s) => s.amount > 0).map((s) => s.party);
    expect(payers).toEqual(['opcc', 'police', ...DISTRICTS]);
    for (const p of payers) expect(item(r, p, 'advocacy')).toBe(187.5);
    // £2,500 / 8 = £312.50 exactly; £1,000.01 / 8 leaves one penny, to the OPCC (first in profile order)
    expect(share(costs({ advocacy: 1000.01 }), 'opcc').amount).toBe(125.01);
    expect(share(costs({ advocacy: 1000.01 }), 'police').amount).toBe(125);
  });

  it('any other cost is shared equally by the districts under the default rule', () => {
    const r = costs({ translation: 600 });
    for (const d of DISTRICTS) expect(item(r, d, 'translation')).toBe(100);
    expect(r.costs[0].ruleKey).toBe('default');
  });

  it('the example of SPEC.md: £11,700 with OPCC paying £4,687.50', () => {
    const r = costs({ chair: 9000, administration: 1200, advocacy: 1500 });
    expect(r.total).toBe(11700);
    expect(share(r, 'opcc').amount).toBe(4687.5);
    expect(share(r, 'opcc').items).toEqual([
      expect.objectContaining({ cost: 'chair', amount: 4500 }),
      expect.objectContaining({ cost: 'advocacy', amount: 187.5 }),
    ]);
  });

  it('no costs recorded: total 0, every party £0.00, with a message', () => {
    for (const c of [undefined, null, {}, { chair: null }]) {
      const r = apportionCosts({ review: 'DHR-TEST-1', costs: c as Record<string, unknown> | null | undefined }, profile);
      expect(r.total).toBe(0);
      expect(r.shares.map((s) => s.amount)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      expect(r.warnings[0]).toMatch(/no costs are recorded/);
    }
  });

  it('a joint review gets a warning that the profile split may not apply', () => {
    expect(costs({ chair: 9000 }, 'stroud', ['sar']).warnings[0]).toMatch(/joint review \(with sar\).*may not apply/);
  });

  it('refuses a negative or non-numeric cost, naming the key', () => {
    expect(() => costs({ chair: -5 })).toThrow(/costs\.chair must be an amount/);
    expect(() => costs({ chair: 'lots' })).toThrow(/costs\.chair must be an amount/);
  });

  it('largest remainder: ties go by party order, the largest fractions first', () => {
    const m = largestRemainder([{ party: 'a', num: 1n }, { party: 'b', num: 2n }, { party: 'c', num: 2n }], 3n, 1n);
    expect([...m.values()]).toEqual([0n, 1n, 0n]);
    expect(money(123456789)).toBe('£1,234,567.89');
  });

  it('property: for any costs, every cost and the total are shared out exactly to the penny', () => {
    const amount = fc.integer({ min: 0, max: 100_000_000 }).map((p) => p / 100);
    fc.assert(fc.property(
      fc.record({ chair: amount, administration: amount, advocacy: amount, venue: amount }, { requiredKeys: [] }),
      fc.constantFrom(...DISTRICTS),
      (c, lead) => {
        const r = costs(c, lead);
        const sum = r.shares.reduce((a, s) => a + pence(s.amount), 0);
        expect(sum).toBe(pence(r.total));
        expect(pence(r.total)).toBe(Object.values(c).reduce((a, v) => a + pence(v), 0));
        for (const line of r.costs) {
          const parts = r.shares.flatMap((s) => s.items.filter((i) => i.cost === line.cost)).reduce((a, i) => a + pence(i.amount), 0);
          expect(parts).toBe(pence(line.amount));
        }
        for (const s of r.shares) {
          expect(pence(s.amount)).toBe(s.items.reduce((a, i) => a + pence(i.amount), 0));
          expect(Number.isInteger(pence(s.amount) ) && Math.abs(s.amount * 100 - pence(s.amount)) < 1e-6).toBe(true);
        }
        // the OPCC never pays more than its cap of chair costs, nor more than half plus a penny
        const chair = item(r, 'opcc', 'chair') ?? 0;
        expect(pence(chair)).toBeLessThanOrEqual(500_000);
        expect(pence(chair)).toBeLessThanOrEqual(Math.ceil(pence(c.chair ?? 0) / 2));
      },
    ), { numRuns: 500 });
  });

  it('reads the rules from the profile: another area can change the split without code', () => {
    const other: Profile = {
      ...profile,
      id: 'elsewhere',
      funding: {
        parties: [{ id: 'pcc', name: 'PCC' }, { id: 'north', name: 'North', district: true }, { id: 'south', name: 'South', district: true }],
        rules: { chair: { rule: 'PCC pays a third up to £1,000', kind: 'capped-share-then-equal', first_party: 'pcc', share: 0.3333, cap: 1000, rest: 'districts' },
          default: { rule: 'everyone equally', kind: 'equal', parties: 'all' } },
      },
    };
    // chair: 33.33% of £3,000 = £999.90 (under the cap), £2,000.10 shared by two; venue: £100 / 3, the penny to the PCC
    const r = apportionCosts({ review: 'X', costs: { chair: 3000, venue: 100 } }, other);
    expect(r.shares.map((s) => [s.party, s.amount])).toEqual([['pcc', 1033.24], ['north', 1033.38], ['south', 1033.38]]);
  });
});

describe('dhr costs (command line)', { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const reviewWith = (extra: string) => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'dhr-costs-'));
    dirs.push(d);
    writeFileSync(path.join(d, 'review.yml'), reviewYml('DHR-2024-11', 'tewkesbury') + extra);
    return d;
  };

  it('prints the SPEC JSON for a review, with each share naming its rule', () => {
    const d = reviewWith('costs:\n  chair: 12000\n  administration: 2600\n  advocacy: 1500\n');
    const r = dhr(['costs', d, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).slice(0, 3)).toEqual(['review', 'total', 'shares']);
    expect(out.review).toBe('DHR-2024-11');
    expect(out.total).toBe(16100);
    expect(out.shares.map((s: { party: string }) => s.party)).toEqual(['opcc', 'police', ...DISTRICTS]);
    const tewkesbury = out.shares.find((s: { party: string }) => s.party === 'tewkesbury');
    expect(tewkesbury.items.map((i: { cost: string; amount: number }) => [i.cost, i.amount])).toEqual([['chair', 1166.67], ['administration', 933.33], ['advocacy', 187.5]]);
    expect(tewkesbury.amount).toBe(2287.5);
    expect(out.shares.reduce((a: number, s: { amount: number }) => a + pence(s.amount), 0)).toBe(1610000);
  });

  it('prints a readable table by default, and warns on stderr for a joint review', () => {
    const d = reviewWith('costs:\n  chair: 9000\n');
    const yml = path.join(d, 'review.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace('joint_with: []', 'joint_with: [sar]'));
    const r = dhr(['costs', d]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Office of the Police and Crime Commissioner\s+£4,500\.00\s+£4,500\.00/);
    expect(r.stdout).toMatch(/Total\s+£9,000\.00\s+£9,000\.00/);
    expect(r.stderr).toMatch(/warning: .*joint review \(with sar\)/);
  });

  it('exits 0 with total 0 and a message when no costs are recorded', () => {
    const d = reviewWith('');
    const r = dhr(['costs', d, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(0);
    expect(r.stderr).toMatch(/no costs are recorded in review\.yml yet/);
  });

  it('refuses a repository of several reviews and a missing review.yml with exit 2', () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'dhr-costs-repo-'));
    dirs.push(repo);
    for (const id of ['DHR-2024-01', 'DHR-2024-02']) cpSync(reviewWith(''), path.join(repo, 'reviews', id), { recursive: true });
    const many = dhr(['costs', repo]);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/holds 2 reviews; give one review folder/);
    const none = dhr(['costs', path.join(repo, 'missing')]);
    expect(none.code).toBe(2);
  });
});
