/**
 * Reading input files: UTF-8 (with or without BOM) first, strictly; only when that fails,
 * detect the encoding (Excel writes Windows-1252) and decode it. chardet calls pure ASCII
 * ISO-8859-1, hence the strict UTF-8 attempt first.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type chardetModule from 'chardet';
import type iconvModule from 'iconv-lite';
import type { SourceFile } from './model.js';

const require = createRequire(import.meta.url);
/** The encoding detector and decoders, loaded only for a file that is not UTF-8 (rare; about 20 ms). */
const legacy = () => ({ chardet: require('chardet') as typeof chardetModule, iconv: require('iconv-lite') as typeof iconvModule });

/** Largest input file read (bytes). Bigger files are refused with a finding. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Longest line read (characters). A real chronology cell or paragraph is a few thousand; a
 * megabyte on one line is a generated or corrupted file, and would make every rule's scan slow.
 */
export const MAX_LINE_CHARS = 1024 * 1024;

/** A file refused for a limit, at a place in it (the loader reports it there). */
export class SourceLimitError extends Error {
  constructor(message: string, readonly line: number, readonly column = 1) {
    super(message);
    this.name = 'SourceLimitError';
  }
}

/** The first line longer than `max` characters (1-based), or 0 when there is none. */
export function firstLongLine(text: string, max = MAX_LINE_CHARS): number {
  if (text.length <= max) return 0;
  // Fast path: when no stretch between two LFs is that long, no line is (CR only splits lines further).
  let longStretch = false;
  for (let from = 0; ;) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    if (end - from > max) {
      longStretch = true;
      break;
    }
    if (nl < 0) break;
    from = nl + 1;
  }
  if (!longStretch) return 0;
  let line = 1;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (i - start > max) return line;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      line++;
      start = i + 1;
    }
  }
  return text.length - start > max ? line : 0;
}

export function relPath(abs: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, abs) || '.';
  return rel.split(path.sep).join('/');
}

export interface DecodeResult {
  text: string;
  encoding: string;
  /** True when the bytes contain NUL: a binary file, not text. */
  binary: boolean;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const utf16le = new TextDecoder('utf-16le');

/**
 * UTF-16 text (Windows Notepad's "Unicode", Excel's "Unicode Text", PowerShell's `>`): by its byte
 * order mark, or without one by the zero bytes that Latin text has on one side of every pair.
 */
function utf16Order(bytes: Uint8Array): { order: 'le' | 'be'; bom: boolean } | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) return { order: 'le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { order: 'be', bom: true };
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  // the other byte of each pair: text's characters (tab, line ends, printable ASCII, Latin-1 letters)
  let evenText = 0;
  let oddText = 0;
  const isText = (c: number) => c === 9 || c === 10 || c === 13 || (c >= 0x20 && c < 0x7f) || c >= 0xa0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
    if (isText(bytes[i])) evenText++;
    if (isText(bytes[i + 1])) oddText++;
  }
  const pairs = n / 2;
  // zeros on one side, and text on the other: a recording or other binary with small numbers is not text
  if (oddZero >= pairs * 0.9 && evenZero <= pairs * 0.02 && evenText >= pairs * 0.95) return { order: 'le', bom: false };
  if (evenZero >= pairs * 0.9 && oddZero <= pairs * 0.02 && oddText >= pairs * 0.95) return { order: 'be', bom: false };
  return undefined;
}

/** True for bytes that read as UTF-16 text (zero bytes and all): see {@link decode}. */
export function isUtf16(bytes: Uint8Array): boolean {
  return utf16Order(bytes) !== undefined;
}

export function decode(bytes: Uint8Array): DecodeResult {
  const utf16 = utf16Order(bytes);
  if (utf16) {
    const body = Buffer.from(bytes.subarray(utf16.bom ? 2 : 0, (utf16.bom ? 2 : 0) + ((bytes.length - (utf16.bom ? 2 : 0)) & ~1)));
    const text = utf16le.decode(utf16.order === 'le' ? body : body.swap16());
    return { text, encoding: `utf-16${utf16.order}${utf16.bom ? '-bom' : ''}`, binary: text.includes('\0') };
  }
  const binary = bytes.includes(0);
  let bom = false;
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bom = true;
    body = bytes.subarray(3);
  }
  try {
    const text = strictUtf8.decode(body);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8', binary };
  } catch {
    // not UTF-8: fall through to detection
  }
  const { chardet, iconv } = legacy();
  let detected = (chardet.detect(body) ?? 'windows-1252').toLowerCase();
  // Excel's "CSV" on Windows is cp1252; ISO-8859-1 detection is nearly always that (it has £ and “”).
  if (detected === 'iso-8859-1' || detected === 'iso-8859-15' || detected === 'utf-8' || !iconv.encodingExists(detected)) {
    detected = 'windows-1252';
  }
  return { text: iconv.decode(Buffer.from(body), detected), encoding: detected, binary };
}

/** Reads and decodes a file. Throws a plain Error with a user-facing message on failure. */
export function readSource(abs: string, cwd = process.cwd()): SourceFile {
  const st = statSync(abs);
  if (st.isDirectory()) throw new Error('is a directory, expected a file');
  // a pipe or device would block or never end: only regular files are read
  if (!st.isFile()) throw new Error('not a regular file (a pipe, socket or device), expected a file');
  if (st.size > MAX_FILE_BYTES) throw new Error(`file is ${st.size} bytes, larger than the ${MAX_FILE_BYTES}-byte limit`);
  return sourceFromBytes(abs, readFileSync(abs), cwd);
}

/** Decodes the bytes of a file read elsewhere (from disk above, or held in memory by tests) as readSource does. */
export function sourceFromBytes(abs: string, bytes: Uint8Array, cwd = process.cwd()): SourceFile {
  const { text, encoding, binary } = decode(bytes);
  if (binary) throw new Error('binary file (contains NUL bytes), expected text');
  const long = firstLongLine(text);
  if (long) throw new SourceLimitError(`line ${long} is longer than ${MAX_LINE_CHARS} characters; the file was not read (is it a text file?)`, long);
  return { path: abs, rel: relPath(abs, cwd), text, encoding };
}

/** Quoting a value in a message: see safe.ts, the one place that decides what may be printed. */
export { quoted } from './safe.js';

/** Builds a SourceFile from text in memory (tests, staged content in hooks). */
export function sourceFromText(abs: string, text: string, cwd = process.cwd()): SourceFile {
  return { path: abs, rel: relPath(abs, cwd), text, encoding: 'utf-8' };
}

/** Line starts (0-based offsets) of a text, for offset → line/column mapping. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // LF only (the usual case): jump from line break to line break
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 0-based offset → 1-based line and column, by binary search over line starts. */
export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}
