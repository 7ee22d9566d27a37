/**
 * The person-name part of the shared scan (patterns.ts): what the combined regular expression's
 * name branches found, read into a candidate with its words. Four forms:
 *
 * - `title`: a title or rank, optional initials, then a surname ("Mrs Patel", "Ms G. Green",
 *   "Mr J Hollis", "DCI Okafor-Lyle", "PC HUGHES");
 * - `given-name`: a given name from data/given-names.txt, then a capitalised word ("Sarah Jones",
 *   "Tom Field", "Mark SMITH");
 * - `caps`: both in capitals ("SARAH JONES"), the first a given name;
 * - `surname-first`: a surname in capitals, a comma, then a given name ("JONES, Sarah").
 *
 * Only the words are read here; whether they are a name (ordinary words, declared and allowed
 * names, pseudonyms) is decided by anon/person-name with the review's context (names.ts).
 */
import { anonData, dataList } from './data.js';

export type NameForm = 'title' | 'given-name' | 'caps' | 'surname-first';

export interface NameCandidate {
  start: number;
  end: number;
  form: NameForm;
  /** The title or rank ("Mrs"), for the title form. */
  title?: string;
  /** Initials between a title and the surname ("G."), for the title form. */
  initials?: string[];
  /** The name's words in reading order: given name(s) then surname(s); surname first for `surname-first`. */
  words: string[];
  /** The first two words are on different lines (a wrapped line, a new list item or table cell). */
  wrapped?: boolean;
  /** Where the scan goes on from, when not `end` (after "JONES, Sarah" the given name may start another name). */
  resume?: number;
}

/** The regular-expression branches (named groups) that find name candidates, for the combined scan. */
export function nameBranches(titlesAlternation: string): string[] {
  const UP = 'A-ZÀ-ÖØ-Þ';
  const LO = 'a-zß-öø-ÿ';
  return [
    // a title or rank, optional initials, then a capitalised or upper-case word
    `(?<title>\\b(?:${titlesAlternation})\\b\\.?(?=(?:[ \\t]+|\\r?\\n[ \\t>]*)(?:\\d{2,6}[ \\t]+)?(?:[A-Z]\\.?[ \\t]+){0,2}[${UP}](?:[${LO}]|['’][${UP}]|[${UP}]{1,}\\b)))`,
    // a capitalised word before another capitalised or upper-case word (checked against the given names)
    `(?<cap>\\b[A-Z][${LO}]+(?:-[A-Z][${LO}]+)?(?![${LO}])(?=(?:[ \\t]+|\\r?\\n[ \\t>]*)[${UP}](?:[${LO}]|['’][${UP}]|[${UP}]+\\b)))`,
    // an upper-case word before another ("SARAH JONES") or before a comma and a given name ("JONES, Sarah")
    `(?<caps>\\b[A-Z]{2,}(?:['’-][A-Z]{2,})?(?:(?=[ \\t]+[A-Z]{2,}\\b)|,(?=[ \\t]+[A-Z][${LO}A-Z])))`,
  ];
}

const NEXT_WORD = /(?:[ \t]+|\r?\n[ \t>]*)([A-ZÀ-ÖØ-Þ](?:[A-Za-zß-öø-ÿ'’]*[a-zß-öø-ÿ]|[A-ZÀ-ÖØ-Þ'’]*[A-ZÀ-ÖØ-Þ])(?:-[A-ZÀ-ÖØ-Þ](?:[A-Za-zß-öø-ÿ'’]*[a-zß-öø-ÿ]|[A-ZÀ-ÖØ-Þ]+))?)(?![A-Za-zß-öø-ÿ])/y;
const SAME_LINE_WORD = /[ \t]+([A-ZÀ-ÖØ-Þ](?:[A-Za-zß-öø-ÿ'’]*[a-zß-öø-ÿ]|[A-ZÀ-ÖØ-Þ'’]*[A-ZÀ-ÖØ-Þ])(?:-[A-ZÀ-ÖØ-Þ](?:[A-Za-zß-öø-ÿ'’]*[a-zß-öø-ÿ]|[A-ZÀ-ÖØ-Þ]+))?)(?![A-Za-zß-öø-ÿ])/y;
const INITIALS = /(?:[ \t]+([A-Z])(?:\.|(?=[ \t])))/y;

/** Reads the capitalised word after `pos` (a possessive 's dropped). `wrap`: the word may start on the next line. */
function nextWord(text: string, pos: number, wrap = true): { word: string; end: number } | undefined {
  const re = wrap ? NEXT_WORD : SAME_LINE_WORD;
  re.lastIndex = pos;
  const m = re.exec(text);
  if (!m) return undefined;
  let word = m[1];
  let end = pos + m[0].length;
  const poss = /['’][sS]?$/.exec(word);
  if (poss) {
    word = word.slice(0, -poss[0].length);
    end -= poss[0].length;
  }
  return word.length >= 2 ? { word, end } : undefined;
}

let CALENDAR: Set<string> | undefined;

/** Months, days and festivals: never part of a name ("Rosalind Teague November 2024" on a cover page). */
export function calendarWords(): Set<string> {
  return CALENDAR ??= new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
    'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
    'christmas', 'easter', 'ramadan', 'eid', 'diwali', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
    'oct', 'nov', 'dec']);
}

/** The title-case form of a word ("SARAH" → "Sarah", "OKAFOR-LYLE" → "Okafor-Lyle"). */
export function titleCase(w: string): string {
  return w.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** True when the word is in the given-name list (as written, title-cased, or without diacritics). */
export function isGivenName(w: string): boolean {
  const g = anonData().givenNames;
  // (a word with a lower-case ASCII letter is not in capitals; an ASCII word has no diacritics to
  // strip: both tests are made without a new string in the common case, an ordinary word)
  const t = !/[a-z]/.test(w) && w === w.toUpperCase() ? titleCase(w) : w;
  return g.has(t) || (!/^[\x00-\x7f]*$/.test(t) && g.has(t.normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
}

/** Up to two more words of the same name on the same line (a middle name, a double surname). */
function moreWords(text: string, words: string[], last: number): number {
  const common = anonData().commonWords;
  const cal = calendarWords();
  for (let k = 0; k < 2; k++) {
    const more = nextWord(text, last, false);
    if (!more) break;
    const low = more.word.toLowerCase();
    if (cal.has(low) || (common.has(low) && !anonData().surnameWords.has(low)) || notSurnameWords().has(low) || institutionWords().has(low)) break;
    words.push(more.word);
    last = more.end;
  }
  return last;
}

let NOT_SURNAME: Set<string> | undefined;
let INSTITUTION: Set<string> | undefined;
let ACRONYMS: Set<string> | undefined;

export function notSurnameWords(): Set<string> {
  return NOT_SURNAME ??= new Set(dataList('not-surnames'));
}
/** Words naming an institution or a place (data/institution-words.txt, and street types that are not surnames). */
export function institutionWords(): Set<string> {
  if (!INSTITUTION) {
    const d = anonData();
    INSTITUTION = new Set(dataList('institution-words'));
    for (const t of d.streetTypes) if (t.length > 3 && !d.surnameWords.has(t.toLowerCase())) INSTITUTION.add(t.toLowerCase());
  }
  return INSTITUTION;
}
export function acronyms(): Set<string> {
  return ACRONYMS ??= new Set(dataList('acronyms'));
}

/**
 * Reads a name candidate at a match of one of the name branches. Returns undefined when there is no
 * name to read (the capitalised word is not a given name, nothing follows a title).
 */
export function readName(text: string, group: 'title' | 'cap' | 'caps', start: number, end: number): NameCandidate | undefined {
  const first = text.slice(start, end);
  if (group === 'title') {
    const initials: string[] = [];
    let pos = end;
    // a collar number between a rank and the surname ("PC 1234 Jones")
    const collar = /^[ \t]+\d{2,6}(?=[ \t]+[A-Z])/.exec(text.slice(end, end + 12));
    if (collar) pos += collar[0].length;
    for (let k = 0; k < 2; k++) {
      INITIALS.lastIndex = pos;
      const m = INITIALS.exec(text);
      if (!m) break;
      // an initial is followed by a capitalised word, not the end of the sentence ("Mr A." then a new sentence)
      if (!nextWord(text, pos + m[0].length, false)) break;
      initials.push(m[1]);
      pos += m[0].length;
    }
    const n = nextWord(text, pos, initials.length === 0);
    if (!n) return undefined;
    const words = [n.word];
    const last = moreWords(text, words, n.end);
    return { start, end: last, form: 'title', title: first.replace(/\.$/, ''), initials, words };
  }
  if (group === 'cap') {
    if (!isGivenName(first)) return undefined;
    const n = nextWord(text, end);
    if (!n) return undefined;
    const words = [first, n.word];
    const last = moreWords(text, words, n.end);
    const wrapped = /\n/.test(text.slice(end, n.end - n.word.length));
    return { start, end: last, form: 'given-name', words, wrapped };
  }
  // upper case: "JONES, Sarah" or "SARAH JONES"
  if (first.endsWith(',')) {
    const n = nextWord(text, end, false);
    if (!n || !isGivenName(n.word)) return undefined;
    return { start, end: n.end, form: 'surname-first', words: [first.slice(0, -1), n.word], resume: n.end - n.word.length };
  }
  if (!isGivenName(first)) return undefined;
  const n = nextWord(text, end, false);
  if (!n || n.word !== n.word.toUpperCase()) return undefined;
  const words = [first, n.word];
  return { start, end: n.end, form: 'caps', words };
}
