/** "Did you mean …?" for misspelt commands, options and option values (Levenshtein distance). */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word`: within about a third of its length in edits (a swapped pair of
 * letters is two), or the only candidate it starts (`chrono` → `chronology`). Case is ignored.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (!w) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best !== undefined && bestD <= Math.max(1, Math.ceil(w.length / 3))) return best;
  const starts = candidates.filter((c) => w.length >= 3 && c.toLowerCase().startsWith(w));
  return starts.length === 1 ? starts[0] : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(word: string, candidates: readonly string[], quote = (s: string) => `"${s}"`): string {
  const m = closestMatch(word, candidates);
  return m && m !== word ? `; did you mean ${quote(m)}?` : '';
}
