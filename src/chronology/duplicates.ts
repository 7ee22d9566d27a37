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
 * not with the square of the whole chronology; within a day a set-similarity join (prefix and
 * positional filters) finds the candidates without comparing every pair.
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
  // plain ASCII (most chronology text) needs no Unicode normalisation: the same words, faster
  if (ASCII.test(text)) return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Sorts numbers in place, ascending. A row's words are few (tens): an insertion sort here is
 * several times quicker than the built-in sort, whose every call crosses into the engine.
 */
function sortNumbers<T extends Int32Array | Float64Array>(a: T): T {
  const n = a.length;
  if (n > 64) {
    a.sort();
    return a;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}

/** Dice similarity of two word bags (1 = the same words, 0 = none in common). */
export function similarity(a: string, b: string): number {
  const v = new Vocabulary();
  const x = v.add(a);
  const y = v.add(b);
  return v.similarity(x, y);
}

/**
 * The word bags of many texts, as numbers. Each word occurrence is one element (`the`, `the#2`:
 * the bag as a set), each distinct element has an id, and each text's elements sit, sorted, in one
 * shared Int32Array — a 100,000-row chronology would otherwise hold a Map and an array per row.
 *
 * Words are found without making a string for each: an ASCII text (most chronology text) is read
 * character by character down a trie of the words seen so far (children in one open-addressed
 * table of numbers), so only a word met for the first time becomes a string. Other texts are split
 * by `tokens` and their words walked down the same trie, so a word has one id whichever way it came.
 */
class Vocabulary {
  readonly names: string[] = [];
  private pool = new Int32Array(1024);
  private used = 0;
  /** Per text: start of its elements in the pool, and how many (= its word count). */
  readonly starts: number[] = [];
  readonly sizes: number[] = [];

  /** Texts already added, by their text: the same text is the same bag. */
  private readonly seen = new Map<string, number>();

  // the trie: node 0 is the root; `wordAt[node]` is the id of the word ending there, or −1
  private wordAt = new Int32Array(1024).fill(-1);
  private nodes = 1;
  // children: key node × 65536 + code + 1 (0: empty slot) → child node, linear probing
  private keys = new Float64Array(4096);
  private kids = new Int32Array(4096);
  private filled = 0;
  /** The n-th repeat of a word (n ≥ 2) as its own element, `word#n`: key word × 2^26 + n (a word repeated up to 67 million times in one text). */
  private readonly repeatIds = new Map<number, number>();

  /** Adds a text; returns its number. */
  add(text: string): number {
    const again = this.seen.get(text);
    if (again !== undefined) {
      this.starts.push(this.starts[again]!);
      this.sizes.push(this.sizes[again]!);
      return this.starts.length - 1;
    }
    const start = this.used;
    if (ASCII.test(text)) this.addAscii(text);
    else for (const w of tokens(text)) this.push(this.wordOf(w));
    // sorted, so that repeats of a word sit together: the second is the element `w#2`, and so on
    const elements = sortNumbers(this.pool.subarray(start, this.used));
    let repeats = false;
    for (let i = 0, prev = -1, n = 0; i < elements.length; i++) {
      const word = elements[i]!;
      n = word === prev ? n + 1 : 1;
      prev = word;
      if (n > 1) {
        elements[i] = this.repeatOf(word, n);
        repeats = true;
      }
    }
    if (repeats) sortNumbers(elements);
    this.starts.push(start);
    this.sizes.push(this.used - start);
    this.seen.set(text, this.starts.length - 1);
    return this.starts.length - 1;
  }

  /** The words of an ASCII text, as `tokens` finds them: runs of letters and digits, lower-cased. */
  private addAscii(text: string): void {
    let node = 0;
    let from = -1;
    for (let i = 0, n = text.length; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 0;
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (from < 0) {
          from = i;
          node = 0;
        }
        node = this.child(node, c);
      } else if (from >= 0) {
        this.push(this.idAt(node, text, from, i));
        from = -1;
      }
    }
  }

  private push(id: number): void {
    if (this.used === this.pool.length) {
      const bigger = new Int32Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.pool[this.used++] = id;
  }

  /** The id of a word given as a string (walked down the trie like an ASCII text's words). */
  private wordOf(word: string): number {
    let node = 0;
    for (let i = 0; i < word.length; i++) node = this.child(node, word.charCodeAt(i));
    return this.idAt(node, word, 0, word.length);
  }

  /** The id of the word ending at `node`, which is text[from, to) lower-cased (made on first sight). */
  private idAt(node: number, text: string, from: number, to: number): number {
    let id = this.wordAt[node]!;
    if (id < 0) {
      id = this.names.length;
      this.names.push(text.slice(from, to).toLowerCase());
      this.wordAt[node] = id;
    }
    return id;
  }

  /** The child of `node` by character `code`, made when missing. */
  private child(node: number, code: number): number {
    const key = node * 65536 + code + 1;
    let mask = this.keys.length - 1;
    // a multiplicative hash of the key, folded to the table's size
    let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(code + 1, 0x85ebca77)) & mask;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === key) return this.kids[slot]!;
      if (k === 0) break;
      slot = (slot + 1) & mask;
    }
    const made = this.nodes++;
    if (made === this.wordAt.length) {
      const bigger = new Int32Array(made * 2).fill(-1);
      bigger.set(this.wordAt);
      this.wordAt = bigger;
    }
    if (++this.filled * 2 > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(code + 1, 0x85ebca77)) & mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
    }
    this.keys[slot] = key;
    this.kids[slot] = made;
    return made;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldKids = this.kids;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.kids = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const key = oldKeys[s]!;
      if (key === 0) continue;
      const code = (key - 1) % 65536;
      const node = (key - 1 - code) / 65536;
      let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(code + 1, 0x85ebca77)) & mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.kids[slot] = oldKids[s]!;
    }
  }

  /** The element `word#n`: its own id, made on first sight. */
  private repeatOf(word: number, n: number): number {
    const key = word * 67108864 + n;
    let id = this.repeatIds.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(`${this.names[word]}#${n}`);
      this.repeatIds.set(key, id);
    }
    return id;
  }

  /** Element ids of text `k`, sorted. */
  elements(k: number): Int32Array {
    return this.pool.subarray(this.starts[k], this.starts[k] + this.sizes[k]);
  }

  /** Every text's elements: text `k`'s are at starts[k] … starts[k] + sizes[k] − 1 (no view per text). */
  get elementPool(): Int32Array {
    return this.pool;
  }

  /** Dice similarity of texts `a` and `b`: 2 × elements in common ÷ (size of a + size of b). */
  similarity(a: number, b: number): number {
    const na = this.sizes[a];
    const nb = this.sizes[b];
    if (na === 0 || nb === 0) return 0;
    const pool = this.pool;
    let i = this.starts[a];
    let j = this.starts[b];
    const ei = i + na;
    const ej = j + nb;
    let common = 0;
    while (i < ei && j < ej) {
      const x = pool[i];
      const y = pool[j];
      if (x === y) {
        common++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return (2 * common) / (na + nb);
  }

  /** Each element's rank in plain string order (the tie-break of "rarest first"). */
  lexRanks(): Int32Array {
    const order = this.names.map((_, i) => i).sort((a, b) => (this.names[a] < this.names[b] ? -1 : this.names[a] > this.names[b] ? 1 : 0));
    const rank = new Int32Array(order.length);
    order.forEach((id, r) => { rank[id] = r; });
    return rank;
  }
}

/**
 * What the search reads of the rows, by row number: a master chronology's rows (`masterRowsInput`)
 * or the columns a worker thread receives (duplicates-offload.ts).
 */
export interface DuplicateInput {
  length: number;
  /** The row's day (rows are compared within a day), or undefined when it has no date or no event. */
  day(i: number): string | number | undefined;
  event(i: number): string;
  /** Its subjects (pseudonyms), as written. */
  subjects(i: number): readonly string[];
  /** Minutes after midnight, when it has a time. */
  minutes(i: number): number | undefined;
}

export function masterRowsInput(rows: readonly MasterRow[]): DuplicateInput {
  return {
    length: rows.length,
    day: (i) => (rows[i]!.parsed && rows[i]!.event ? rows[i]!.parsed!.iso : undefined),
    event: (i) => rows[i]!.event,
    subjects: (i) => rows[i]!.subjects,
    minutes: (i) => rows[i]!.minutes,
  };
}

function subjectsOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 && b.length === 0) return true;
  const set = new Set(a.map((s) => s.toLowerCase()));
  return b.some((s) => set.has(s.toLowerCase()));
}

function timesCompatible(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return Math.abs(a - b) <= MAX_TIME_APART;
}

/**
 * Duplicates among master rows (which must be in master order). Each later row is reported once,
 * against the earliest row it repeats.
 */
export function findDuplicates(rows: readonly MasterRow[], threshold = 0.85): Duplicate[] {
  return duplicatePairs(masterRowsInput(rows), threshold).map(([at, first, similarity]) => ({ row: rows[at]!, first: rows[first]!, similarity }));
}

/** The rows that can have a duplicate: those with an event on a day that holds another such row, in order. */
export function candidateRows(input: DuplicateInput): number[] {
  return [...dayBuckets(input).values()].filter((b) => b.length >= 2).flat().sort((a, b) => a - b);
}

function dayBuckets(input: DuplicateInput): Map<string | number, number[]> {
  const buckets = new Map<string | number, number[]>();
  for (let i = 0; i < input.length; i++) {
    const k = input.day(i);
    if (k === undefined) continue;
    const b = buckets.get(k);
    if (b) b.push(i);
    else buckets.set(k, [i]);
  }
  return buckets;
}

/**
 * `findDuplicates` by row numbers: `[row, first row it repeats, similarity]`, by row. Rows that
 * share their day with no other row can be left out without changing the answer for the others.
 */
export function duplicatePairs(input: DuplicateInput, threshold = 0.85): Array<[number, number, number]> {
  const t = Number.isFinite(threshold) ? Math.min(Math.max(threshold, 0.01), 1) : 0.85;
  // each day's rows, by their place in `rows`
  const buckets = dayBuckets(input);
  // only rows that share their day with another row need their words
  const vocab = new Vocabulary();
  const texts = new Int32Array(input.length);
  for (const bucket of buckets.values()) {
    if (bucket.length >= 2) for (const i of bucket) texts[i] = vocab.add(input.event(i));
  }
  const lex = vocab.lexRanks();
  const scratch = { freq: new Int32Array(lex.length), byLex: new Int32Array(lex.length), keys: new Float64Array(64) };
  const found: Array<[number, number, number]> = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    // a loop, not push(...): one crowded day can hold more duplicates than a call takes arguments
    for (const [j, i, sim] of duplicatesInBucket(input, bucket, texts, t, vocab, lex, scratch)) found.push([bucket[j]!, bucket[i]!, sim]);
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/** At most this many earlier rows are looked at for one row (a bound on a pathological day). */
export const MAX_EXAMINED = 500;

/**
 * One day's rows, compared without looking at every pair (a set-similarity join):
 *
 * - Dice ≥ t means Jaccard ≥ J = t/(2−t), so two similar rows share one of their rarest
 *   |x| − ⌈J·|x|⌉ + 1 words (the prefix filter); only rows sharing a prefix word are candidates.
 * - Candidates come from the words' posting lists merged in row order, so the first match found is
 *   the earliest row repeated, and the search stops there.
 * - The first shared word bounds the overlap (positional filter): 1 + the words after it in the
 *   shorter remainder; a candidate that cannot reach the overlap Dice needs is skipped unread.
 * - At most MAX_EXAMINED candidates are looked at per row, so even a day of 100,000 near-alike
 *   entries takes seconds, not hours (past that bound, an earlier copy may go unnoticed).
 */
function duplicatesInBucket(
  input: DuplicateInput,
  rowsOfDay: readonly number[],
  allTexts: Int32Array,
  t: number,
  vocab: Vocabulary,
  lex: Int32Array,
  scratch: { freq: Int32Array; byLex: Int32Array; keys: Float64Array },
): Array<[number, number, number]> {
  // "Rarest" is by frequency in the day, then by the word in string order. `scratch` holds arrays
  // as long as the vocabulary, shared by every day: `freq` is zero on entry and left zero.
  const { freq, byLex } = scratch;
  const { elementPool: pool, starts, sizes } = vocab;
  const texts = rowsOfDay.map((r) => allTexts[r]!);
  for (const k of texts) for (let x = starts[k], end = x + sizes[k]; x < end; x++) freq[pool[x]]++;
  const n = lex.length;
  const jaccard = t / (2 - t);
  // posting lists: element id → [row, position of the element in that row's rarest-first order]…
  const index = new Map<number, number[]>();
  const out: Array<[number, number, number]> = [];
  for (let j = 0; j < rowsOfDay.length; j++) {
    const sj = sizes[texts[j]];
    if (sj === 0) continue;
    // sort keys: frequency first, then string order (one number each, sorted natively)
    if (scratch.keys.length < sj) scratch.keys = new Float64Array(2 * sj);
    const at0 = starts[texts[j]];
    for (let e = 0; e < sj; e++) {
      const el = pool[at0 + e];
      scratch.keys[e] = freq[el] * n + lex[el];
      byLex[lex[el]] = el;
    }
    const keys = sortNumbers(scratch.keys.subarray(0, sj));
    const prefix: number[] = [];
    const size = sj - Math.ceil(jaccard * sj - 1e-9) + 1;
    for (let e = 0; e < size && e < keys.length; e++) prefix.push(byLex[keys[e] % n]);
    const lists = prefix.map((e) => index.get(e) ?? []);
    const at = lists.map(() => 0);
    for (let examined = 0; examined < MAX_EXAMINED; examined++) {
      // the earliest row still in any list; its first shared word is the first list holding it
      let i = Infinity;
      for (let k = 0; k < lists.length; k++) if (at[k] < lists[k].length && lists[k][at[k]] < i) i = lists[k][at[k]];
      if (i === Infinity) break;
      let pi = -1;
      let pj = -1;
      for (let k = 0; k < lists.length; k++) {
        if (at[k] < lists[k].length && lists[k][at[k]] === i) {
          if (pj < 0) {
            pi = lists[k][at[k] + 1];
            pj = k;
          }
          at[k] += 2;
        }
      }
      const si = sizes[texts[i]];
      const bound = 1 + Math.min(si - pi - 1, sj - pj - 1);
      if (bound < Math.ceil((t * (si + sj)) / 2 - 1e-9)) continue;
      const ri = rowsOfDay[i]!;
      const rj = rowsOfDay[j]!;
      if (!subjectsOverlap(input.subjects(ri), input.subjects(rj)) || !timesCompatible(input.minutes(ri), input.minutes(rj))) continue;
      const sim = vocab.similarity(texts[i], texts[j]);
      if (sim >= t) {
        out.push([j, i, sim]);
        break;
      }
    }
    prefix.forEach((e, pos) => {
      const list = index.get(e);
      if (list) list.push(j, pos);
      else index.set(e, [j, pos]);
    });
  }
  for (const k of texts) for (let x = starts[k], end = x + sizes[k]; x < end; x++) freq[pool[x]] = 0;
  return out;
}
