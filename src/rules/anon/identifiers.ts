/**
 * The small checks behind the identifier patterns of patterns.ts: the combined regular expression
 * only finds where a candidate starts (a house number, a keyword such as "sort code", two capitals
 * and two digits); these functions read the few characters after it and decide. Each runs on a
 * candidate only, never over the whole text, so the scan stays one pass.
 */
import { anonData, dataList } from './data.js';

/** A span [start, end) in the scanned text. */
export type Range = [number, number];

// ---------------------------------------------------------------- street addresses

/** Street types that count in lower case too ("12 acacia avenue"): words that are rarely anything else. */
const LOWER_CASE_TYPES = new Set(['street', 'road', 'avenue', 'lane', 'close', 'crescent', 'gardens', 'terrace', 'mews', 'grove',
  'boulevard', 'cottages', 'villas', 'drive', 'rd', 'ave', 'cres', 'gdns', 'tce']);
/** Of those, the ones that need the street's own name to be an uncommon word ("12 larkspur close", not "2 very close"). */
const LOWER_CASE_WEAK = new Set(['close', 'drive', 'grove', 'lane', 'cottages', 'villas']);

/** Words that are never part of a street name after a number ("2 children in the park", "a 2 hour drive"). */
const NOT_STREET_WORDS = new Set(('a an the of in on at to for and or by with from into onto was were is are be been her his their my our your '
  + 'its this that these those per more other times time days day weeks week months month years year hours hour minutes minute mins '
  + 'seconds miles mile metres meters km yards feet people children officers calls visits previous separate different occasions '
  + 'incidents further new same each every all some no not also very too than then when where who which while about after before '
  + 'over under between during page pages para paragraph section chapter item items point points row rows line lines').split(' '));

let streetTypeMap: Map<string, string> | undefined;
let theStreets: Set<string> | undefined;

/** Street types by lower-case spelling → as written in the data file. */
function streetTypes(): Map<string, string> {
  if (!streetTypeMap) streetTypeMap = new Map(anonData().streetTypes.map((t) => [t.toLowerCase(), t]));
  return streetTypeMap;
}

/** Street names written "The …" ("12 The Spinney"): data/street-the.txt, lower case. */
function theNames(): Set<string> {
  if (!theStreets) theStreets = new Set(dataList('street-the').map((w) => w.toLowerCase()));
  return theStreets;
}

/** True when a word is one of the street types (`Close`, `Rd`, …), case-insensitively. */
export function isStreetType(word: string): boolean {
  return streetTypes().has(word.toLowerCase().replace(/\.$/, ''));
}

const STREET_WORD = /([A-Za-z][A-Za-z'’-]*)\.?/y;
const GAP = /[ \t]+/y;

type Style = 'cap' | 'upper' | 'lower' | 'mixed';

function styleOf(w: string): Style {
  if (/^[A-Z][A-Z'’-]*$/.test(w) && w.length > 1) return 'upper';
  if (/^[A-Z]/.test(w)) return 'cap';
  if (/^[a-z][a-z'’-]*$/.test(w)) return 'lower';
  return 'mixed';
}

/**
 * After a house number ("14 ", "12a, "), the end of the street name and type that follows, if any:
 * one to three words then a street type (`Larkspur Close`, `ACACIA AVENUE`, `acacia avenue`), or
 * `The` and a name from street-the.txt (`The Spinney`). Capitalised words as before; capitals and
 * lower case with the extra care of NOT_STREET_WORDS and, in lower case, LOWER_CASE_TYPES.
 */
export function streetAfterNumber(text: string, pos: number): number | undefined {
  const words: Array<{ w: string; end: number }> = [];
  let p = pos;
  for (let k = 0; k < 4; k++) {
    if (k > 0) {
      GAP.lastIndex = p;
      if (!GAP.exec(text)) break;
      p = GAP.lastIndex;
    }
    STREET_WORD.lastIndex = p;
    const m = STREET_WORD.exec(text);
    if (!m) break;
    words.push({ w: m[1], end: p + m[1].length });
    p += m[0].length;
  }
  if (words.length < 2) return undefined;
  const first = words[0].w;
  // "12 The Spinney"
  if (/^the$/i.test(first)) {
    const name = words[1].w;
    const st0 = styleOf(first);
    const st1 = styleOf(name);
    if (theNames().has(name.toLowerCase()) && (st0 === st1 || (st0 === 'cap' && st1 === 'cap'))) return words[1].end;
    return undefined;
  }
  const common = anonData().commonWords;
  for (let k = Math.min(3, words.length - 1); k >= 1; k--) {
    const type = words[k].w;
    const lowerType = type.toLowerCase();
    if (!streetTypes().has(lowerType)) continue;
    const name = words.slice(0, k).map((x) => x.w);
    const styles = new Set([...name, type].map(styleOf));
    if (styles.has('mixed')) continue;
    if (styles.has('lower')) {
      if (styles.size > 1 || !LOWER_CASE_TYPES.has(lowerType)) continue;
      if (name.some((w) => NOT_STREET_WORDS.has(w))) continue;
      if (LOWER_CASE_WEAK.has(lowerType) && name.some((w) => common.has(w))) continue;
      return words[k].end;
    }
    if (styles.has('upper') && !styles.has('cap')) {
      if (name.some((w) => NOT_STREET_WORDS.has(w.toLowerCase()))) continue;
      return words[k].end;
    }
    // capitalised (as before): the type as written in the data file, or in capitals after capitalised words
    if (styleOf(type) === 'cap' && streetTypes().get(lowerType) !== type) continue;
    return words[k].end;
  }
  return undefined;
}

// ---------------------------------------------------------------- keyword then a number

/** Words that may sit between a keyword and its number ("NHS number is", "crime reference: no."). */
const LINK_WORD = /^(?:is|was|of|given|recorded|as|shown|stated|noted|listed|number|no|num|ref|reference|code)$/i;

/** Skips separators and link words after a keyword (same line, at most `limit` characters); the offset reached. */
function skipLink(text: string, pos: number, limit = 30): number {
  let p = pos;
  const end = Math.min(text.length, pos + limit);
  for (let hops = 0; hops < 5 && p < end; hops++) {
    while (p < end && /[ \t:;,.=#(\-–—]/.test(text[p])) p++;
    const w = /^[A-Za-z]+/.exec(text.slice(p, p + 12));
    if (w && LINK_WORD.test(w[0])) {
      p += w[0].length;
      continue;
    }
    break;
  }
  return p;
}

/** Six or more digits, spaced or not; after a keyword a line wrap inside the number is read across. */
const KEYWORD_DIGITS = /\d(?:(?:[ \t-]|\r?\n[ \t>]*)?\d){5,13}(?!\d)/y;

/** After "NHS number", "NHS no", "CHI": the digits that follow (six or more, spaced or not), checksum or not. */
export function digitsAfterKeyword(text: string, pos: number): Range | undefined {
  const p = skipLink(text, pos);
  KEYWORD_DIGITS.lastIndex = p;
  const m = KEYWORD_DIGITS.exec(text);
  return m ? [p, p + m[0].length] : undefined;
}

/** True when DDMMYY at the start of `d` is a real date (a CHI number starts with the birth date). */
export function isDdmmyy(d: string): boolean {
  const day = +d.slice(0, 2);
  const month = +d.slice(2, 4);
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  return day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * The keywords that introduce a number: "NHS number", "CHI" (nhskey), "sort code", "account number"
 * (bankkey), "CAD", "crime reference", "incident number" (crimekey). A pass of its own: most of them
 * are written in lower case, and lower-case alternatives in the combined expression of patterns.ts
 * would make it try every alternative at every letter.
 */
const KEYWORDS = new RegExp('\\b(?:'
  + '(?<nhskey>(?:[Nn][Hh][Ss][ \\t]*(?:[Nn](?:[Uu][Mm](?:[Bb][Ee][Rr])?|[Oo])(?![A-Za-z])\\.?|#)|CHI(?:[ \\t]*(?:[Nn]umber|NUMBER|[Nn]o\\.?|NO\\.?|#))?|[Cc]hi[ \\t]+[Nn]umber)(?![A-Za-z]))|'
  + '(?<bankkey>(?:[Ss]ort[ \\t-]?[Cc]ode|SORT[ \\t-]?CODE|[Aa]ccount[ \\t]+(?:[Nn]umber|[Nn]o\\b\\.?)|ACCOUNT[ \\t]+(?:NUMBER|NO\\b\\.?)|[Aa]\\/[Cc](?:[ \\t]*[Nn]o\\b\\.?)?|[Aa]cc(?:t|ount)?\\.?[ \\t]*[Nn]o\\b\\.?|[Bb]ank[ \\t]+account|BANK[ \\t]+ACCOUNT)(?![A-Za-z]))|'
  + '(?<crimekey>(?:CAD|CRN|URN|STORM|[Cc]rime[ \\t]+(?:[Rr]ef(?:erence)?|[Nn]umber|[Nn]o\\b)|CRIME[ \\t]+(?:REF(?:ERENCE)?|NUMBER|NO\\b)|[Ii]ncident[ \\t]+(?:[Nn]umber|[Nn]o\\b|[Rr]ef(?:erence)?|[Ll]og)|INCIDENT[ \\t]+(?:NUMBER|NO\\b|REF(?:ERENCE)?|LOG)|[Ll]og[ \\t]+(?:[Nn]umber|[Nn]o\\b|[Rr]ef(?:erence)?)|LOG[ \\t]+(?:NUMBER|NO\\b)|[Oo]ccurrence[ \\t]+(?:[Nn]umber|[Nn]o\\b|[Rr]ef(?:erence)?)|[Pp]olice[ \\t]+[Rr]ef(?:erence)?)\\.?(?![A-Za-z]))'
  + ')', 'g');

export type KeywordKind = 'nhs-number' | 'bank-account' | 'crime-reference';

/** Every keyword-led number in a text: its kind and the span of the number (not the keyword). */
export function scanKeywordNumbers(text: string): Array<{ kind: KeywordKind; start: number; end: number }> {
  const out: Array<{ kind: KeywordKind; start: number; end: number }> = [];
  KEYWORDS.lastIndex = 0;
  for (let m = KEYWORDS.exec(text); m; m = KEYWORDS.exec(text)) {
    const g = m.groups!;
    const end = m.index + m[0].length;
    const kind: KeywordKind = g.nhskey !== undefined ? 'nhs-number' : g.bankkey !== undefined ? 'bank-account' : 'crime-reference';
    const r = kind === 'nhs-number' ? digitsAfterKeyword(text, end) : kind === 'bank-account' ? bankAfterKeyword(text, end) : referenceAfterKeyword(text, end);
    if (r) {
      out.push({ kind, start: r[0], end: r[1] });
      KEYWORDS.lastIndex = r[1];
    }
  }
  return out;
}

// ---------------------------------------------------------------- bank details

const SORT_CODE = /\d{2}([- ])\d{2}\1\d{2}(?!\d)|\d{6}(?!\d)/y;
const ACCOUNT_NO = /\d{4}[ ]?\d{4}(?!\d)|\d{7,10}(?!\d)/y;
const ACCOUNT_LINK = /[ \t,;:/&]*(?:(?:and|with)[ \t]+)?(?:(?:the[ \t]+)?(?:bank[ \t]+)?(?:account|acct?|a\/c)\.?(?:[ \t]+(?:number|no\.?|num\.?))?)?[ \t:#.-]*/iy;

/** After "sort code" / "account number": the sort code and/or account number that follow. */
export function bankAfterKeyword(text: string, pos: number): Range | undefined {
  const p = skipLink(text, pos);
  SORT_CODE.lastIndex = p;
  const s = SORT_CODE.exec(text);
  if (s && (s[1] !== undefined || s[0].length === 6)) {
    // a sort code, perhaps followed by its account number
    const after = p + s[0].length;
    ACCOUNT_LINK.lastIndex = after;
    ACCOUNT_LINK.exec(text);
    ACCOUNT_NO.lastIndex = ACCOUNT_LINK.lastIndex;
    const a = ACCOUNT_NO.exec(text);
    return [p, a ? ACCOUNT_LINK.lastIndex + a[0].length : after];
  }
  ACCOUNT_NO.lastIndex = p;
  const a = ACCOUNT_NO.exec(text);
  if (a) {
    // "account 12345678, sort code 12-34-56": the account number; the sort code is its own match
    return [p, p + a[0].length];
  }
  return undefined;
}

/** IBAN lengths by country (the common ones); others: 15 to 34 characters. */
const IBAN_LENGTH: Record<string, number> = {
  GB: 22, IE: 22, DE: 22, FR: 27, ES: 24, IT: 27, NL: 18, BE: 16, PT: 25, PL: 28, LT: 20, LV: 21, RO: 24, CH: 21, AT: 20,
  DK: 18, FI: 18, SE: 24, NO: 15, GR: 27, CZ: 24, SK: 24, HU: 28, BG: 22, HR: 21, SI: 19, EE: 20, LU: 20, MT: 31, CY: 28,
  IS: 26, GI: 23, IM: 22, JE: 22, GG: 22, TR: 26, AE: 23, SA: 24,
};

/** The IBAN check: move the first four characters to the end, letters to numbers, remainder 1 on division by 97. */
export function ibanChecksumOk(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const s = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of s) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
  }
  return r === 1;
}

/** From two capitals and two digits: the IBAN that starts there (one block or groups of four), if the check passes. */
export function ibanAt(text: string, start: number): number | undefined {
  // compact characters with the raw offset just after each
  let compact = '';
  const ends: number[] = [];
  const boundary: boolean[] = [];
  let p = start;
  while (p < text.length && compact.length < 34) {
    const ch = text[p];
    if (/[A-Z0-9]/.test(ch)) {
      compact += ch;
      p++;
      ends.push(p);
      boundary.push(!/[A-Za-z0-9]/.test(text[p] ?? ' '));
    } else if (ch === ' ' && /[A-Z0-9]/.test(text[p + 1] ?? '') && compact.length >= 4) p++;
    else break;
  }
  const want = IBAN_LENGTH[compact.slice(0, 2)];
  for (let n = compact.length; n >= 15; n--) {
    if (want !== undefined && n !== want) continue;
    if (!boundary[n - 1] && text[ends[n - 1]] !== ' ') continue;
    if (ibanChecksumOk(compact.slice(0, n))) return ends[n - 1];
  }
  return undefined;
}

// ---------------------------------------------------------------- vehicle registrations

/** A registration is more likely near one of these words (same line, just before it). */
const VEHICLE_CONTEXT = /\b(?:reg(?:istration)?|registered|VRM|vehicle|car|van|plate|plates|motorbike|motorcycle|moped|lorry|taxi|index|ANPR|driving|drove|driven)\b[^\n]{0,30}$/i;

let vehicleStop: Set<string> | undefined;

/** Three-letter blocks that are words or the acronyms of reviews, not registration letters ("R12 NHS", "A3 TBC"). */
function vehicleStopWords(): Set<string> {
  if (!vehicleStop) {
    vehicleStop = new Set(dataList('vehicle-stop').map((w) => w.toUpperCase()));
    for (const w of anonData().commonWords) if (w.length === 3) vehicleStop.add(w.toUpperCase());
  }
  return vehicleStop;
}

/**
 * Whether a candidate is a UK registration mark: current `AB12 CDE` (valid age identifier), prefix
 * `A123 BCD`, suffix `ABC 123D`, and dateless `ABC 123` only after a word such as "registration".
 */
export function isVehicleRegistration(text: string, start: number, value: string): boolean {
  const compact = value.replace(/[ \t]/g, '');
  const context = () => VEHICLE_CONTEXT.test(text.slice(Math.max(0, start - 40), start));
  let m: RegExpExecArray | null;
  if ((m = /^([A-Za-z]{2})(\d{2})([A-Za-z]{3})$/.exec(compact))) {
    const letters = m[1] + m[3];
    const upper = letters === letters.toUpperCase();
    if (!upper && letters !== letters.toLowerCase()) return false;
    // area letters: no I, Q or Z; the three random letters: no I or Q
    if (!/^[A-HJ-PR-Y]{2}[A-HJ-PR-Z]{3}$/.test(letters.toUpperCase())) return false;
    const age = +m[2];
    if (!((age >= 2 && age <= 29) || (age >= 51 && age <= 79))) return false;
    return upper || context();
  }
  if (value !== value.toUpperCase()) return false;
  if ((m = /^([A-Z])(\d{1,3})([A-Z]{3})$/.exec(compact))) {
    if (/[IOQUZ]/.test(m[1]) || m[2][0] === '0' || /[IQ]/.test(m[3])) return false;
    return context() || !vehicleStopWords().has(m[3]);
  }
  if ((m = /^([A-Z]{3})(\d{1,3})([A-Z])$/.exec(compact))) {
    if (/[IQ]/.test(m[1]) || m[2][0] === '0' || /[IOQUZ]/.test(m[3])) return false;
    return context() || !vehicleStopWords().has(m[1]);
  }
  if ((m = /^([A-Z]{3})(\d{1,3})$/.exec(compact))) {
    if (/[IQ]/.test(m[1]) || m[2][0] === '0') return false;
    return context() && !vehicleStopWords().has(m[1]);
  }
  return false;
}

// ---------------------------------------------------------------- police references

const CRIME_TOKEN = /[A-Za-z0-9][A-Za-z0-9/-]*[A-Za-z0-9]|\d/y;
const CAD_DATE = /[ \t]+(?:of[ \t]+|on[ \t]+|dated[ \t]+)?\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)/y;

/**
 * After "CAD", "CRN", "URN", "crime reference", "incident number", "log number": the reference that
 * follows (a token with at least three digits, and for log numbers the date that often follows it).
 */
export function referenceAfterKeyword(text: string, pos: number): Range | undefined {
  const p = skipLink(text, pos);
  CRIME_TOKEN.lastIndex = p;
  const m = CRIME_TOKEN.exec(text);
  if (!m) return undefined;
  let tok = m[0];
  let end = p + tok.length;
  // "1234 5678" (a number in two groups) reads on
  const more = /^[ \t]\d{3,}(?![\w/])/.exec(text.slice(end, end + 12));
  if (/^\d+$/.test(tok) && more) {
    tok += more[0];
    end += more[0].length;
  }
  if ((tok.match(/\d/g)?.length ?? 0) < 3) return undefined;
  CAD_DATE.lastIndex = end;
  const d = CAD_DATE.exec(text);
  if (d && /^\d+$/.test(tok)) end += d[0].length;
  return [p, end];
}

// ---------------------------------------------------------------- e-mail addresses written out

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOT_WORD = '(?:[ \\t]+(?:dot|DOT|Dot)[ \\t]+|[ \\t]*[[({<][ \\t]*(?:dot|DOT)[ \\t]*[\\])}>][ \\t]*)';
const SPELLED_DOMAIN = new RegExp(`${LABEL}(?:(?:\\.|${DOT_WORD})${LABEL})+`, 'y');
const DOT_WORD_END = new RegExp(`${DOT_WORD}$`);
const LOCAL_TAIL = /[A-Za-z0-9._%+-]+$/;
/** " at ", " AT ", "[at]", "(at)", "{at}", "<at>", "[ at ]": one pass finds them all. */
const AT_MARKER = /[[({<][ \t]?(?:at|AT)[ \t]?[\])}>]| (?:at|AT|At) /g;

/**
 * E-mail addresses written to dodge a search: `jo.bloggs at example dot com`, `jo.bloggs [at] example
 * [dot] com`, `jo(at)example(dot)co(dot)uk`. Plain " at " counts only when the domain spells out
 * "dot", or when the part before it looks like an address (a dot, digit, underscore: `jo.bloggs at
 * example.com`); a bracketed [at] always does.
 */
export function scanSpelledEmails(text: string): Range[] {
  const out: Range[] = [];
  AT_MARKER.lastIndex = 0;
  for (let at = AT_MARKER.exec(text); at; at = AT_MARKER.exec(text)) {
    const i = at.index;
    const marker = at[0];
    AT_MARKER.lastIndex = i + marker.length - 1; // the space after " at " may start the next marker
    const bracket = marker.trim().length > 2;
    let ms = i;
    let me = i + marker.length;
    if (bracket) {
      while (ms > 0 && (text[ms - 1] === ' ' || text[ms - 1] === '\t')) ms--;
      while (me < text.length && (text[me] === ' ' || text[me] === '\t')) me++;
    }
    SPELLED_DOMAIN.lastIndex = me;
    const dm = SPELLED_DOMAIN.exec(text);
    if (!dm) continue;
    const domain = dm[0];
    const tld = /[A-Za-z0-9-]+$/.exec(domain)![0];
    if (!/^[A-Za-z]{2,6}$/.test(tld)) continue;
    const spelled = /dot/i.test(domain.replace(/[A-Za-z0-9-]+$/, '').replace(/^[A-Za-z0-9-]+/, '')) || /\s/.test(domain);
    // the local part, backwards, across spelled-out dots
    let ls = ms;
    let local = '';
    for (let hops = 0; hops < 4; hops++) {
      const t = LOCAL_TAIL.exec(text.slice(Math.max(0, ls - 64), ls));
      if (!t) break;
      ls -= t[0].length;
      local = t[0] + local;
      const d = DOT_WORD_END.exec(text.slice(Math.max(0, ls - 12), ls));
      if (!d || !/[A-Za-z0-9]/.test(text[ls - d[0].length - 1] ?? '')) break;
      ls -= d[0].length;
      local = '.' + local;
    }
    while (local && /^[._%+-]/.test(local)) {
      local = local.slice(1);
      ls++;
    }
    if (local.length < 2 || !/[A-Za-z]/.test(local) || local.endsWith('.')) continue;
    if (/^(?:[A-Za-z]\.)+[A-Za-z]?$/.test(local)) continue; // e.g, i.e
    if (!bracket) {
      const addressLike = /[._+\d-]/.test(local);
      // "jbloggs at example dot com", not "she was at school dot com"; "jo.bloggs at example.com", not "logged in at example.com"
      if (spelled ? !addressLike && anonData().commonWords.has(local.toLowerCase()) : !addressLike || /^www\./i.test(domain)) continue;
    }
    out.push([ls, me + domain.length]);
  }
  return out.sort((a, b) => a[0] - b[0]).filter((r, k, all) => k === 0 || r[0] >= all[k - 1][1]);
}
