/**
 * Names split across two CSV cells: `Laura,Smith` under `forename,surname`, or a note whose last
 * word is a given name and whose next cell starts with the surname. The scans read the raw text of a
 * file, where a cell boundary (a comma, a quote) ends a name; this module gives, for each pair of
 * neighbouring cells in a record, a short "seam" text — the end of the first cell, one space, the
 * start of the next — with a map back to file offsets. A scanner (the person-name scan, the identity
 * register's matcher) runs over each seam and keeps only the matches that cross its join: those are
 * the names no single cell shows.
 *
 * The CSV is read here, not taken from the loaded table, so every CSV or TSV file of a review is
 * covered (extra files too), whatever its columns.
 */
import type { SourceFile } from '../../review/model.js';
import { adoptScans, takeOffloadedScan } from './scan-offload.js';

export interface Seam {
  /** The end of one cell, a space, and the start of the next (quotes removed, `""` kept as written). */
  text: string;
  /** Offset in `text` where the second cell starts (the space before it is at `join - 1`). */
  join: number;
  /** File offset of the character at offset `i` of `text` (`i` must not be `join - 1`). */
  fileOffset(i: number): number;
  /** Where the two cells are: 0-based record index and the index of the first cell in it. */
  record: number;
  cell: number;
}

/** How much of each cell a seam keeps: enough for a title, initials and a double name. */
const SIDE = 48;

interface RawCell {
  /** Offsets of the cell's content (inside the quotes, when quoted). */
  start: number;
  end: number;
}

/**
 * Visits the cells of a CSV text in order, as offsets (RFC 4180: quoted cells may hold commas,
 * quotes and line breaks): `record` and `cell` are 0-based, [start, end) is the cell's content
 * (inside the quotes, when quoted). Nothing is allocated per cell.
 */
function walkCells(text: string, delimiter: string, visit: (record: number, cell: number, start: number, end: number) => void): void {
  const d = delimiter.charCodeAt(0);
  let i = 0;
  const n = text.length;
  let record = 0;
  let cell = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i <= n) {
    let start = i;
    let end: number;
    if (text.charCodeAt(i) === 34 /* " */) {
      start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          j = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          j = q + 2;
          continue;
        }
        j = q;
        break;
      }
      end = j;
      i = Math.min(n, j + 1);
      // anything after the closing quote up to the delimiter belongs to the cell (malformed, but kept)
      while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else {
      while (i < n && text.charCodeAt(i) !== d && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      end = i;
    }
    visit(record, cell, start, end);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      cell++;
      continue;
    }
    // end of record
    record++;
    cell = 0;
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    if (i >= n) break;
  }
}

/** The cells of a CSV text by record, as offsets (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
export function csvCells(text: string, delimiter = ','): RawCell[][] {
  const records: RawCell[][] = [];
  walkCells(text, delimiter, (record, _cell, start, end) => {
    (records[record] ??= []).push({ start, end });
  });
  return records;
}

const isBlank = (c: number) => c === 32 || c === 9;
/** A letter (ASCII by its code; anything else through the Unicode property). */
const isLetter = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : /\p{L}/u.test(ch);
};
const isUpper = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /\p{Lu}/u.test(ch);
};

/**
 * The seams of a text as offsets, six numbers each (see `seamAt`): a large chronology has hundreds
 * of thousands, and most are passed over by a cheap look at their two sides, so none is made into
 * a string until a rule asks for it.
 */
export interface SeamList {
  text: string;
  count: number;
  /** Per seam: left start, left end, right start, right end (file offsets), record, cell. */
  at: Int32Array;
}

const byFile = new WeakMap<SourceFile, SeamList>();
// what the worker of scan-offload.ts found in a large file
adoptScans((file, scan) => {
  if (scan.seams && !byFile.has(file)) byFile.set(file, { text: file.text, count: scan.seams.count, at: scan.seams.at });
});

/**
 * The seams of a CSV or TSV file (a tab for `.tsv`, else a comma), worked out once per file:
 * anon/identity and anon/person-name both read them.
 */
export function fileSeams(file: SourceFile): SeamList {
  let seams = byFile.get(file);
  if (!seams) {
    takeOffloadedScan(file);
    seams = byFile.get(file);
  }
  if (!seams) byFile.set(file, (seams = seamList(file.text, /\.tsv$/i.test(file.path) ? '\t' : ',')));
  return seams;
}

/** The seams between neighbouring non-empty cells of every record of a CSV (or TSV) text, as offsets. */
export function seamList(text: string, delimiter = ','): SeamList {
  let at = new Int32Array(6 * 1024);
  let count = 0;
  // the previous cell of the same record (its start is -1 at the start of a record)
  let prevStart = -1;
  let prevEnd = -1;
  walkCells(text, delimiter, (r, c, bStartRaw, bEnd) => {
    const aStart = prevStart;
    const aEndRaw = prevEnd;
    prevStart = bStartRaw;
    prevEnd = bEnd;
    if (c === 0) return;
    // trim spaces at the join so "Laura " + " Smith" still reads as two words
    let aEnd = aEndRaw;
    while (aEnd > aStart && isBlank(text.charCodeAt(aEnd - 1))) aEnd--;
    let bStart = bStartRaw;
    while (bStart < bEnd && isBlank(text.charCodeAt(bStart))) bStart++;
    if (aEnd === aStart || bStart === bEnd) return;
    // only letters meet at a seam worth scanning
    if (!isLetter(text[aEnd - 1]!) || !isUpper(text[bStart]!)) return;
    if (6 * (count + 1) > at.length) {
      const bigger = new Int32Array(at.length * 2);
      bigger.set(at);
      at = bigger;
    }
    const o = 6 * count++;
    at[o] = Math.max(aStart, aEnd - SIDE);
    at[o + 1] = aEnd;
    at[o + 2] = bStart;
    at[o + 3] = Math.min(bEnd, bStart + SIDE);
    at[o + 4] = r;
    at[o + 5] = c - 1;
  });
  return { text, count, at };
}

/** Seam `i` of a list, as text with its map back to file offsets. */
export function seamAt(list: SeamList, i: number): Seam {
  const o = 6 * i;
  const { at, text } = list;
  const aFrom = at[o]!;
  const bStart = at[o + 2]!;
  const left = text.slice(aFrom, at[o + 1]);
  const join = left.length + 1;
  return {
    text: `${left} ${text.slice(bStart, at[o + 3])}`,
    join,
    fileOffset: (k: number) => (k < join ? aFrom + k : bStart + (k - join)),
    record: at[o + 4]!,
    cell: at[o + 5]!,
  };
}

/**
 * The seams of a list a test lets through, made into text: `keep(leftFrom, leftEnd, rightStart,
 * rightEnd)` looks at file offsets before any string is made.
 */
export function seamsWhere(list: SeamList, keep: (leftFrom: number, leftEnd: number, rightStart: number, rightEnd: number) => boolean): Seam[] {
  const out: Seam[] = [];
  const { at } = list;
  for (let i = 0, o = 0; i < list.count; i++, o += 6) {
    if (keep(at[o]!, at[o + 1]!, at[o + 2]!, at[o + 3]!)) out.push(seamAt(list, i));
  }
  return out;
}

/** The seams between neighbouring non-empty cells of every record of a CSV (or TSV) text. */
export function cellSeams(text: string, delimiter = ','): Seam[] {
  return seamsWhere(seamList(text, delimiter), () => true);
}

/** True when [start, end) of a seam's text crosses its join (it holds text of both cells). */
export function crossesJoin(seam: Seam, start: number, end: number): boolean {
  return start < seam.join - 1 && end > seam.join;
}

/**
 * Runs a finder over every seam of a CSV text and returns the matches that cross a join, with their
 * offsets mapped back to the file. For the identity register (anon/identity, redact):
 * `seamMatches(text, ',', (s) => matcher.find(s))` gives the registered names split across two cells.
 */
export function seamMatches<T extends { start: number; end: number }>(text: string | readonly Seam[], delimiter: string,
  find: (seamText: string) => T[]): Array<{ match: T; start: number; end: number; seam: Seam }> {
  const out: Array<{ match: T; start: number; end: number; seam: Seam }> = [];
  for (const seam of typeof text === 'string' ? cellSeams(text, delimiter) : text) {
    for (const m of find(seam.text)) {
      if (!crossesJoin(seam, m.start, m.end)) continue;
      out.push({ match: m, start: seam.fileOffset(m.start), end: seam.fileOffset(m.end - 1) + 1, seam });
    }
  }
  return out;
}
