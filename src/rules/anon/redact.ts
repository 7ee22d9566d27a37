/**
 * `dhr redact`'s logic: replaces every registered real name with its pseudonym and every registered
 * identifier with a placeholder of its kind ("[NHS number]", "[phone number]", "[address]"), by
 * source position, so that every other byte of the text stays as it was (line endings included).
 * A possessive is kept: "Whitby's" → "Adult A's", "the Hollowells' car" → "the Adult B's car".
 *
 * A replacement never leaves a mixed form such as "L. Adult A", "Ms Adult A" or "Laura Adult A":
 * for a registered "Laura Smith" (pseudonym "Adult A"), the whole of "Laura Smith", "Ms Smith",
 * "Ms L. Smith", "L. Smith", "Laura S." and "Laura" alone becomes "Adult A". Titles and initials
 * before a registered surname, and the registered given name before it, are taken into the
 * replacement. A given name that is not this person's before a registered surname ("Sharon Smith",
 * a relative nobody registered) is replaced whole by "[name]" and counted in `unregistered`, so the
 * user can check it; it is never left beside a pseudonym. A registered given name alone is replaced
 * unless it is an ordinary word ("Will", "Mark") or is followed by another surname ("Laura Jones",
 * someone else: anon/person-name reports it). A name split across two CSV cells ("Darren,Hollowell")
 * keeps its cells: the given-name cell takes the pseudonym and the surname cell is emptied.
 */
import type { IdentityPerson } from '../../lint/identities.js';
import { anonData } from './data.js';
import { foldKey, type IdentityMatcher } from './matcher.js';
import { isGivenName } from './name-scan.js';

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
  /** How many of the replacements are "[name]": an unregistered given name before a registered surname. */
  unregistered?: number;
}

/** The placeholder for a name that shares a registered surname but is not the registered person. */
export const UNREGISTERED_NAME = '[name]';

interface PersonKeys {
  pseudonym: string;
  givens: Set<string>;
  surnames: Set<string>;
  /** First letters of the surnames ("s" for Smith), for "Laura S.". */
  initials: Set<string>;
}

interface Token {
  start: number;
  end: number;
  /** End including a possessive ('s, s', '). */
  possEnd: number;
  word: string;
  key: string;
}

const WORD_RE = /\p{L}[\p{L}\p{M}'’-]*/gu;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    let word = m[0].replace(/[-'’]+$/, '');
    let possEnd = m.index + m[0].length;
    const poss = /['’][sS]$/.exec(word);
    if (poss) word = word.slice(0, -2);
    if (!word) continue;
    const end = m.index + word.length;
    if (possEnd < end) possEnd = end;
    out.push({ start: m.index, end, possEnd: poss || /['’]$/.test(m[0]) ? possEnd : end, word, key: foldKey(word) });
  }
  return out;
}

function indexPeople(people: IdentityPerson[]): PersonKeys[] {
  return people.map((p) => {
    const givens = new Set<string>();
    const surnames = new Set<string>();
    const initials = new Set<string>();
    for (const name of p.names) {
      const words = name.trim().split(/\s+/).filter(Boolean);
      if (words.length === 1) {
        givens.add(foldKey(words[0]));
        continue;
      }
      givens.add(foldKey(words[0]));
      const last = words[words.length - 1];
      surnames.add(foldKey(last));
      for (const part of last.split(/-/)) if (foldKey(part).length >= 2) surnames.add(foldKey(part));
      initials.add(foldKey(last)[0]);
    }
    for (const set of [givens, surnames]) set.delete('');
    return { pseudonym: p.pseudonym, givens, surnames, initials };
  });
}

const isCap = (w: string) => /^\p{Lu}/u.test(w);

/** Only spaces, tabs and at most one line break (and a full stop after an initial) between two tokens. */
function adjacent(text: string, a: Token, b: Token, afterInitial = false): boolean {
  const gap = text.slice(a.end, b.start);
  const re = afterInitial ? /^\.?[ \t]*(?:\r?\n[ \t>]*)?$/ : /^[ \t]*(?:\r?\n[ \t>]*)?$/;
  return gap.length > 0 && gap.length <= 8 && re.test(gap) && (afterInitial || /[ \t\n]/.test(gap));
}

/** The boundary between two CSV or TSV cells, quotes included. */
const CELL_GAP = /^"?[,\t]"?$/;

let TITLES: Set<string> | undefined;
const isTitle = (w: string) => (TITLES ??= new Set(anonData().titles)).has(w);

export function redactText(text: string, matcher: IdentityMatcher, people: IdentityPerson[] = []): RedactResult {
  const spans: Redaction[] = [];
  for (const m of matcher.find(text)) {
    // a given name or its short form alone is only a warning in lint: a person must decide
    if (m.entry.kind === 'variant') continue;
    if (m.entry.kind === 'identifier') {
      spans.push({ start: m.start, end: m.end, replacement: m.entry.placeholder, pseudonym: m.entry.pseudonym, kind: 'identifier' });
    } else {
      const plural = m.possessiveEnd > m.end; // "Smiths'" → "Adult A's"
      spans.push({ start: m.start, end: m.possessiveEnd, replacement: m.entry.pseudonym + (plural ? "'s" : ''), pseudonym: m.entry.pseudonym, kind: 'name' });
    }
  }
  const index = indexPeople(people);
  const toks = people.length || spans.some((s) => s.kind === 'name') ? tokens(text) : [];
  const at = new Map<number, number>();
  toks.forEach((t, i) => at.set(t.start, i));
  const common = anonData().commonWords;

  /** Takes a title and initials before token i into a name: returns the new start index. */
  const extendLeft = (i: number): number => {
    let j = i;
    // initials ("L.", "L", "A. J.")
    while (j > 0 && toks[j - 1].word.length === 1 && isCap(toks[j - 1].word) && adjacent(text, toks[j - 1], toks[j], true)) j--;
    if (j > 0 && isTitle(toks[j - 1].word) && adjacent(text, toks[j - 1], toks[j], true)) j--;
    return j;
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!isCap(t.word)) continue;
    const prev = toks[i - 1] && isCap(toks[i - 1].word) && adjacent(text, toks[i - 1], t) ? toks[i - 1] : undefined;
    const bySurname = index.filter((p) => p.surnames.has(t.key));
    // a name split across two CSV cells ("Darren,Hollowell"): each cell keeps its place, the surname cell empties
    const cellPrev = toks[i - 1] && isCap(toks[i - 1].word) && CELL_GAP.test(text.slice(toks[i - 1].end, t.start)) ? toks[i - 1] : undefined;
    if (bySurname.length && cellPrev && (bySurname.some((p) => p.givens.has(cellPrev.key)) || isGivenName(cellPrev.word))) {
      const own = bySurname.find((p) => p.givens.has(cellPrev.key));
      const p = own ?? bySurname[0];
      spans.push({ start: toks[extendLeft(i - 1)].start, end: cellPrev.end, replacement: own ? p.pseudonym : UNREGISTERED_NAME, pseudonym: p.pseudonym, kind: 'name' });
      spans.push({ start: t.start, end: t.end, replacement: '', pseudonym: p.pseudonym, kind: 'name' });
      continue;
    }
    if (bySurname.length) {
      // a registered surname: take in the person's given name, a title, initials; another given name makes it "[name]"
      const own = prev && bySurname.find((p) => p.givens.has(prev.key));
      const p = own ?? bySurname[0];
      let from = i;
      let foreign = false;
      if (own) from = i - 1;
      else if (prev && isGivenName(prev.word) && !isTitle(prev.word)) {
        from = i - 1;
        foreign = true;
      }
      from = extendLeft(from);
      // police style "SMITH, Laura" (surname in capitals): the given name after the comma belongs to the same name
      const after = toks[i + 1];
      const commaGiven = !own && after && t.word === t.word.toUpperCase() && /^,[ \t]*$/.test(text.slice(t.end, after.start)) && p.givens.has(after.key) ? after : undefined;
      // a common-word surname alone ("Smith", "Green") is not replaced: only with a title, an initial or a given name
      if (from === i && !commaGiven && (common.has(t.key) || t.key.length < 4)) continue;
      const tail = text.slice(t.end, t.possEnd);
      const plural = !commaGiven && /^['’]$/.test(tail);
      if (commaGiven) i++;
      spans.push({
        start: toks[from].start, end: commaGiven ? commaGiven.end : plural ? t.possEnd : t.end,
        replacement: foreign ? UNREGISTERED_NAME : p.pseudonym + (plural ? "'s" : ''), pseudonym: p.pseudonym, kind: 'name',
      });
      continue;
    }
    const byGiven = index.filter((p) => p.givens.has(t.key));
    if (!byGiven.length) continue;
    const next = toks[i + 1] && isCap(toks[i + 1].word) && adjacent(text, t, toks[i + 1]) ? toks[i + 1] : undefined;
    let to = i;
    let p = byGiven[0];
    if (next) {
      const withInitial = next.word.length === 1 ? byGiven.find((q) => q.initials.has(next.key)) : undefined;
      if (withInitial) {
        p = withInitial; // "Laura S."
        to = i + 1;
      } else if (!isTitle(next.word) && !common.has(next.key) && next.word.length > 1) continue; // "Laura Jones": someone else
    }
    if (to === i && common.has(t.key)) continue; // "Will", "Mark": an ordinary word alone
    // the same given name registered for two people: which one is meant is unknown
    const ambiguous = to === i && new Set(byGiven.map((q) => q.pseudonym)).size > 1;
    const from = extendLeft(i);
    let end = toks[to].end;
    if (to > i && text[end] === '.') end++;
    spans.push({ start: toks[from].start, end, replacement: ambiguous ? UNREGISTERED_NAME : p.pseudonym, pseudonym: p.pseudonym, kind: 'name' });
  }
  // a matcher name match after a title or initials ("Ms Joanna Whitby", "J. Kestrel-Whitby")
  for (const s of spans) {
    if (s.kind !== 'name') continue;
    const i = at.get(s.start);
    if (i === undefined) continue;
    const j = extendLeft(i);
    if (j < i) s.start = toks[j].start;
  }
  const merged = merge(spans);
  if (merged.length === 0) return { text, redactions: [] };
  const parts: string[] = [];
  let pos = 0;
  for (const r of merged) {
    parts.push(text.slice(pos, r.start), r.replacement);
    pos = r.end;
  }
  parts.push(text.slice(pos));
  const unregistered = merged.filter((r) => r.replacement === UNREGISTERED_NAME).length;
  return { text: parts.join(''), redactions: merged, ...(unregistered ? { unregistered } : {}) };
}

/** Overlapping spans become one. Two names: the one covering the whole span wins; otherwise "[name]" unless both are the same person. */
function merge(spans: Redaction[]): Redaction[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Redaction[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (!last || s.start >= last.end) {
      out.push({ ...s });
      continue;
    }
    if (last.kind !== 'name' || s.kind !== 'name') continue; // an identifier keeps its own span
    const start = Math.min(last.start, s.start);
    const end = Math.max(last.end, s.end);
    const whole = [last, s].find((r) => r.replacement !== UNREGISTERED_NAME && r.start <= start && r.end >= end);
    // the surname cell of a name split across two cells empties (its given-name cell holds the replacement)
    if ([last, s].some((r) => r.replacement === '' && r.start === start && r.end === end)) last.replacement = '';
    else if (whole) last.replacement = whole.replacement;
    else if (last.replacement !== UNREGISTERED_NAME && s.replacement !== UNREGISTERED_NAME && last.pseudonym === s.pseudonym) {
      if (s.replacement.length > last.replacement.length) last.replacement = s.replacement;
    } else last.replacement = UNREGISTERED_NAME;
    last.start = start;
    last.end = end;
  }
  return out;
}
