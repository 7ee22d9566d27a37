/**
 * Finds the identity register's real names and identifiers in a text, in one pass, whatever the
 * size of the register: every registered string is folded to a key (lower case, diacritics removed,
 * only letters and digits kept: "Zoë O'Brien-Smith" → "zoeobriensmith", "943 476 5919" → "9434765919")
 * and put in a character trie. The text is walked once; at each word start the trie is followed over
 * the folded characters, skipping short runs of spaces and punctuation (a line wrap, a hyphen, the
 * spaces of "GL5 1AB"), so case, diacritics, hyphens, spacing and line wraps do not hide a match.
 * A match must start at a word start and end at a word end ("Ann" never matches inside "Annual");
 * a possessive ("Smith's", "Smiths'") still ends the word.
 *
 * Which strings are matched: every entry of `names` and `identifiers` as given, plus the surname
 * alone when a name has several words and its last word has at least 4 letters and is not a common
 * English word (data/common-words.txt), and only where the text capitalises it. A given name alone is
 * not matched (too many false positives); register it on its own line if it must be.
 * Identifiers also match in their other usual spellings: phone numbers with +44, dates of birth in
 * numeric, ISO and written forms.
 */
import type { IdentityPerson, IdentityRegister } from '../../lint/identities.js';
import { anonData, dataList } from './data.js';
import { classifyDigits, FULL_DATE_RE, isNino, isUkPhoneNational, nhsChecksumOk } from './patterns.js';
import { registeredVariants } from './variants.js';
import { scanSpelledEmails } from './identifiers.js';

/** The "at" and "dot" of an e-mail address written out, with the spaces or brackets around them. */
const SPELLED_AT = /[ \t]*[[({<]?[ \t]*(?:at|AT|At)[ \t]*[\])}>]?[ \t]*/;
const SPELLED_DOT = /[ \t]*[[({<][ \t]*(?:dot|DOT|Dot)[ \t]*[\])}>][ \t]*|[ \t]+(?:dot|DOT|Dot)[ \t]+/g;

/**
 * name: a registered name (or a short form of its given name with its surname); initial: a given
 * name or its short form with the surname's initial ("Kate W."); surname: the surname alone;
 * identifier: a registered identifier; variant: a given name or a short form of it alone (a warning,
 * anon/identity-variant).
 */
export type EntryKind = 'name' | 'initial' | 'surname' | 'identifier' | 'variant';

export interface IdentityEntry {
  pseudonym: string;
  kind: EntryKind;
  /** For identifiers: the placeholder that replaces it ("[NHS number]"). */
  placeholder: string;
}

export interface IdentityMatch {
  /** Offsets [start, end) of the name or identifier itself. */
  start: number;
  end: number;
  /** End including a plural possessive "s'" ("Smiths'"), for redaction. */
  possessiveEnd: number;
  entry: IdentityEntry;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  entry?: IdentityEntry;
}

const foldCache = new Map<number, number>();

/** Folded codes of ASCII characters: lower-case letter or digit, -1 for anything else. */
const ASCII_FOLD = new Int16Array(128).map((_, c) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : c >= 65 && c <= 90 ? c + 32 : -1);

/** The folded code of the character at `i`: lower-case letter or digit, or -1 for anything else. */
function fold(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_FOLD[c];
  return foldSlow(c);
}

function foldSlow(c: number): number {
  if (c !== c) return -1; // NaN: past the end
  const hit = foldCache.get(c);
  if (hit !== undefined) return hit;
  let r = -1;
  if (c < 0xd800 || c > 0xdfff) {
    const f = String.fromCharCode(c).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (f.length > 0 && /[\p{L}\p{N}]/u.test(f[0])) r = f.charCodeAt(0);
  }
  foldCache.set(c, r);
  return r;
}

/** The folded key of a string: its letters and digits, lower case, without diacritics. */
export function foldKey(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = fold(s, i);
    if (c >= 0) out += String.fromCharCode(c);
  }
  return out;
}

/** Longest run of spaces and punctuation allowed inside a match ("** **", ", ", a line wrap). */
const MAX_GAP = 6;

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function ordinal(d: number): string {
  if (d % 100 >= 11 && d % 100 <= 13) return `${d}th`;
  return `${d}${['th', 'st', 'nd', 'rd'][d % 10] ?? 'th'}`;
}

/** The usual spellings of a date, as keys: 03/03/1990, 3.3.1990, 1990-03-03, 3 March 1990, 3rd of Mar 1990, March 3 1990. */
function dateKeys(s: string): string[] {
  const t = s.trim();
  if (!FULL_DATE_RE.test(t) || FULL_DATE_RE.exec(t)![0].length !== t.length) return [];
  let d: number, m: number, y: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [+r[1], +r[2], +r[3]];
  else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(t))) [d, m, y] = [+r[1], +r[2], +r[3]];
  else {
    const words = t.toLowerCase().replace(/(\d)(st|nd|rd|th)\b/g, '$1').match(/[a-z]+|\d+/g) ?? [];
    const nums = words.filter((w) => /^\d+$/.test(w)).map(Number);
    const mon = words.find((w) => MONTH_NAMES.some((n) => n.startsWith(w) && w.length >= 3));
    if (!mon || nums.length !== 2) return [];
    m = MONTH_NAMES.findIndex((n) => n.startsWith(mon)) + 1;
    [d, y] = nums[0] > 31 ? [nums[1], nums[0]] : [nums[0], nums[1]];
  }
  if (y < 100) y += y > 30 ? 1900 : 2000;
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return [];
  const p2 = (n: number) => String(n).padStart(2, '0');
  const name = MONTH_NAMES[m - 1];
  const short = name.slice(0, 3);
  const keys = [
    `${p2(d)}${p2(m)}${y}`, `${d}${m}${y}`, `${y}${p2(m)}${p2(d)}`,
    `${d}${name}${y}`, `${d}${short}${y}`, `${ordinal(d)}${name}${y}`, `${ordinal(d)}of${name}${y}`,
    `${ordinal(d)}${short}${y}`, `${ordinal(d)}of${short}${y}`,
    `${name}${d}${y}`, `${name}${ordinal(d)}${y}`, `${short}${d}${y}`,
  ];
  if (name === 'september') keys.push(`${d}sept${y}`);
  return [...new Set(keys)];
}

/** The placeholder for an identifier, by what it looks like. */
export function placeholderFor(identifier: string): string {
  const s = identifier.trim();
  const digits = s.replace(/\D/g, '');
  if (/@/.test(s)) return '[email address]';
  if (/^[\d\s-]+$/.test(s) && digits.length === 10 && nhsChecksumOk(digits) && digits[0] !== '0') return '[NHS number]';
  if (isNino(s)) return '[NI number]';
  if (/^(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$/i.test(s)) return '[postcode]';
  if (/^[+\d\s().-]+$/.test(s) && (classifyDigits(s)?.kind === 'phone' || isUkPhoneNational(digits) || isUkPhoneNational('0' + digits.replace(/^44/, '')))) return '[phone number]';
  if (dateKeys(s).length) return '[date of birth]';
  const types = anonData().streetTypes.map((t) => t.toLowerCase());
  const words = s.toLowerCase().split(/[^a-z]+/);
  if (/\d/.test(s) && words.some((w) => types.includes(w))) return '[address]';
  if (/^(?:flat|apartment|unit)\b/i.test(s)) return '[address]';
  return '[identifier]';
}

function identifierKeys(id: string): string[] {
  const keys = new Set<string>();
  const base = foldKey(id);
  if (base.length >= 4) keys.add(base);
  const digits = id.replace(/\D/g, '');
  if (/^[+\d\s().-]+$/.test(id.trim())) {
    let national = digits;
    if (id.trim().startsWith('+44')) national = '0' + digits.slice(2).replace(/^0/, '');
    if (isUkPhoneNational(national)) {
      keys.add(national);
      keys.add('44' + national.slice(1));
      keys.add('440' + national.slice(1));
    }
  }
  for (const k of dateKeys(id)) keys.add(k);
  return [...keys];
}

const PRIORITY: Record<EntryKind, number> = { name: 0, identifier: 0, initial: 0, surname: 1, variant: 2 };

let related: Map<string, Set<string>> | undefined;

/** Short forms and full forms of given names (data/diminutives.txt), both ways, by folded key. */
export function givenNameVariants(given: string): string[] {
  if (!related) {
    related = new Map();
    const link = (a: string, b: string) => {
      if (a === b) return;
      let set = related!.get(a);
      if (!set) related!.set(a, (set = new Set()));
      set.add(b);
    };
    for (const line of dataList('diminutives')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const formal = foldKey(line.slice(0, colon));
      const shorts = line.slice(colon + 1).split(',').map((x) => foldKey(x)).filter((x) => x.length >= 2);
      for (const d of shorts) {
        link(formal, d);
        link(d, formal);
        for (const e of shorts) link(d, e);
      }
    }
  }
  return [...(related.get(foldKey(given)) ?? [])];
}

/** The words of a name: letters (with inner hyphens and apostrophes) only. */
function nameWords(name: string): string[] {
  return name.trim().split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((w) => w !== '');
}

export interface FindOptions {
  /** Match a surname or a given name alone whatever its case (file and folder names are often lower case). */
  anyCase?: boolean;
}

export class IdentityMatcher {
  private readonly root: TrieNode = { next: new Map() };
  /** 1 for each folded code that starts a key: most word starts are rejected with one look-up. */
  private readonly first = new Uint8Array(65536);
  readonly size: number;

  constructor(people: IdentityPerson[]) {
    const common = anonData().commonWords;
    let size = 0;
    const add = (key: string, entry: IdentityEntry) => {
      if (key.length < 2) return;
      let node = this.root;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        let n = node.next.get(c);
        if (!n) {
          n = { next: new Map() };
          node.next.set(c, n);
        }
        node = n;
      }
      if (!node.entry || PRIORITY[entry.kind] < PRIORITY[node.entry.kind]) {
        if (!node.entry) size++;
        node.entry = entry;
      }
    };
    for (const p of people) {
      const entry = (kind: EntryKind): IdentityEntry => ({ pseudonym: p.pseudonym, kind, placeholder: p.pseudonym });
      for (const name of p.names) {
        add(foldKey(name), entry('name'));
        const words = nameWords(name);
        if (words.length < 2) continue;
        const last = words[words.length - 1];
        const surnames = [last, ...(last.includes('-') ? last.split('-') : [])].map(foldKey);
        for (const letters of surnames) {
          if (letters.length >= 4 && !/\d/.test(letters) && !common.has(letters)) add(letters, entry('surname'));
        }
        // the given name, or a short form of it, with the surname or its initial
        const given = foldKey(words[0]);
        const initial = surnames[0][0];
        const givens = [given, ...givenNameVariants(words[0])];
        for (const g of givens) {
          if (g.length < 2) continue;
          if (g !== given) for (const sn of surnames) if (sn.length >= 2) add(g + sn, entry('name'));
          if (initial) add(g + initial, entry('initial'));
          // alone: a warning (anon/identity-variant), unless it is an everyday word ("Will", "Bill")
          if (g.length >= 3 && !common.has(g)) add(g, entry('variant'));
        }
      }
      for (const id of p.identifiers) {
        if (id.includes('@')) this.emails = true;
        const entry: IdentityEntry = { pseudonym: p.pseudonym, kind: 'identifier', placeholder: placeholderFor(id) };
        for (const k of identifierKeys(id)) add(k, entry);
        // the street without its number, the date of birth and phone number in their other spellings (variants.ts)
        for (const v of registeredVariants(id)) for (const k of identifierKeys(v)) add(k, entry);
      }
    }
    this.size = size;
    for (const c of this.root.next.keys()) this.first[c] = 1;
    // every run of 2 to 4 folded characters inside a key, for mayCrossJoin
    const walk = (node: TrieNode, tail: string) => {
      for (const [c, child] of node.next) {
        const t = (tail + String.fromCharCode(c)).slice(-4);
        for (let k = 2; k <= t.length; k++) this.grams.add(t.slice(-k));
        walk(child, t);
      }
    };
    walk(this.root, '');
  }

  /** Runs of 2 to 4 folded characters found inside some key. */
  private readonly grams = new Set<string>();
  /** True when some registered identifier is an e-mail address. */
  private emails = false;

  /**
   * A registered e-mail address written out to dodge a search ("jo.kw [at] example [dot] com"):
   * each address spelled so in the text (identifiers.ts finds them) is read with "@" and "." put
   * back, and counts when that is a registered one. It takes the place of a given name found alone
   * inside it ("JOANNA.KW (AT) …"); one inside a stronger match is left to that match.
   */
  private spelledEmails(text: string, found: IdentityMatch[]): IdentityMatch[] {
    const out: IdentityMatch[] = [];
    for (const [start, end] of scanSpelledEmails(text)) {
      const spelled = text.slice(start, end);
      if (spelled.includes('@') || found.some((m) => m.start < end && m.end > start && m.entry.kind !== 'variant')) continue;
      const plain = spelled.replace(SPELLED_AT, '@').replace(SPELLED_DOT, '.');
      const hit = this.find(plain).find((m) => m.entry.kind === 'identifier' && m.start === 0 && m.end === plain.length);
      if (hit) out.push({ start, end, possessiveEnd: end, entry: hit.entry });
    }
    return out;
  }

  /**
   * False when no match can run from the text before `leftEnd` across a join to `rightStart` (two CSV
   * cells read as one seam, see cells.ts): a match that crosses it holds the whole last word before
   * the join, so the last (up to three) folded characters of that word and the first one after the
   * join follow each other in some key. True means "maybe": run `find` to know.
   */
  mayCrossJoin(text: string, leftFrom: number, leftEnd: number, rightStart: number): boolean {
    const r = fold(text, rightStart);
    if (r < 0) return false;
    let gram = String.fromCharCode(r);
    for (let i = leftEnd - 1; i >= leftFrom && gram.length < 4; i--) {
      const c = fold(text, i);
      if (c < 0) break;
      gram = String.fromCharCode(c) + gram;
    }
    return gram.length >= 2 && this.grams.has(gram);
  }

  /** Every match in a text, left to right, longest first, never overlapping. */
  find(text: string, opts: FindOptions = {}): IdentityMatch[] {
    const out: IdentityMatch[] = [];
    const anyCase = Boolean(opts.anyCase);
    const root = this.root;
    if (root.next.size === 0) return out;
    const n = text.length;
    let prevAlnum = false;
    for (let i = 0; i < n; i++) {
      const raw = text.charCodeAt(i);
      const c = raw < 128 ? ASCII_FOLD[raw] : foldSlow(raw);
      if (c < 0) {
        prevAlnum = false;
        continue;
      }
      if (prevAlnum) continue;
      prevAlnum = true;
      if (this.first[c] === 0) continue;
      let node = root.next.get(c);
      if (!node) continue;
      let best: IdentityMatch | undefined;
      let j = i;
      for (;;) {
        // node holds the key up to and including text[j]
        let k = j + 1;
        const nextCode = k < n ? fold(text, k) : -1;
        if (node.entry && nextCode < 0) {
          best = this.accept(text, i, k, k, node.entry, anyCase) ?? best;
        } else if (node.entry && node.entry.kind !== 'identifier' && node.entry.kind !== 'initial') {
          // plurals and plural possessives of a name: "the Hollowells", "Hollowells'", "the Joneses"
          let p = -1;
          if (nextCode === 115 /* s */ && (k + 1 >= n || fold(text, k + 1) < 0)) p = k + 1;
          else if (nextCode === 101 /* e */ && fold(text, j) === 115 && fold(text, k + 1) === 115 && (k + 2 >= n || fold(text, k + 2) < 0)) p = k + 2;
          if (p > 0) best = this.accept(text, i, k, /['’]/.test(text[p] ?? '') ? p + 1 : p, node.entry, anyCase) ?? best;
        }
        // the next folded character, across a short gap of spaces and punctuation
        let gap = 0;
        let breaks = 0;
        let code = nextCode;
        while (code < 0 && k < n && gap <= MAX_GAP) {
          const ch = text.charCodeAt(k);
          if (ch === 10 || (ch === 13 && text.charCodeAt(k + 1) !== 10)) breaks++;
          // a match never runs across a cell or field boundary: a CSV comma (", " inside text is fine),
          // a colon (times), a semicolon, a double quote or a table pipe
          else if ((ch === 44 && text.charCodeAt(k + 1) !== 32) || ch === 58 || ch === 59 || ch === 34 || ch === 124) break;
          gap++;
          k++;
          code = k < n ? fold(text, k) : -1;
        }
        if (code < 0 || gap > MAX_GAP || breaks > 1) break;
        const nx = node.next.get(code);
        if (!nx) break;
        node = nx;
        j = k;
      }
      if (best) {
        out.push(best);
        // continue after the match (the loop's i++ lands on the character after it)
        i = best.possessiveEnd - 1;
        prevAlnum = fold(text, i) >= 0;
      }
    }
    if (!this.emails) return out;
    const spelled = this.spelledEmails(text, out);
    if (!spelled.length) return out;
    const inside = (m: IdentityMatch) => spelled.some((e) => m.start < e.end && m.end > e.start);
    return [...out.filter((m) => !inside(m)), ...spelled].sort((a, b) => a.start - b.start);
  }

  private accept(text: string, start: number, end: number, possessiveEnd: number, entry: IdentityEntry, anyCase: boolean): IdentityMatch | undefined {
    if (entry.kind === 'surname' || entry.kind === 'variant' || entry.kind === 'initial') {
      const ch = text[start];
      // a surname or given name alone counts only when capitalised (not in file names)
      if (!anyCase && ch === ch.toLowerCase()) return undefined;
    }
    if (entry.kind === 'variant') {
      // "Joanne Penhale" is someone else: a given name counts alone only when no other surname follows it
      const after = /^[ \t]*(?:\r?\n[ \t>]*)?(\p{Lu}[\p{Ll}'’-]|\p{Lu}\.?(?![\p{L}]))/u.exec(text.slice(possessiveEnd, possessiveEnd + 40));
      if (after) return undefined;
    }
    if (entry.kind === 'initial') {
      // "Kate W." or "Kate W": the initial is a capital letter standing alone
      const ch = text[end - 1];
      if (ch === ch.toLowerCase() || fold(text, end - 2) >= 0) return undefined;
    }
    if (entry.kind === 'identifier' && start > 0) {
      // take in the "+" of "+44" and the "(" of "(01632) 960001", so a replacement leaves no stray mark
      const before = text[start - 1];
      const body = text.slice(start, end);
      if (before === '+' || (before === '(' && /^[^(]*\)/.test(body))) start--;
    }
    return { start, end, possessiveEnd, entry };
  }
}

const matchers = new WeakMap<IdentityRegister | IdentityPerson[], IdentityMatcher>();

/** The matcher for a register, built once. */
export function matcherFor(register: IdentityRegister): IdentityMatcher {
  let m = matchers.get(register);
  if (!m) {
    m = new IdentityMatcher(register.people);
    matchers.set(register, m);
  }
  return m;
}
