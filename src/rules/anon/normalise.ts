/**
 * What a reader reads: the text of a file as it renders, for the anonymisation rules to match,
 * with a map back to the original offsets so every finding still points at the file as written.
 *
 * Folded, in one left-to-right pass over only the places that need it:
 * - Unicode NFKC (full-width and mathematical letters, ligatures, non-breaking spaces);
 * - letters from other scripts that look like Latin ones (Cyrillic "а", Greek "ο", Cherokee "Ꭺ"…)
 *   folded to the Latin letter, from Unicode's confusables data (UTS #39, via the `unhomoglyph`
 *   package's copy of confusables.txt); only non-ASCII characters are folded, and only to ASCII;
 * - format characters (zero-width spaces and joiners, bidirectional marks, soft hyphens) and other
 *   default-ignorable characters removed;
 * - HTML character references decoded (`&#75;`, `&#x4B;`, `&amp;`, `&eacute;`…), then folded as above;
 * - HTML tags dropped: inline ones (`<span>`, `<b>`…) join what is on either side ("Jo<span>hn</span>"
 *   reads "John"), block ones (`<br>`, `<p>`, `<td>`…) leave a space;
 * - emphasis markers between two letters (`Jo**hn**`, `J_o_hn`, `Jo~~h~~n`) removed;
 * - percent-encoding (`Joanna%20Whitby` in a link's address) decoded, then folded as above.
 *
 * A file that is pure ASCII without `&`, `<`, `*`, `_`, `~` or `%` is its own view: no copy, no map
 * (issue 7: most of a large chronology is such text).
 *
 * A dropped tag with attributes (`<span title="…">`) takes its attribute text out of the view;
 * `lossy` says so, and callers then also scan the original text, so nothing the raw text would
 * show is lost.
 */
import { createRequire } from 'node:module';
import { characterEntities } from 'character-entities';

const require = createRequire(import.meta.url);

export interface TextView {
  /** The text as a reader reads it. */
  text: string;
  /** True when the view equals the original text (no edits). */
  identity: boolean;
  /** True when an edit dropped text that is not markup alone (tag attributes): scan the original too. */
  lossy: boolean;
  /** The original offset of the view offset `i`, as a start (inclusive). */
  toStart(i: number): number;
  /** The original offset of the view offset `i`, as an end (exclusive). */
  toEnd(i: number): number;
}

/** One replacement: original [from, to) became view [at, at + len). */
interface Edit {
  from: number;
  to: number;
  at: number;
  len: number;
}

const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'tbody', 'thead', 'tfoot', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'blockquote', 'section', 'article', 'header', 'footer', 'pre', 'dd', 'dt', 'dl', 'caption',
  'figure', 'figcaption', 'main', 'nav', 'aside', 'address', 'body', 'html', 'head', 'title',
]);

/**
 * Places that may need folding: percent-encoded bytes, a character reference, a tag, emphasis markers between letters,
 * any non-ASCII character (with the combining marks after it, or combining marks after an ASCII letter).
 */
// The letters around a run of emphasis markers, and a non-ASCII character's ASCII letter before,
// are looked at in readerView: an alternative that could start at any letter made the engine try
// every position of the text (five times the time on a 100,000-row chronology), and a look behind
// from the end of a run is quadratic in a long run of markers.
const TRIGGER = /%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*|&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)|<\/?([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)\/?>|[*_~]+|[^\x00-\x7f]\p{M}*/gu;

const LETTER = /^\p{L}$/u;

/** True when the code point that ends just before `i` is a letter. */
function letterBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const low = text.charCodeAt(i - 1);
  const at = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return LETTER.test(String.fromCodePoint(text.codePointAt(at)!));
}

/** True when the code point at `i` is a letter. */
function letterAt(text: string, i: number): boolean {
  return i < text.length && LETTER.test(String.fromCodePoint(text.codePointAt(i)!));
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Quick test: does a text need the full pass at all? */
const NEEDS = /[^\x00-\x7f]|[&<*_~%]/;

let confusables: Record<string, string> | undefined;

function confusableData(): Record<string, string> {
  if (!confusables) confusables = require('unhomoglyph/data.json') as Record<string, string>;
  return confusables;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** The Latin (ASCII) look-alike of one non-ASCII code point, or undefined. */
function latinOf(cp: string, upper: boolean): string | undefined {
  const t = confusableData()[cp];
  if (t === undefined || !PRINTABLE_ASCII.test(t)) return undefined;
  // the prototypes are chosen for comparing, not reading: "m"-likes map to "rn", "I"-likes to "l"
  if (t === 'rn') return 'm';
  if (t === 'l' && upper) return 'I';
  if (t.length === 1 && /[a-z]/.test(t) && upper) return t.toUpperCase();
  return t;
}

const IGNORABLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const clusterCache = new Map<string, string>();

/** What a reader reads for one character with its combining marks. */
export function foldCluster(s: string): string {
  let hit = clusterCache.get(s);
  if (hit !== undefined) return hit;
  let out = '';
  for (const ch of s.normalize('NFKC').normalize('NFD')) {
    if (IGNORABLE.test(ch)) continue;
    if (ch.charCodeAt(0) < 128) {
      out += ch;
      continue;
    }
    const upper = ch !== ch.toLowerCase();
    out += latinOf(ch, upper) ?? ch;
  }
  hit = out.normalize('NFC');
  if (clusterCache.size < 100_000) clusterCache.set(s, hit);
  return hit;
}

/** The character a reference stands for, or undefined when it is not one. */
function decodeReference(ref: string): string | undefined {
  if (ref[1] === '#') {
    const hex = ref[2] === 'x' || ref[2] === 'X';
    const n = parseInt(ref.slice(hex ? 3 : 2).replace(/;$/, ''), hex ? 16 : 10);
    if (!Number.isFinite(n)) return undefined;
    if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(n);
  }
  const name = ref.slice(1, -1);
  return Object.prototype.hasOwnProperty.call(characterEntities, name) ? (characterEntities as Record<string, string>)[name] : undefined;
}

const IDENTITY_VIEW = (text: string): TextView => ({ text, identity: true, lossy: false, toStart: (i) => i, toEnd: (i) => i });

/** The reader's view of a text (see the module comment). */
export function readerView(text: string): TextView {
  if (!NEEDS.test(text)) return IDENTITY_VIEW(text);
  const edits: Edit[] = [];
  let out = '';
  let copied = 0; // original offset copied up to
  let lossy = false;
  const replace = (from: number, to: number, by: string) => {
    out += text.slice(copied, from);
    edits.push({ from, to, at: out.length, len: by.length });
    out += by;
    copied = to;
  };
  TRIGGER.lastIndex = 0;
  let lastEnd = 0; // where the previous match ended
  for (let m = TRIGGER.exec(text); m; lastEnd = TRIGGER.lastIndex, m = TRIGGER.exec(text)) {
    let s = m[0];
    let start = m.index;
    const end = start + s.length;
    const c = s.charCodeAt(0);
    // a non-ASCII character takes the ASCII letter before it, when no match took that letter
    if (c >= 128 && start > lastEnd && isAsciiLetter(text.charCodeAt(start - 1))) s = text.slice(--start, end);
    if (c === 37 /* % */) {
      // percent-encoding, as in a link's address ("?q=Joanna%20Whitby"): read as the characters it encodes
      let decoded: string;
      try {
        decoded = decodeURIComponent(s);
      } catch {
        continue; // not UTF-8: left as written
      }
      let by = '';
      for (const ch of decoded) by += ch.charCodeAt(0) < 128 ? ch : foldCluster(ch);
      replace(start, end, by);
    } else if (c === 38 /* & */) {
      const ch = decodeReference(s);
      if (ch === undefined) continue;
      const by = ch.charCodeAt(0) < 128 && ch.length === 1 ? ch : foldCluster(ch);
      replace(start, end, by);
    } else if (c === 60 /* < */) {
      const name = m[1].toLowerCase();
      if (m[2] && /\S/.test(m[2])) lossy = true;
      replace(start, end, BLOCK_TAGS.has(name) ? ' ' : '');
    } else if (c === 42 || c === 95 || c === 126) {
      // emphasis markers between two letters ("Jo**hn**", "J_o_hn"); a run elsewhere is text
      if (letterBefore(text, start) && letterAt(text, end)) replace(start, end, '');
    } else {
      // a non-ASCII character with its marks, possibly after an ASCII letter it combines with
      const folded = foldCluster(s);
      if (folded !== s) replace(start, end, folded);
    }
  }
  if (edits.length === 0) return IDENTITY_VIEW(text);
  out += text.slice(copied);
  return makeView(out, edits, lossy);
}

function makeView(text: string, edits: Edit[], lossy: boolean): TextView {
  const ats = Int32Array.from(edits, (e) => e.at);
  /** Index of the last edit with at <= i (or < i when strict), -1 if none. */
  const find = (i: number, strict: boolean): number => {
    let lo = 0;
    let hi = ats.length - 1;
    let r = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? ats[mid] < i : ats[mid] <= i) {
        r = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return r;
  };
  return {
    text,
    identity: false,
    lossy,
    toStart(i) {
      const k = find(i, false);
      if (k < 0) return i;
      const e = edits[k];
      if (i < e.at + e.len) return e.from;
      return e.to + (i - e.at - e.len);
    },
    toEnd(i) {
      const k = find(i, true);
      if (k < 0) return i;
      const e = edits[k];
      if (i <= e.at + e.len) return e.to;
      return e.to + (i - e.at - e.len);
    },
  };
}

const views = new WeakMap<object, TextView>();

/** The reader's view of a file's text, computed once per file object. */
export function viewOf(file: { text: string }): TextView {
  let v = views.get(file);
  if (!v) {
    v = readerView(file.text);
    views.set(file, v);
  }
  return v;
}
