/**
 * Finding the same event reported twice — by one agency, or by two agencies that both copied it
 * (MARAC minutes, a shared referral). Two rows are duplicates when they have:
 *
 *   - the same date (same ISO text and precision);
 *   - overlapping subjects (a pseudonym in common, case-insensitive), or no subjects at all;
 *   - times no more than an hour apart, when both rows give a time;
 *   - near-identical `event` text: the share of words in common, 2 × common ÷ (words in A +
 *     words in B), counted with repeats, after lower-casing and dropping accents and punctuation,
 *     is at least the threshold (config `chronology.duplicate_similarity`, default 0.85).
 *
 * Rows are bucketed by date first, so the work grows with the number of rows on the same day,
 * not with the square of the whole chronology; within a day a length bound skips pairs that
 * cannot reach the threshold, and a prefix filter keeps a crowded day fast.
 */
import type { MasterRow } from './merge.js';

export interface Duplicate {
  /** The later row (in master order): the one reported. */
  row: MasterRow;
  /** The first row it repeats. */
  first: MasterRow;
  similarity: number;
}

/** Times further apart than this (minutes) are different events, however alike the text. */
export const MAX_TIME_APART = 60;

export function tokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function bag(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Dice similarity of two word bags (1 = the same words, 0 = none in common). */
export function similarity(a: string, b: string): number {
  return bagSimilarity(prepare(a), prepare(b));
}

interface Prepared {
  size: number;
  bag: Map<string, number>;
  /** The normalised text, for the exact-match shortcut. */
  key: string;
  /** Each word with its occurrence number (`the`, `the#2`): the bag as a set. */
  set: string[];
}

function prepare(text: string): Prepared {
  const words = tokens(text);
  const b = bag(words);
  const set: string[] = [];
  for (const [w, n] of b) for (let i = 1; i <= n; i++) set.push(i === 1 ? w : `${w}#${i}`);
  return { size: words.length, bag: b, key: words.join(' '), set };
}

function bagSimilarity(a: Prepared, b: Prepared): number {
  if (a.size === 0 || b.size === 0) return 0;
  if (a.key === b.key) return 1;
  const [small, large] = a.bag.size <= b.bag.size ? [a.bag, b.bag] : [b.bag, a.bag];
  let common = 0;
  for (const [w, n] of small) {
    const m = large.get(w);
    if (m) common += Math.min(n, m);
  }
  return (2 * common) / (a.size + b.size);
}

function subjectsOverlap(a: MasterRow, b: MasterRow): boolean {
  if (a.subjects.length === 0 && b.subjects.length === 0) return true;
  const set = new Set(a.subjects.map((s) => s.toLowerCase()));
  return b.subjects.some((s) => set.has(s.toLowerCase()));
}

function timesCompatible(a: MasterRow, b: MasterRow): boolean {
  if (a.minutes === undefined || b.minutes === undefined) return true;
  return Math.abs(a.minutes - b.minutes) <= MAX_TIME_APART;
}

/**
 * Duplicates among master rows (which must be in master order). Each later row is reported once,
 * against the earliest row it repeats.
 */
export function findDuplicates(rows: readonly MasterRow[], threshold = 0.85): Duplicate[] {
  const t = Number.isFinite(threshold) ? Math.min(Math.max(threshold, 0.01), 1) : 0.85;
  const buckets = new Map<string, MasterRow[]>();
  for (const r of rows) {
    if (!r.parsed || !r.event) continue;
    const k = r.parsed.iso;
    const b = buckets.get(k);
    if (b) b.push(r);
    else buckets.set(k, [r]);
  }
  const out: Duplicate[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length >= 2) out.push(...duplicatesInBucket(bucket, t));
  }
  const order = new Map(rows.map((r, i) => [r, i]));
  return out.sort((a, b) => order.get(a.row)! - order.get(b.row)!);
}

/**
 * One day's rows. A prefix filter (as in set-similarity joins) finds candidate pairs without
 * comparing every pair: Dice ≥ t means Jaccard ≥ t/(2−t), and two word sets that similar must
 * share one of their rarest |x| − ⌈J·|x|⌉ + 1 words. Candidates are then checked in full.
 */
function duplicatesInBucket(bucket: MasterRow[], t: number): Duplicate[] {
  const prepared = bucket.map((r) => prepare(r.event));
  const freq = new Map<string, number>();
  for (const p of prepared) for (const w of p.set) freq.set(w, (freq.get(w) ?? 0) + 1);
  const rarestFirst = (a: string, b: string) => freq.get(a)! - freq.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  const jaccard = t / (2 - t);
  const index = new Map<string, number[]>();
  const out: Duplicate[] = [];
  for (let j = 0; j < bucket.length; j++) {
    const pj = prepared[j];
    if (pj.size === 0) continue;
    const ordered = [...pj.set].sort(rarestFirst);
    const prefix = ordered.slice(0, ordered.length - Math.ceil(jaccard * ordered.length - 1e-9) + 1);
    const candidates = new Set<number>();
    for (const w of prefix) for (const i of index.get(w) ?? []) candidates.add(i);
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const pi = prepared[i];
      // Dice can be at most 2·min/(a+b): skip pairs whose lengths alone rule them out.
      if ((2 * Math.min(pi.size, pj.size)) / (pi.size + pj.size) < t) continue;
      if (!subjectsOverlap(bucket[i], bucket[j]) || !timesCompatible(bucket[i], bucket[j])) continue;
      const s = bagSimilarity(pi, pj);
      if (s >= t) {
        out.push({ row: bucket[j], first: bucket[i], similarity: s });
        break;
      }
    }
    for (const w of prefix) {
      const list = index.get(w);
      if (list) list.push(j);
      else index.set(w, [j]);
    }
  }
  return out;
}
