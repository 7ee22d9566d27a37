/**
 * One pass over a text for every pattern rule (issue 7: linting must stay within a few times the
 * parse time). A single combined regular expression finds candidates for street
 * addresses, National Insurance numbers, postcodes, digit runs (NHS numbers and phone numbers),
 * birth keywords and personal names; small checks then confirm each candidate (modulus 11,
 * prefix rules, number lengths). E-mail addresses are found from each "@" (a regular expression
 * that must try every word start for a local part costs more than all the others together). Results are cached per file, so the eight anon rules share one scan.
 */
import type { SourceFile } from '../../review/model.js';
import { anonData } from './data.js';
import { nameBranches, readName, type NameCandidate } from './name-scan.js';

export type PatternKind =
  | 'email' | 'nhs-number' | 'nino' | 'postcode' | 'phone' | 'date-of-birth' | 'street-address' | 'person-name';

export interface PatternMatch {
  kind: PatternKind;
  /** Offsets [start, end) in the scanned text. */
  start: number;
  end: number;
  /** person-name only: the candidate's form and words (name-scan.ts). */
  name?: NameCandidate;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';

/** A full date (day, month and year) at the start of a string. Month and year alone, or a year, do not count. */
export const FULL_DATE_RE = new RegExp(
  '^(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?![\\d/.-]?\\d)'
  + '|\\d{4}-\\d{1,2}-\\d{1,2}(?!\\d)'
  + `|\\d{1,2}(?:st|nd|rd|th)?(?:[ \\t]+of)?[ \\t]+(?:${MONTHS})\\.?,?[ \\t]+\\d{4}(?!\\d)`
  + `|(?:${MONTHS})\\.?[ \\t]+\\d{1,2}(?:st|nd|rd|th)?,?[ \\t]+\\d{4}(?!\\d))`, 'i');

/** Words that may sit between a birth keyword and the date ("born on the", "DOB is recorded as"). */
const DOB_LINK = /^(?:is|was|on|the|of|given|recorded|as|shown|stated|noted|listed)$/i;

let combined: RegExp | undefined;

function combinedRe(): RegExp {
  if (combined) return combined;
  const d = anonData();
  const types = [...d.streetTypes].sort((a, b) => b.length - a.length).map(esc).join('|');
  const titles = [...d.titles].sort((a, b) => b.length - a.length).map(esc).join('|');
  const src = [
    // street address: house number, one to three capitalised words, a street type ("Flat 2," is added below)
    `(?<street>(?<![\\w.,/:£$€-])\\d{1,4}[A-Za-z]?,?[ \\t]+(?:[A-Z][A-Za-z'’-]*[ \\t]+){1,3}(?:${types})\\b(?!['’]s?\\b))`,
    // National Insurance number: two prefix letters (valid letters), six digits, suffix A-D
    '(?<nino>\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ \\t]?\\d{2}[ \\t]?\\d{2}[ \\t]?\\d{2}[ \\t]?[A-D]\\b)',
    // UK postcode with its inward code
    '(?<postcode>\\b(?:GIR[ \\t]?0AA|[A-PR-UWYZ](?:\\d[A-HJKPSTUW\\d]?|[A-HK-Y]\\d[ABEHMNPRV-Y\\d]?)[ \\t]?\\d[ABD-HJLNP-UW-Z]{2})\\b)',
    // a run of digits with spaces, dashes, dots or brackets: NHS number or phone number, decided below
    // (at least ten digits: dates, times and counts are not even candidates)
    '(?<digits>(?<![\\w£$€@.,/:+-])(?:\\+44[ \\t]?(?:\\(0\\)[ \\t]?)?|\\()?\\d(?:[ \\t.()-]{0,2}\\d){9,}\\)?)',
    // a birth keyword: the date must follow it (checked below)
    '(?<dob>\\b(?:[Bb]orn|BORN|DOB|[Dd]ob|D\\.O\\.B|d\\.o\\.b|[Dd]ate [Oo]f [Bb]irth|DATE OF BIRTH|[Bb]irth ?[Dd]ate|[Bb]irthday)\\.?(?![A-Za-z]))',
    // personal names: a title, a given name, names in capitals (name-scan.ts)
    ...nameBranches(titles),
  ].join('|');
  combined = new RegExp(src, 'g');
  return combined;
}

/** NHS number check digit (modulus 11). */
export function nhsChecksumOk(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

const BAD_NINO_PREFIX = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

/** A National Insurance number with a valid prefix (spaces allowed). */
export function isNino(s: string): boolean {
  const c = s.replace(/[ \t]/g, '').toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(c)) return false;
  return !BAD_NINO_PREFIX.has(c.slice(0, 2));
}

interface Group {
  digits: string;
  /** Offset just after the group, relative to the run. */
  end: number;
}

/** UK number (national form, leading 0): 01/02/03/07/08 with the lengths those ranges use. */
export function isUkPhoneNational(n: string): boolean {
  if (!/^0\d+$/.test(n)) return false;
  switch (n[1]) {
    case '1': return n.length === 10 || n.length === 11;
    case '2': case '3': case '7': return n.length === 11;
    case '8': return n.length === 10 || n.length === 11;
    default: return false;
  }
}

/**
 * Decides what a digit run is: an NHS number (10 digits, as one block or 3-3-4, passing modulus 11),
 * a UK phone number, or neither (dates, times, money, counts, 999/111). Tries the whole run first,
 * then shorter runs of leading groups, so "01632 960001 2 times" still finds the number.
 */
export function classifyDigits(raw: string): { kind: 'nhs-number' | 'phone'; length: number } | undefined {
  let intl = false;
  let from = 0;
  if (raw.startsWith('+44')) {
    intl = true;
    from = 3;
  }
  const groups: Group[] = [];
  const re = /\d+/g;
  re.lastIndex = from;
  for (let m = re.exec(raw); m; m = re.exec(raw)) groups.push({ digits: m[0], end: m.index + m[0].length });
  if (intl && groups.length > 1 && groups[0].digits === '0') groups.shift();
  let total = 0;
  for (const g of groups) total += g.digits.length;
  if (total < 10) return undefined;
  for (let n = groups.length; n >= 1; n--) {
    const gs = groups.slice(0, n);
    const d = gs.map((g) => g.digits).join('');
    if (d.length < 10) break;
    let end = gs[n - 1].end;
    const used = raw.slice(0, end);
    if (raw[end] === ')' && used.split('(').length > used.split(')').length) end++;
    if (!intl && d.length === 10 && d[0] !== '0') {
      const lens = gs.map((g) => g.digits.length).join('-');
      if ((lens === '10' || lens === '3-3-4') && nhsChecksumOk(d)) return { kind: 'nhs-number', length: end };
    }
    const national = intl ? '0' + d : d;
    if (gs.length <= 4 && gs.every((g) => g.digits.length >= 2) && (intl || gs[0].digits.length >= 3)
      && isUkPhoneNational(national)) {
      return { kind: 'phone', length: end };
    }
  }
  return undefined;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** After a birth keyword: the span of the date it introduces, or undefined. */
function dateAfterKeyword(text: string, pos: number): [number, number] | undefined {
  let p = pos;
  let breaks = 0;
  const limit = Math.min(text.length, pos + 60);
  for (let hops = 0; hops < 6 && p < limit; hops++) {
    while (p < limit && (isSpace(text.charCodeAt(p)) || /[:;,.()[\]=–—-]/.test(text[p]))) {
      if (text.charCodeAt(p) === 10 && ++breaks > 1) return undefined; // a blank line ends the paragraph
      p++;
    }
    const w = /^[A-Za-z]+/.exec(text.slice(p, p + 12));
    if (w && DOB_LINK.test(w[0])) {
      p += w[0].length;
      continue;
    }
    break;
  }
  const m = FULL_DATE_RE.exec(text.slice(p, p + 40));
  return m ? [p, p + m[0].length] : undefined;
}

/** Scans a text once for every pattern. */
export function scanText(text: string): PatternMatch[] {
  const re = combinedRe();
  const out: PatternMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    if (g.street !== undefined) {
      const flat = FLAT_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
      out.push({ kind: 'street-address', start: flat ? start - flat[0].length : start, end });
    }
    else if (g.nino !== undefined) {
      if (isNino(m[0])) out.push({ kind: 'nino', start, end });
    } else if (g.postcode !== undefined) out.push({ kind: 'postcode', start, end });
    else if (g.digits !== undefined) {
      const c = classifyDigits(m[0]);
      if (c) {
        // "(943 476 5919)": the bracket belongs to the sentence, not to the number
        // ("(01632) 960001" keeps its brackets: they hold the area code)
        let from = start;
        let to = start + c.length;
        if (m[0][0] === '(' && !/^\(\d+\)/.test(m[0])) {
          from++;
          if (text[to - 1] === ')') to--;
        }
        out.push({ kind: c.kind, start: from, end: to });
        re.lastIndex = start + c.length;
      }
    } else if (g.dob !== undefined) {
      const d = dateAfterKeyword(text, end);
      if (d) {
        out.push({ kind: 'date-of-birth', start: d[0], end: d[1] });
        re.lastIndex = d[1];
      }
    } else {
      const group = g.title !== undefined ? 'title' : g.cap !== undefined ? 'cap' : 'caps';
      const name = readName(text, group, start, end);
      if (!name) continue;
      out.push({ kind: 'person-name', start, end: name.end, name });
      re.lastIndex = name.resume ?? name.end;
    }
  }
  const emails = scanEmails(text);
  if (emails.length === 0) return out;
  // an e-mail address wins over anything found inside it (digits, a name in the local part)
  const kept = out.filter((m) => !emails.some((e) => m.start < e.end && m.end > e.start));
  return [...kept, ...emails].sort((a, b) => a.start - b.start);
}

const FLAT_BEFORE = /\b(?:Flat|FLAT|Apartment|Apt|Unit|Room)\.?[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+$/;
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const EMAIL_RE = /^[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

/** E-mail addresses, found from each "@" outwards. */
export function scanEmails(text: string): PatternMatch[] {
  const out: PatternMatch[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let a = at;
    while (a > 0 && LOCAL_CHAR.test(text[a - 1])) a--;
    while (a < at && !/[A-Za-z0-9]/.test(text[a])) a++;
    let b = at + 1;
    while (b < text.length && DOMAIN_CHAR.test(text[b])) b++;
    while (b > at + 1 && !/[A-Za-z]/.test(text[b - 1])) b--;
    if (a < at && EMAIL_RE.test(text.slice(a, b))) out.push({ kind: 'email', start: a, end: b });
  }
  return out;
}

const fileCache = new WeakMap<SourceFile, PatternMatch[]>();

/** The scan of a file, computed once and shared by every pattern rule. */
export function scanFile(file: SourceFile): PatternMatch[] {
  let hit = fileCache.get(file);
  if (!hit) {
    hit = scanText(file.text);
    fileCache.set(file, hit);
  }
  return hit;
}
