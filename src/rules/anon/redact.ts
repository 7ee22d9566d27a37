/**
 * `dhr redact`'s logic: replaces every registered real name with its pseudonym and every registered
 * identifier with a placeholder of its kind ("[NHS number]", "[phone number]", "[address]"), by
 * source position, so that every other byte of the text stays as it was (line endings included).
 * A possessive is kept: "Whitby's" → "Adult A's", "the Hollowells' car" → "the Adult B's car".
 */
import type { IdentityMatcher } from './matcher.js';

export interface Redaction {
  /** Offsets [start, end) in the original text. */
  start: number;
  end: number;
  replacement: string;
  pseudonym: string;
  kind: 'name' | 'identifier';
}

export interface RedactResult {
  text: string;
  redactions: Redaction[];
}

export function redactText(text: string, matcher: IdentityMatcher): RedactResult {
  const redactions: Redaction[] = [];
  for (const m of matcher.find(text)) {
    // a given name or its short form alone is only a warning in lint: a person must decide
    if (m.entry.kind === 'variant') continue;
    if (m.entry.kind === 'identifier') {
      redactions.push({ start: m.start, end: m.end, replacement: m.entry.placeholder, pseudonym: m.entry.pseudonym, kind: 'identifier' });
    } else {
      const plural = m.possessiveEnd > m.end; // "Smiths'" → "Adult A's"
      redactions.push({ start: m.start, end: m.possessiveEnd, replacement: m.entry.pseudonym + (plural ? "'s" : ''), pseudonym: m.entry.pseudonym, kind: 'name' });
    }
  }
  if (redactions.length === 0) return { text, redactions };
  const parts: string[] = [];
  let at = 0;
  for (const r of redactions) {
    parts.push(text.slice(at, r.start), r.replacement);
    at = r.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), redactions };
}
