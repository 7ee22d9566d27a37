/**
 * Apportioning a review's costs (review.yml `costs`, in pounds) between the funders, by the
 * funding rules of the profile (`funding.rules`, keyed by cost name, `default` for any other).
 * The rules are data; this module only interprets their three kinds:
 *
 * - `capped-share-then-equal`: `first_party` pays `share` of the cost, at most `cap`; the rest is
 *   shared equally between the `rest` parties (Gloucestershire chair costs: OPCC 50% up to £5,000).
 * - `equal-up-to-cap-then-lead`: the first `cap` is shared equally between `parties`; the review's
 *   lead district (review.yml `lead_district`) pays any excess (administration).
 * - `equal`: shared equally between `parties` (advocacy; any other cost).
 *
 * Party lists name party ids of `funding.parties`, or the groups `districts` (every party marked
 * `district: true`) and `all`.
 *
 * Money is counted in whole pence, so the shares always add up exactly to the cost, and the costs
 * to the total. Each party's exact share is worked out as a fraction; everyone gets the whole
 * pence of it, and the pence left over go one each to the parties with the largest fractions of a
 * penny, ties broken by the order of the parties in the profile (largest-remainder method). So
 * £2,000 between six districts gives £333.34 to the first two in profile order and £333.33 to the
 * other four.
 */
import type { FundingRule, Profile } from '../lint/profile.js';
import { UsageError } from '../errors.js';
import { textTable } from './format.js';

export interface CostItem {
  cost: string;
  /** Pounds, exact to the penny. */
  amount: number;
  /** The profile's wording of the rule that gave this share. */
  rule: string;
  // ---- additive ----
  /** How the amount was worked out, in words. */
  detail: string;
}

export interface CostShare {
  party: string;
  amount: number;
  items: CostItem[];
  // ---- additive ----
  name: string;
}

export interface CostLine {
  cost: string;
  amount: number;
  /** Key of the profile rule applied (`default` for costs without their own rule). */
  ruleKey: string;
  rule: string;
}

export interface CostsReport {
  review: string;
  total: number;
  /** Every party of the profile, in profile order (amount 0 when it pays nothing). */
  shares: CostShare[];
  // ---- additive ----
  profile: string;
  /** The profile's name, for printing (not in the JSON). */
  profileName: string;
  currency: 'GBP';
  costs: CostLine[];
  jointWith: string[];
  warnings: string[];
}

export interface CostsInput {
  review: string;
  /** review.yml `costs`: cost name → pounds. Undefined or null when none are recorded. */
  costs: Record<string, unknown> | null | undefined;
  leadDistrict?: string | null;
  jointWith?: string[];
}

/** Whole pence to pounds as a JSON number (exact to the penny). */
export const pounds = (pence: bigint | number): number => Number(pence) / 100;

/** £1,234.50 */
export function money(pence: bigint | number): string {
  const p = BigInt(pence);
  const neg = p < 0n;
  const a = neg ? -p : p;
  const whole = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}£${whole}.${(a % 100n).toString().padStart(2, '0')}`;
}

/**
 * Largest-remainder rounding. `exact` holds each party's share as a numerator over `denominator`
 * (in pence); the numerators add up to `totalPence × denominator`. Returns whole pence per party
 * that add up to `totalPence`: the floor of each share, plus one penny for the largest remainders
 * (ties: the earlier party in `exact`).
 */
export function largestRemainder(exact: Array<{ party: string; num: bigint }>, denominator: bigint, totalPence: bigint): Map<string, bigint> {
  const out = new Map<string, bigint>();
  let given = 0n;
  const rem = exact.map((e, order) => {
    const floor = e.num / denominator;
    out.set(e.party, (out.get(e.party) ?? 0n) + floor);
    given += floor;
    return { party: e.party, r: e.num % denominator, order };
  });
  let left = totalPence - given;
  rem.sort((a, b) => (a.r === b.r ? a.order - b.order : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n && rem.length > 0; k = (k + 1) % rem.length, left--) {
    out.set(rem[k].party, out.get(rem[k].party)! + 1n);
  }
  return out;
}

/** A decimal share (0.5) as a fraction of integers (5/10). */
function fraction(share: number, ruleKey: string): { num: bigint; den: bigint } {
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new UsageError(`profile funding rule "${ruleKey}": share must be a number from 0 to 1`);
  }
  const decimals = Math.min(12, (share.toString().split('.')[1] ?? '').length);
  const den = 10n ** BigInt(decimals);
  return { num: BigInt(Math.round(share * 10 ** decimals)), den };
}

export class Apportioner {
  readonly parties: Profile['funding']['parties'];

  constructor(readonly profile: Profile) {
    this.parties = profile.funding?.parties ?? [];
    if (this.parties.length === 0) throw new UsageError(`profile "${profile.id}" has no funding parties`);
  }

  /** Party ids named by a rule's list: ids, `districts` or `all`; in profile order, no repeats. */
  expand(list: string | string[] | undefined, ruleKey: string): string[] {
    const names = list === undefined ? [] : Array.isArray(list) ? list : [list];
    const chosen = new Set<string>();
    for (const n of names) {
      if (n === 'districts') this.parties.filter((p) => p.district).forEach((p) => chosen.add(p.id));
      else if (n === 'all') this.parties.forEach((p) => chosen.add(p.id));
      else if (this.parties.some((p) => p.id === n)) chosen.add(n);
      else throw new UsageError(`profile funding rule "${ruleKey}" names "${n}", which is not a funding party of the profile`);
    }
    const ids = this.parties.map((p) => p.id).filter((id) => chosen.has(id));
    if (ids.length === 0) throw new UsageError(`profile funding rule "${ruleKey}" names no parties to share the cost`);
    return ids;
  }

  /** Numerators in profile order: the order that breaks ties between equal remainders. */
  inOrder(nums: Map<string, bigint>): Array<{ party: string; num: bigint }> {
    return this.parties.filter((p) => nums.has(p.id)).map((p) => ({ party: p.id, num: nums.get(p.id)! }));
  }

  ruleFor(cost: string): { key: string; rule: FundingRule } {
    const rules = this.profile.funding?.rules ?? {};
    const own = Object.prototype.hasOwnProperty.call(rules, cost) ? rules[cost] : undefined;
    if (own) return { key: cost, rule: own };
    if (rules.default) return { key: 'default', rule: rules.default };
    throw new UsageError(`no funding rule for the cost "${cost}" and no default rule in profile "${this.profile.id}"`);
  }

  /** One cost in pence, shared by its rule: pence and a description per party (only parties that pay). */
  apportion(cost: string, pence: bigint, leadDistrict?: string | null): { key: string; rule: FundingRule; parts: Map<string, { pence: bigint; detail: string }> } {
    const { key, rule } = this.ruleFor(cost);
    const parts = new Map<string, { pence: bigint; detail: string }>();
    const put = (shares: Map<string, bigint>, detail: (party: string) => string) => {
      for (const p of this.parties) {
        const v = shares.get(p.id);
        if (v !== undefined) parts.set(p.id, { pence: v, detail: detail(p.id) });
      }
    };
    const capPence = (what: string): bigint => {
      const cap = rule.cap;
      if (typeof cap !== 'number' || !Number.isFinite(cap) || cap < 0) throw new UsageError(`profile funding rule "${key}": ${what} needs a cap in pounds`);
      return BigInt(Math.round(cap * 100));
    };
    switch (rule.kind) {
      case 'equal': {
        const ids = this.expand(rule.parties, key);
        const n = BigInt(ids.length);
        put(largestRemainder(ids.map((party) => ({ party, num: pence })), n, pence),
          () => `an equal share (1 of ${ids.length}) of ${money(pence)}`);
        break;
      }
      case 'capped-share-then-equal': {
        const first = rule.first_party;
        if (!first) throw new UsageError(`profile funding rule "${key}" needs first_party`);
        const [firstId] = this.expand(first, key);
        const rest = this.expand(rule.rest ?? 'districts', key).filter((id) => id !== firstId);
        if (rest.length === 0) throw new UsageError(`profile funding rule "${key}" leaves no parties to share the rest`);
        const { num, den } = fraction(rule.share ?? 0, key);
        const cap = capPence('a capped share');
        const n = BigInt(rest.length);
        const D = den * n;
        // Everything in units of 1/D of a penny.
        const shareUnits = pence * num * n;
        const capUnits = cap * D;
        const capped = shareUnits > capUnits;
        const firstUnits = capped ? capUnits : shareUnits;
        const restEach = (pence * D - firstUnits) / n;
        const shares = largestRemainder(this.inOrder(new Map([[firstId, firstUnits], ...rest.map((id) => [id, restEach] as [string, bigint])])), D, pence);
        const firstPence = shares.get(firstId)!;
        const pct = `${+(Number(num) / Number(den) * 100).toFixed(4)}%`;
        put(shares, (party) => party === firstId
          ? capped ? `${pct} of ${money(pence)}, capped at ${money(cap)}` : `${pct} of ${money(pence)} (cap ${money(cap)} not reached)`
          : `an equal share (1 of ${rest.length}) of the remaining ${money(pence - firstPence)}`);
        break;
      }
      case 'equal-up-to-cap-then-lead': {
        const ids = this.expand(rule.parties ?? 'districts', key);
        const cap = capPence('an equal share up to a cap');
        const shared = pence < cap ? pence : cap;
        const excess = pence - shared;
        let lead: string | undefined;
        if (excess > 0n) {
          lead = this.parties.find((p) => p.id === leadDistrict)?.id;
          if (!lead) {
            throw new UsageError(leadDistrict
              ? `review.yml lead_district "${leadDistrict}" is not a funding party of profile "${this.profile.id}": it must pay the ${cost} costs above ${money(cap)}`
              : `review.yml has no lead_district: the lead district pays the ${cost} costs above ${money(cap)}, so it must be set`);
          }
        }
        const n = BigInt(ids.length);
        const nums = new Map(ids.map((id) => [id, shared]));
        if (lead) nums.set(lead, (nums.get(lead) ?? 0n) + excess * n);
        const shares = largestRemainder(this.inOrder(nums), n, pence);
        put(shares, (party) => {
          const base = ids.includes(party) ? `an equal share (1 of ${ids.length}) of the first ${money(shared)}` : '';
          const extra = party === lead ? `the excess of ${money(excess)} above ${money(cap)}, as lead district` : '';
          return [base, extra].filter(Boolean).join(', plus ');
        });
        break;
      }
      default:
        throw new UsageError(`profile funding rule "${key}" has an unknown kind "${(rule as { kind?: string }).kind}" (expected equal, capped-share-then-equal or equal-up-to-cap-then-lead)`);
    }
    return { key, rule, parts };
  }
}

/** An amount in pounds as written in review.yml: written as in schemas/review.schema.json (costs). */
export const AMOUNT_TEXT = /^£?\s?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;

/** `12500`, `"12,500"`, `"£12,500.50"` → pounds; anything else (negative, words) → undefined. */
export function poundsOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
  if (typeof v !== 'string' || !AMOUNT_TEXT.test(v.trim())) return undefined;
  return Number(v.trim().replace(/[£,\s]/g, ''));
}

/** The review's costs apportioned by the profile's rules. Bad amounts are a UsageError naming the key. */
export function apportionCosts(input: CostsInput, profile: Profile): CostsReport {
  const ap = new Apportioner(profile);
  const warnings: string[] = [];
  const jointWith = (input.jointWith ?? []).filter((j) => typeof j === 'string' && j !== '');
  if (jointWith.length) {
    warnings.push(`${input.review} is a joint review (with ${jointWith.join(', ')}): joint reviews agree their own split of costs, so the profile's split below may not apply`);
  }
  const costs = input.costs;
  if (costs !== undefined && costs !== null && (typeof costs !== 'object' || Array.isArray(costs))) {
    throw new UsageError('review.yml costs must be a list of cost names with amounts in pounds, e.g. "chair: 9000"');
  }
  const entries = Object.entries(costs ?? {}).filter(([, v]) => v !== null && v !== undefined);
  if (entries.length === 0) {
    warnings.push(`${input.review}: no costs are recorded in review.yml yet (add them under "costs:", e.g. "chair: 9000", when invoices arrive); every share is £0.00`);
  }
  const byParty = new Map<string, { pence: bigint; items: CostItem[] }>(ap.parties.map((p) => [p.id, { pence: 0n, items: [] }]));
  const lines: CostLine[] = [];
  let total = 0n;
  for (const [cost, given] of entries) {
    const raw = poundsOf(given);
    if (raw === undefined) {
      throw new UsageError(`review.yml costs.${cost} must be an amount in pounds, e.g. 12500, 12500.50 or £12,500`);
    }
    const pence = BigInt(Math.round(raw * 100));
    if (Math.abs(raw * 100 - Math.round(raw * 100)) > 1e-6) warnings.push(`review.yml costs.${cost} has fractions of a penny: counted as ${money(pence)}`);
    total += pence;
    const { key, rule, parts } = ap.apportion(cost, pence, input.leadDistrict);
    lines.push({ cost, amount: pounds(pence), ruleKey: key, rule: rule.rule });
    for (const [party, part] of parts) {
      const s = byParty.get(party)!;
      s.pence += part.pence;
      s.items.push({ cost, amount: pounds(part.pence), rule: rule.rule, detail: part.detail });
    }
  }
  return {
    review: input.review,
    total: pounds(total),
    shares: ap.parties.map((p) => {
      const s = byParty.get(p.id)!;
      return { party: p.id, amount: pounds(s.pence), items: s.items, name: p.name };
    }),
    profile: profile.id,
    profileName: profile.name ?? profile.id,
    currency: 'GBP',
    costs: lines,
    jointWith,
    warnings,
  };
}

/** The JSON of SPEC.md "Costs output", with the additive fields. */
export function costsJson(r: CostsReport): unknown {
  return {
    review: r.review,
    total: r.total,
    shares: r.shares.map((s) => ({ party: s.party, amount: s.amount, items: s.items.map((i) => ({ cost: i.cost, amount: i.amount, rule: i.rule, detail: i.detail })), name: s.name })),
    profile: r.profile,
    currency: r.currency,
    costs: r.costs,
    jointWith: r.jointWith,
    warnings: r.warnings,
  };
}

const toPence = (pounds: number) => BigInt(Math.round(pounds * 100));

/** A readable table: one row per party, one column per cost, then the rules in words. */
export function formatCostsStylish(r: CostsReport): string {
  const out = [`Costs of ${r.review}: ${money(toPence(r.total))}, shared by the funding rules of the ${r.profileName} profile`, ''];
  if (r.costs.length === 0) {
    out.push('No costs recorded in review.yml yet.');
    return out.join('\n') + '\n';
  }
  const costNames = r.costs.map((c) => c.cost);
  const header = ['party', ...costNames, 'share'];
  const rows = r.shares.map((s) => [
    s.name,
    ...costNames.map((c) => {
      const i = s.items.find((x) => x.cost === c);
      return i ? money(toPence(i.amount)) : '—';
    }),
    money(toPence(s.amount)),
  ]);
  rows.push(['Total', ...r.costs.map((c) => money(toPence(c.amount))), money(toPence(r.total))]);
  // the party names left-aligned, the amounts right-aligned; a rule above the total
  const lines = textTable(header, rows, new Set(header.map((_, i) => i).filter((i) => i > 0)));
  out.push(...lines.slice(0, -1), `  ${'-'.repeat(lines[0]!.length - 2)}`, lines[lines.length - 1]!, '');
  out.push('Rules applied:');
  for (const c of r.costs) out.push(`  ${c.cost} (${money(toPence(c.amount))}): ${c.rule}`);
  return out.join('\n') + '\n';
}
