import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPhrases, type PhraseMatch } from './phrases.js';

/** findPhrases as it was before phrases were passed over by their needle: every pattern run on every text. */
function reference(text: string, phrases: ReadonlyArray<string>, inflect: boolean): PhraseMatch[] {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const inflections = (word: string): string => {
    const w = escape(word);
    if (!/^[a-z]{3,}$/i.test(word)) return w;
    if (/e$/i.test(word)) return `(?:${w}|${w}s|${w}d|${escape(word.slice(0, -1))}ing)`;
    return `(?:${w}|${w}s|${w}es|${w}ed|${w}ing)`;
  };
  const all = phrases.flatMap((phrase) => {
    const body = phrase.trim().split(/\s+/).map((w, i) => (i === 0 && inflect ? inflections(w) : escape(w))).join('\\s+');
    return [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu'))]
      .map((m) => ({ phrase, start: m.index, end: m.index + m[0].length }));
  });
  // the earliest match, then the longest, and none that overlaps one kept before it
  return all.sort((a, b) => a.start - b.start || b.end - a.end)
    .reduce<PhraseMatch[]>((kept, m) => (kept.length && m.start < kept[kept.length - 1]!.end ? kept : [...kept, m]), []);
}

const PHRASES = ['raise awareness', 'consider', 'review', 'improve', 'ensure that', 'as appropriate', 'look at', 'work towards', 'café culture', 'C++ skills', 'sask'];
/** Words and forms of the phrases in any case, other words, and letters that fold to ASCII ones under `iu` (ſ, the Kelvin sign). */
const PIECES = ['raise', 'raising', 'RAISED', 'Raises', 'awareness', 'AWARENESS', 'consider', 'considering', 'Considered', 'review', 'reviews', 'REVIEWING',
  'improve', 'improving', 'ensure', 'that', 'as', 'appropriate', 'look', 'at', 'work', 'towards', 'café', 'CAFÉ', 'culture', 'C++', 'skills', 'saſk', 'ſask',
  '\u212Aeep', 'sask', 'the', 'and', 'agency', '2026', '-', ',', '.', '\n', '  ', '\t', 'é', 'x', '’', '“', '–', 'İ', 'Σ', 'ß'];

describe('findPhrases', () => {
  it('finds what every pattern run on the text finds, in any text: curly quotes, accents and letters that fold to ASCII ones included', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }),
      fc.array(fc.constantFrom(' ', '', '\n'), { maxLength: 40 }),
      fc.boolean(),
      (pieces, gaps, inflect) => {
        const text = pieces.map((p, i) => p + (gaps[i] ?? ' ')).join('');
        expect(findPhrases(text, PHRASES, inflect)).toEqual(reference(text, PHRASES, inflect));
      },
    ), { numRuns: 500 });
  });

  it('matches the verb forms of an inflected phrase and leaves other words', () => {
    const text = 'Partners were raising awareness; the panel considered it and will review.';
    expect(findPhrases(text, ['raise awareness', 'consider', 'review'], true).map((m) => text.slice(m.start, m.end)))
      .toEqual(['raising awareness', 'considered', 'review']);
    expect(findPhrases('Reviewer', ['review'], true)).toEqual([]);
  });

  it('finds a phrase written with a letter that folds to its ASCII one (ſ for s)', () => {
    expect(findPhrases('to ſask it', ['sask'])).toEqual([{ phrase: 'sask', start: 3, end: 7 }]);
  });
});
