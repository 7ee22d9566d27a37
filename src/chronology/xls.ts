/**
 * The first worksheet of an Excel 97–2003 workbook (`.xls`, BIFF8), for `dhr import`: agencies on
 * older systems still export their chronologies this way. The file is an OLE compound file (read
 * with SheetJS's `cfb`) whose `Workbook` stream is a list of records (MS-XLS §2.1.4): the shared
 * strings and the sheet list come first, then each sheet's cells.
 *
 * Cells come back as Excel shows them: text, numbers, true/false, and a date as a Date when its
 * cell has a date format (from the workbook's formats, counted from 1900 or 1904 as the workbook
 * says); a time alone stays the fraction of a day it is. A formula gives its last result.
 */
import { biffRecords, isEncrypted, openCompound, sharedStrings } from '../review/extract-ole.js';

export type XlsValue = string | number | boolean | Date | null;

export interface XlsSheet {
  name: string;
  /** Rows with at least one cell, by row number from 1; cells by column from 0, `null` where empty. */
  rows: Array<{ number: number; cells: XlsValue[] }>;
}

/** Why a file cannot be read, in words for the user. */
export class XlsError extends Error {}

const BOF = 0x0809;
const EOF = 0x000a;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const BOUNDSHEET = 0x0085;
const DATEMODE = 0x0022;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const FORMULA = 0x0006;
const STRING = 0x0207;
const BOOLERR = 0x0205;
const FORMAT = 0x041e;
const XF = 0x00e0;

/** Excel's built-in number formats that show a date (MS-XLS 2.4.126, with the East Asian ones). */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True for a number format that shows a date or a time: d, m, y, h or s outside quoted text, escapes and colours. */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\\.|\[(?:[a-z]+|[$<>=][^\]]*)\]/gi, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const CP1252 = new TextDecoder('windows-1252');

const u16 = (d: Uint8Array, at: number) => (at + 2 <= d.length ? d[at] | (d[at + 1] << 8) : 0);
const u32 = (d: Uint8Array, at: number) => (at + 4 <= d.length ? (d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (d[at + 3] << 24)) >>> 0 : 0);
const f64 = (d: Uint8Array, at: number) => (at + 8 <= d.length ? Buffer.from(d.buffer, d.byteOffset + at, 8).readDoubleLE(0) : 0);

/** An RK number (MS-XLS 2.5.217): a 30-bit integer or the high bits of a double, perhaps divided by 100. */
export function rkNumber(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2; // a signed 30-bit integer
  else {
    const b = Buffer.alloc(8);
    b.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    v = b.readDoubleLE(0);
  }
  return rk & 1 ? v / 100 : v;
}

/** Text of `cch` characters at `at`, after its flags byte: UTF-16 when its low bit is set, else one byte a character. */
function unicodeString(d: Uint8Array, cch: number, at: number): string {
  const wide = d[at] & 1;
  const from = at + 1;
  const bytes = d.subarray(from, Math.min(d.length, from + cch * (wide ? 2 : 1)));
  return wide ? Buffer.from(bytes).toString('utf16le') : CP1252.decode(bytes);
}

/** Reads the first worksheet of a .xls file's bytes. Throws XlsError when it cannot. */
export function readXls(bytes: Uint8Array): XlsSheet {
  let stream: ReturnType<typeof openCompound>['stream'];
  try {
    stream = openCompound(bytes).stream;
  } catch (e) {
    throw new XlsError(`it cannot be read as an Excel 97–2003 workbook (${(e as Error).message.split('\n')[0]})`);
  }
  if (isEncrypted(stream)) throw new XlsError('it was saved with a password: save a copy without the password and import that');
  const book = stream('Workbook');
  if (!book) {
    throw new XlsError(stream('Book') ? 'it is an Excel 5.0/95 workbook, older than dhr reads: save it as .xlsx and import that' : 'it has no workbook in it (not an Excel file?)');
  }
  // the workbook's globals: shared strings, the sheets and where they start, the date system, the
  // number formats and which cell format uses which
  let strings: string[] = [];
  let date1904 = false;
  const formats = new Map<number, string>();
  const xfFormat: number[] = [];
  let sheet: { name: string; at: number } | undefined;
  const all = [...biffRecords(book)];
  for (let k = 0; k < all.length; k++) {
    const r = all[k];
    if (r.id === DATEMODE) date1904 = u16(r.data, 0) === 1;
    if (r.id === FORMAT) formats.set(u16(r.data, 0), unicodeString(r.data, u16(r.data, 2), 4));
    if (r.id === XF) xfFormat.push(u16(r.data, 2));
    if (r.id === SST) {
      const segments = [r.data];
      while (all[k + 1]?.id === CONTINUE) segments.push(all[++k].data);
      strings = sharedStrings(segments);
    }
    // a worksheet (type 0) in the sheet list: the first one is imported, as with .xlsx
    if (r.id === BOUNDSHEET && !sheet && r.data[5] === 0) sheet = { at: u32(r.data, 0), name: unicodeString(r.data, r.data[6], 7) };
    if (r.id === EOF) break;
  }
  if (!sheet) throw new XlsError('it has no worksheet');
  // a number in a cell formatted as a date (with a day in it) is that date; 1904 workbooks count from 1904
  const isDate = (xf: number) => {
    const ifmt = xfFormat[xf];
    if (ifmt === undefined) return false;
    const custom = formats.get(ifmt);
    return custom !== undefined ? isDateFormat(custom) : BUILTIN_DATE.has(ifmt);
  };
  const number = (v: number, xf: number): XlsValue => {
    if (!isDate(xf) || v < 1 || !Number.isFinite(v)) return v;
    const days = v + (date1904 ? 1462 : 0) - 25569;
    return new Date(Math.round(days * 86_400_000));
  };
  const rows = new Map<number, XlsValue[]>();
  const set = (row: number, col: number, v: XlsValue) => {
    if (col > 1000 || v === null || v === '') return;
    let cells = rows.get(row);
    if (!cells) rows.set(row, (cells = []));
    cells[col] = v;
  };
  let formulaAt: { row: number; col: number } | undefined;
  let first = true;
  for (const r of biffRecords(book, sheet.at)) {
    if (first) {
      if (r.id !== BOF) throw new XlsError('its first worksheet cannot be found where the workbook says it starts');
      first = false;
      continue;
    }
    const d = r.data;
    const row = u16(d, 0);
    const col = u16(d, 2);
    if (r.id === EOF) break;
    else if (r.id === LABELSST) set(row, col, strings[u32(d, 6)] ?? null);
    else if (r.id === LABEL) set(row, col, unicodeString(d, u16(d, 6), 8));
    else if (r.id === NUMBER) set(row, col, number(f64(d, 6), u16(d, 4)));
    else if (r.id === RK) set(row, col, number(rkNumber(u32(d, 6)), u16(d, 4)));
    else if (r.id === MULRK) {
      const last = u16(d, d.length - 2);
      for (let c = col, at = 4; c <= last && at + 6 <= d.length - 2; c++, at += 6) set(row, c, number(rkNumber(u32(d, at + 2)), u16(d, at)));
    } else if (r.id === BOOLERR) {
      if (d[7] === 0) set(row, col, d[6] === 1);
    } else if (r.id === FORMULA) {
      // the cached result: a number, or (0xFFFF in its last two bytes) a string that follows in a STRING record, a boolean, an error
      if (u16(d, 12) !== 0xffff) set(row, col, number(f64(d, 6), u16(d, 4)));
      else if (d[6] === 0) formulaAt = { row, col };
      else if (d[6] === 1) set(row, col, d[8] === 1);
    } else if (r.id === STRING && formulaAt) {
      set(formulaAt.row, formulaAt.col, unicodeString(d, u16(d, 0), 2));
      formulaAt = undefined;
    }
  }
  return {
    name: sheet.name,
    rows: [...rows].sort((a, b) => a[0] - b[0]).map(([row, cells]) => ({ number: row + 1, cells: Array.from(cells, (c) => c ?? null) })),
  };
}
