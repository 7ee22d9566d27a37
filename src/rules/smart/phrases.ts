/** Finding listed phrases in free text: whole words, any case, any run of spaces or line breaks. */

export interface PhraseMatch {
  /** The phrase from the list that matched. */
  phrase: string;
  start: number;
  end: number;
}

const cache = new Map<string, RegExp>();

function phraseRegex(phrase: string): RegExp {
  let re = cache.get(phrase);
  if (!re) {
    const body = phrase.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
    cache.set(phrase, re);
  }
  re.lastIndex = 0;
  return re;
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

/** Every occurrence of every phrase; where two overlap, the earlier (then the longer) wins. */
export function findPhrases(text: string, phrases: ReadonlyArray<string>): PhraseMatch[] {
  const all: PhraseMatch[] = [];
  for (const phrase of phrases) {
    const re = phraseRegex(phrase);
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
