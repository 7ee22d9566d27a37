/** Finding listed phrases in free text: whole words, any case, any run of spaces or line breaks. */

export interface PhraseMatch {
  /** The phrase from the list that matched. */
  phrase: string;
  start: number;
  end: number;
}

const cache = new Map<string, RegExp>();

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A verb and its regular forms: consider(s|ed|ing), raise → raises, raised, raising. */
function inflections(word: string): string {
  const w = escape(word);
  if (!/^[a-z]{3,}$/i.test(word)) return w;
  if (/e$/i.test(word)) return `(?:${w}|${w}s|${w}d|${escape(word.slice(0, -1))}ing)`;
  return `(?:${w}|${w}s|${w}es|${w}ed|${w}ing)`;
}

function phraseRegex(phrase: string, inflect: boolean): RegExp {
  const key = `${inflect ? '~' : '='}${phrase}`;
  let re = cache.get(key);
  if (!re) {
    const words = phrase.trim().split(/\s+/);
    const body = words.map((w, i) => (i === 0 && inflect ? inflections(w) : escape(w))).join('\\s+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
    cache.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

/**
 * Lower-case text that every match of a phrase contains, when its first word is plain ASCII: the
 * word, or for an inflected verb ending in e its stem ("rais" in raise, raised, raising). The
 * pattern (any case, `iu`) matches an ASCII letter only with itself in either case, or with the
 * two letters that fold to one (ſ, the Kelvin sign): in text without those, a phrase whose needle
 * is not in the lower-cased text is passed over without running its pattern.
 */
const needles = new Map<string, string | null>();
function needleOf(phrase: string, inflect: boolean): string | null {
  const key = `${inflect ? '~' : '='}${phrase}`;
  let needle = needles.get(key);
  if (needle === undefined) {
    const first = phrase.trim().split(/\s+/)[0] ?? '';
    needle = /^[\x20-\x7e]*$/.test(first) ? (inflect && /^[a-z]{3,}$/i.test(first) && /e$/i.test(first) ? first.slice(0, -1) : first).toLowerCase() : null;
    needles.set(key, needle);
  }
  return needle;
}

/** Unique, non-empty phrases (first spelling kept). */
export function phraseList(...lists: Array<ReadonlyArray<unknown> | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const p of list ?? []) {
      if (typeof p !== 'string') continue;
      const key = p.trim().toLowerCase().replace(/\s+/g, ' ');
      if (!key || seen.has(key)) continue;
      seen.add(key);
      out.push(p.trim());
    }
  }
  return out;
}

/**
 * Every occurrence of every phrase; where two overlap, the earlier (then the longer) wins.
 * With `inflect`, a phrase's first word also matches its regular verb forms ("raising awareness").
 */
export function findPhrases(text: string, phrases: ReadonlyArray<string>, inflect = false): PhraseMatch[] {
  const all: PhraseMatch[] = [];
  const lower = /[\u017f\u212a]/.test(text) ? undefined : text.toLowerCase();
  for (const phrase of phrases) {
    if (lower !== undefined) {
      const needle = needleOf(phrase, inflect);
      if (needle !== null && !lower.includes(needle)) continue;
    }
    const re = phraseRegex(phrase, inflect);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      all.push({ phrase, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PhraseMatch[] = [];
  for (const m of all) {
    if (out.length && m.start < out[out.length - 1].end) continue;
    out.push(m);
  }
  return out;
}
