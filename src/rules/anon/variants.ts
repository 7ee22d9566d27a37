/**
 * Other spellings of a registered identifier that are the same identifier to a reader, for the
 * identity register's matcher (matcher.ts adds each one's keys to the entry of the identifier, so
 * `anon/identity` reports them and `dhr redact` replaces them):
 *
 * - a registered address without its house number or flat ("14 Larkspur Close" → "Larkspur Close",
 *   and "Larkspur Cl"): the street alone still says where the person lived;
 * - a registered date of birth in the other ways dates are written: zero-padded day with a month
 *   name ("03 March 1987"), two-digit years ("03/03/87", "3 Mar 87", "03-Mar-87"), one side padded
 *   ("3/03/1987"), month first ("March 03, 1987"), so the date is found with or without a keyword;
 * - a registered phone number with the 0044 international prefix ("0044 7700 900123").
 *
 * The matcher already folds case, spacing and punctuation, so only the spellings that fold to a
 * different key are listed. Short all-digit forms ("3/3/87" → "3387") are left out: a four-digit
 * number is too often something else.
 */
import { isStreetType } from './identifiers.js';
import { dataList } from './data.js';
import { FULL_DATE_RE, isUkPhoneNational } from './patterns.js';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Street types and their usual abbreviations, both ways. */
const ABBREVIATIONS: Array<[string, string]> = [
  ['Street', 'St'], ['Road', 'Rd'], ['Lane', 'Ln'], ['Avenue', 'Ave'], ['Close', 'Cl'], ['Drive', 'Dr'], ['Crescent', 'Cres'],
  ['Court', 'Ct'], ['Place', 'Pl'], ['Gardens', 'Gdns'], ['Terrace', 'Tce'], ['Square', 'Sq'], ['Parade', 'Pde'], ['Grove', 'Gr'],
];

/** Day, month and year of a full date written in any form FULL_DATE_RE accepts, or undefined. */
export function parseFullDate(s: string): { d: number; m: number; y: number } | undefined {
  const t = s.trim();
  const hit = FULL_DATE_RE.exec(t);
  if (!hit || hit[0].length !== t.length) return undefined;
  let d: number;
  let m: number;
  let y: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(t))) [y, m, d] = [+r[1], +r[2], +r[3]];
  else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(t))) [d, m, y] = [+r[1], +r[2], +r[3]];
  else {
    const parts = t.toLowerCase().replace(/(\d)(st|nd|rd|th)\b/g, '$1').match(/[a-z]+|\d+/g) ?? [];
    const nums = parts.filter((w) => /^\d+$/.test(w));
    const mon = parts.find((w) => w.length >= 3 && MONTH_NAMES.some((n) => n.toLowerCase().startsWith(w)));
    if (!mon || nums.length !== 2) return undefined;
    m = MONTH_NAMES.findIndex((n) => n.toLowerCase().startsWith(mon)) + 1;
    // "3 March 1987" / "March 3, 1987": the day has one or two digits, the year two or four
    [d, y] = nums[0].length <= 2 && (nums[1].length === 4 || nums.indexOf(nums[0]) === 0) ? [+nums[0], +nums[1]] : [+nums[1], +nums[0]];
  }
  if (y < 100) y += y > 30 ? 1900 : 2000;
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  return { d, m, y };
}

function dateVariants(id: string): string[] {
  const p = parseFullDate(id);
  if (!p) return [];
  const { d, m, y } = p;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const yy = p2(y % 100);
  const name = MONTH_NAMES[m - 1];
  const short = name.slice(0, 3);
  const out = [
    `${p2(d)} ${name} ${y}`, `${p2(d)} ${short} ${y}`, `${p2(d)}-${short}-${y}`,
    `${d} ${name} ${yy}`, `${d} ${short} ${yy}`, `${p2(d)} ${name} ${yy}`, `${p2(d)}-${short}-${yy}`,
    `${p2(d)}/${p2(m)}/${yy}`, `${d}/${m}/${yy}`, `${p2(d)}/${m}/${yy}`, `${d}/${p2(m)}/${yy}`,
    `${p2(d)}/${m}/${y}`, `${d}/${p2(m)}/${y}`, `${y}/${m}/${d}`,
    `${name} ${p2(d)}, ${y}`, `${short} ${p2(d)}, ${y}`,
  ];
  // a short all-digit form is too often something else ("3387")
  return out.filter((v) => /[A-Za-z]/.test(v) || v.replace(/\D/g, '').length >= 5);
}

function streetVariants(id: string): string[] {
  const m = /^(?:(?:flat|apartment|apt|unit|room)\.?[ \t]*\d+[a-z]?,?[ \t]+)?\d{1,4}[a-z]?,?[ \t]+([^,\n]+?)[ \t]*(?:,.*)?$/i.exec(id.trim());
  if (!m) return [];
  const street = m[1];
  const words = street.split(/[ \t]+/);
  const last = words[words.length - 1].replace(/\.$/, '');
  const the = words.length === 2 && /^the$/i.test(words[0]) && dataList('street-the').some((w) => w.toLowerCase() === last.toLowerCase());
  if (words.length < 2 || (!isStreetType(last) && !the)) return [];
  const out = [street];
  for (const [long, abbr] of ABBREVIATIONS) {
    const other = last.toLowerCase() === long.toLowerCase() ? abbr : last.toLowerCase() === abbr.toLowerCase() ? long : undefined;
    if (!other) continue;
    const swapped = [...words.slice(0, -1), other].join(' ');
    out.push(swapped, id.trim().replace(street, swapped));
  }
  return out;
}

function phoneVariants(id: string): string[] {
  const t = id.trim();
  if (!/^[+\d\s().-]+$/.test(t)) return [];
  const digits = t.replace(/\D/g, '');
  let national = digits;
  if (t.startsWith('+44')) national = '0' + digits.slice(2).replace(/^0/, '');
  else if (t.startsWith('0044')) national = '0' + digits.slice(4).replace(/^0/, '');
  if (!isUkPhoneNational(national)) return [];
  return [`0044 ${national.slice(1)}`, `0044 (0)${national.slice(1)}`];
}

/** Other spellings of a registered identifier (see the file comment); empty when there are none. */
export function registeredVariants(identifier: string): string[] {
  return [...dateVariants(identifier), ...streetVariants(identifier), ...phoneVariants(identifier)];
}
