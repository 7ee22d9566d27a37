/**
 * One pass over a text for every pattern rule (issue 7: linting must stay within a few times the
 * parse time). A single combined regular expression finds candidates for street addresses, National
 * Insurance numbers, postcodes, vehicle registrations, IBANs, police references, digit runs (NHS and
 * CHI numbers, phone numbers, sort code and account), birth keywords and personal names; small checks
 * then confirm each candidate (modulus 11 and 97, prefix rules, number lengths; identifiers.ts reads
 * what follows a house number). Every alternative of that expression starts with a digit, a capital or
 * one of few lower-case letters, so the engine skips most text without trying them: lower-case NI
 * numbers, postcodes and registrations are matched from their first digit, and two light passes of
 * their own find keyword-led numbers ("NHS number …", "sort code …", "crime reference …") and
 * e-mail addresses (from each "@", and spelled out with "at"/"dot"). Results are cached per file, so
 * the anon rules share one scan. */
import type { SourceFile } from '../../review/model.js';
import { anonData } from './data.js';
import { adoptScans, takeOffloadedScan } from './scan-offload.js';
import { nameBranches, readName, type NameCandidate } from './name-scan.js';
import {
  ibanAt, isDdmmyy, isVehicleRegistration, scanKeywordNumbers, scanSpelledEmails, streetAfterNumber,
} from './identifiers.js';

export type PatternKind =
  | 'email' | 'nhs-number' | 'nino' | 'postcode' | 'phone' | 'date-of-birth' | 'street-address' | 'person-name'
  | 'vehicle-registration' | 'bank-account' | 'crime-reference';

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

/**
 * A full date (day, month and year) at the start of a string: `03/03/1987`, `3/3/87`, `1987-03-03`,
 * `1987/03/03`, `3 March 1987`, clinical `03-Mar-1987` and `03Mar1987`, `March 3, 1987`. Month and
 * year alone, or a year, do not count.
 */
export const FULL_DATE_RE = new RegExp(
  '^(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?![\\d/.-]?\\d)'
  + '|\\d{4}[/.-]\\d{1,2}[/.-]\\d{1,2}(?![\\d/.-]?\\d)'
  + `|\\d{1,2}(?:st|nd|rd|th)?(?:[ \\t]+of)?(?:[ \\t]+|[ \\t]*[/.-][ \\t]*|)(?:${MONTHS})(?![a-z])\\.?,?(?:[ \\t]+|[ \\t]*[/.-][ \\t]*|)(?:\\d{4}|\\d{2})(?![\\d:])`
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
    // lower-case NI numbers, postcodes and registrations, matched from their first digit with the letters
    // looked up behind it: an alternative that could start at any lower-case letter would make the
    // engine try the whole expression at every letter of the text (four times slower)
    '(?<ninolow>\\d(?<=\\b[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z][ \\t-]?\\d)\\d[ \\t-]?\\d{2}[ \\t-]?\\d{2}[ \\t-]?[a-dA-D]\\b)',
    '(?<pclow>\\d(?<=\\b[a-pr-uwyz][a-hk-y]?\\d)[a-hjkmnpr-y\\d]?[ \\t\\u00a0]{0,3}\\d[abd-hjlnp-uw-z]{2}\\b)',
    '(?<vrmlow>\\d(?<=\\b[a-z]{2}\\d)\\d[ \\t]?[a-z]{3}\\b)',
    // street address: a house number before a word; streetAfterNumber reads the street name and type
    '(?<street>(?<![\\w.,/:£$€-])\\d{1,4}[A-Za-z]?,?[ \\t]+(?=[A-Za-z]))',
    // National Insurance number: two prefix letters (valid letters), six digits, suffix A-D; spaces or dashes
    '(?<nino>\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ \\t-]?\\d{2}[ \\t-]?\\d{2}[ \\t-]?\\d{2}[ \\t-]?[A-Da-d]\\b)',
    // UK postcode with its inward code, up to three spaces between
    '(?<postcode>\\b(?:GIR[ \\t\\u00a0]{0,3}0AA|[A-PR-UWYZ](?:\\d[A-HJKPSTUW\\d]?|[A-HK-Y]\\d[ABEHMNPRV-Y\\d]?)[ \\t\\u00a0]{0,3}\\d[ABD-HJLNP-UW-Z]{2})\\b)',
    // police references by their shape: 54/12345/21, AB/12345/21
    '(?<crimeref>(?:\\d(?<![\\w/]\\d)\\d|[A-Z](?<![\\w/][A-Z])[A-Z]{1,2})\\/\\d{5,7}\\/\\d{2}(?![\\w/]))',
    // sort code and account number together: 12-34-56 12345678
    '(?<sortacct>\\d(?<![\\w.,/:-]\\d)\\d(?<sep>[- ])\\d{2}\\k<sep>\\d{2}[ \\t,;:/]{1,3}\\d{8}(?!\\w))',
    // a run of digits with spaces, dashes, dots or brackets: NHS number or phone number, decided below
    // (at least ten digits: dates, times and counts are not even candidates); +44, 0044, (+44), +44 (0)
    '(?<digits>(?<![\\w£$€@.,/:+-])(?:\\(?(?:\\+|00)[ \\t]?44\\)?[ \\t.-]?(?:\\(0\\)[ \\t.-]?)?|\\()?\\d(?:[ \\t.()-]{0,2}\\d){9,}\\)?)',
    // a birth keyword: the date must follow it (checked below)
    '(?<dob>\\b(?:(?:[Bb]orn|BORN|[Dd]\\.?[Oo]\\.?[Bb]|[Dd]ate [Oo]f [Bb]irth|DATE OF BIRTH|[Bb]irth ?[Dd]ate|[Bb]irthday)\\.?(?![A-Za-z])|b\\.(?=[ \\t]?\\d)))',
    // IBAN: two capitals, two check digits and at least four more characters (mod 97, below)
    '(?<iban>\\b[A-Z]{2}\\d{2}(?=[ ]?[A-Z0-9]{4}))',
    // vehicle registration: current AB12 CDE, prefix A123 BCD, suffix ABC 123D, dateless ABC 123 (below)
    '(?<vrm>\\b(?:[A-Z]{2}\\d{2}[ \\t]?[A-Z]{3}|[A-Z]\\d{1,3}[ \\t]?[A-Z]{3}|[A-Z]{3}[ \\t]?\\d{1,3}[A-Z]?)\\b)',
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

/** A National Insurance number with a valid prefix (spaces or dashes allowed, any case). */
export function isNino(s: string): boolean {
  const c = s.replace(/[ \t-]/g, '').toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(c)) return false;
  return !BAD_NINO_PREFIX.has(c.slice(0, 2));
}

/** Two-letter English words: in lower case and spaced ("on 12 03 21 a"), they are not an NI prefix. */
const SMALL_WORDS = new Set(['am', 'an', 'as', 'at', 'be', 'by', 'go', 'he', 'me', 'my', 'no', 'of', 'on', 'or', 'so', 'to', 'up', 'us', 'we', 'ok', 'pm']);

/** A NI number as found in text: isNino, and not a lower-case small word before spaced digits. */
function isNinoInText(s: string): boolean {
  if (!isNino(s)) return false;
  const prefix = s.slice(0, 2);
  return !(prefix === prefix.toLowerCase() && /^[a-z]{2}[ \t]/.test(s) && SMALL_WORDS.has(prefix));
}

/** A postcode as found in text: its letters all in one case, and not "m5 4th" (an ordinal as the inward code). */
function isPostcodeInText(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '');
  if (letters === letters.toUpperCase()) return true;
  if (letters !== letters.toLowerCase()) return false;
  return !/(?:1st|2nd|3rd|\dth)$/.test(s);
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

const INTL_PREFIX = /^\(?(?:\+|00)[ \t]?44\)?/;

/** Ten or more single digits that count up or down (a scale "0 1 2 3 … 9"), not a number. */
function isCountingRun(d: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < d.length; i++) {
    const diff = d.charCodeAt(i) - d.charCodeAt(i - 1);
    if (diff !== 1 && diff !== -9) up = false;
    if (diff !== -1 && diff !== 9) down = false;
  }
  return up || down;
}

/**
 * Decides what a digit run is: an NHS number (10 digits, as one block or 3-3-4, passing modulus 11,
 * whatever its first digit), a Scottish CHI number (DDMMYY and four digits, modulus 11, in one block
 * or 6-4), a UK phone number (national, +44, 0044, +44 (0), every digit spaced), or neither (dates,
 * times, money, counts, 999/111). A 10-digit run that passes modulus 11 and is not a plausible UK
 * phone number is an NHS number. Tries the whole run first, then shorter runs of leading groups, so
 * "01632 960001 2 times" still finds the number.
 */
export function classifyDigits(raw: string): { kind: 'nhs-number' | 'phone'; length: number } | undefined {
  const prefix = INTL_PREFIX.exec(raw);
  const intl = prefix !== null;
  const from = prefix ? prefix[0].length : 0;
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
    // every digit spaced ("0 7 7 0 0 9 0 0 1 2 3"): read as one block, unless it counts up or down
    const spacedDigits = gs.length >= 10 && gs.every((g) => g.digits.length === 1) && !isCountingRun(d);
    if (!intl && d.length === 10) {
      const lens = gs.map((g) => g.digits.length).join('-');
      const chi = isDdmmyy(d);
      if ((lens === '10' || lens === '3-3-4' || (lens === '6-4' && chi)) && nhsChecksumOk(d)) {
        // a leading 0: a CHI number (birth date first), or an NHS number unless it is also a plausible phone number
        if (d[0] !== '0' || chi || !isUkPhoneNational(d)) return { kind: 'nhs-number', length: end };
      }
    }
    const national = intl ? '0' + d : d;
    const phoneGroups = spacedDigits
      || (gs.length <= 4 && gs.every((g) => g.digits.length >= 2) && (intl || gs[0].digits.length >= 3));
    if (phoneGroups && isUkPhoneNational(national)) return { kind: 'phone', length: end };
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
      const to = streetAfterNumber(text, end);
      if (to !== undefined) {
        const flat = FLAT_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
        out.push({ kind: 'street-address', start: flat ? start - flat[0].length : start, end: to });
        re.lastIndex = to;
      }
    } else if (g.ninolow !== undefined || g.pclow !== undefined || g.vrmlow !== undefined) {
      // the letters before the first digit belong to the match
      const back = /[A-Za-z]{1,2}[ \t-]?$/.exec(text.slice(Math.max(0, start - 3), start));
      const from = back ? start - back[0].length : start;
      const value = text.slice(from, end);
      if (g.ninolow !== undefined) {
        if (isNinoInText(value)) out.push({ kind: 'nino', start: from, end });
      } else if (g.pclow !== undefined) {
        if (isPostcodeInText(value)) out.push({ kind: 'postcode', start: from, end });
      } else if (isVehicleRegistration(text, from, value)) out.push({ kind: 'vehicle-registration', start: from, end });
    } else if (g.nino !== undefined) {
      if (isNinoInText(m[0])) out.push({ kind: 'nino', start, end });
    } else if (g.postcode !== undefined) {
      if (isPostcodeInText(m[0])) out.push({ kind: 'postcode', start, end });
    } else if (g.iban !== undefined) {
      const to = ibanAt(text, start);
      if (to !== undefined) {
        out.push({ kind: 'bank-account', start, end: to });
        re.lastIndex = to;
      } else re.lastIndex = start + 1;
    } else if (g.vrm !== undefined) {
      if (isVehicleRegistration(text, start, m[0])) out.push({ kind: 'vehicle-registration', start, end });
      else re.lastIndex = start + 1; // "NHS 999 063 8810": the digits after it are still read
    } else if (g.crimeref !== undefined) out.push({ kind: 'crime-reference', start, end });
    else if (g.sortacct !== undefined) out.push({ kind: 'bank-account', start, end });
    else if (g.digits !== undefined) {
      const c = classifyDigits(m[0]);
      if (c) {
        // "(943 476 5919)": the bracket belongs to the sentence, not to the number
        // ("(01632) 960001" keeps its brackets: they hold the area code)
        let from = start;
        let to = start + c.length;
        if (m[0][0] === '(' && !/^\((?:\d+|\+44)\)/.test(m[0])) {
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
  // keyword-led numbers ("NHS number …", "sort code …", "crime reference …") and e-mail addresses win
  // over anything found inside them (digits read as a phone number, a name in the local part)
  const first: PatternMatch[] = [
    ...scanKeywordNumbers(text),
    ...scanEmails(text),
    ...scanSpelledEmails(text).map(([a, b]): PatternMatch => ({ kind: 'email', start: a, end: b })),
  ];
  if (first.length === 0) return out;
  const kept = out.filter((m) => !first.some((e) => m.start < e.end && m.end > e.start));
  return [...kept, ...first].sort((a, b) => a.start - b.start);
}

const FLAT_BEFORE = /\b(?:[Ff]lat|FLAT|[Aa]partment|APARTMENT|[Aa]pt|[Uu]nit|UNIT|[Rr]oom|ROOM)\.?[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+$/;
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
adoptScans((file, scan) => {
  if (scan.scan && !fileCache.has(file)) fileCache.set(file, scan.scan as PatternMatch[]);
});

/** The scan of a file, computed once and shared by every pattern rule. */
export function scanFile(file: SourceFile): PatternMatch[] {
  let hit = fileCache.get(file);
  if (!hit) {
    takeOffloadedScan(file);
    hit = fileCache.get(file);
  }
  if (!hit) {
    hit = scanText(file.text);
    fileCache.set(file, hit);
  }
  return hit;
}
