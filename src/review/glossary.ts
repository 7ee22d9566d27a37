/**
 * Acronyms: the ones a text uses, and the definitions a review gives in its own `glossary.yml`
 * (a mapping `ACRONYM: expansion`) on top of the profile's `glossary`. Used by the document
 * builder (the glossary of a report) and by report/undefined-acronym.
 */
import type { Review } from './model.js';

/** All-capital words that are not acronyms to define (markings, placeholders, Roman numerals). */
const NOT_ACRONYMS = new Set(['UK', 'OK', 'TV', 'AM', 'PM', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'XI', 'XII',
  'TODO', 'TBC', 'TBD', 'FIXME', 'OFFICIAL', 'SENSITIVE', 'DRAFT', 'NOT', 'FOR', 'CIRCULATION', 'A', 'I']);

/** An all-capital word of two letters or more, with an optional plural "s" (IMRs → IMR). */
const ACRONYM = /(?<![\p{L}\p{N}_#-])([A-Z][A-Z&]*[A-Z])s?(?![\p{L}\p{N}_-])/gu;

export interface AcronymUse {
  acronym: string;
  /** Offsets into the text of each use. */
  offsets: number[];
}

/** The acronyms a text uses, in order of first use. */
export function acronymsIn(text: string): Map<string, AcronymUse> {
  const out = new Map<string, AcronymUse>();
  for (const m of text.matchAll(ACRONYM)) {
    const a = m[1]!;
    if (NOT_ACRONYMS.has(a)) continue;
    const use = out.get(a) ?? { acronym: a, offsets: [] };
    use.offsets.push(m.index!);
    out.set(a, use);
  }
  return out;
}

/** A review's own definitions, from its `glossary.yml` as the loader read it (none when absent or broken). */
export function reviewGlossary(review: Pick<Review, 'glossary'>): Map<string, string> {
  const out = new Map<string, string>();
  const data = review.glossary?.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string' && v.trim()) out.set(k.trim(), v.trim());
  }
  return out;
}

/** Every definition that applies to a review: the profile's, overridden by the review's own. */
export function glossaryFor(review: Pick<Review, 'glossary'>, profileGlossary: Record<string, string> | undefined): Map<string, string> {
  const out = new Map<string, string>(Object.entries(profileGlossary ?? {}));
  for (const [k, v] of reviewGlossary(review)) out.set(k, v);
  return out;
}
