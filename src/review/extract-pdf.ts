/**
 * The text of a PDF, so the anonymisation gate can check it: what the pages show (poppler's
 * `pdftotext`), the document information (`pdfinfo`: title, subject, author, keywords), and what a
 * reader sees only by clicking: comments and sticky notes (annotations, with their authors), form
 * field values, the XMP metadata, and files attached to the PDF, each read as a document of its own
 * by the caller's extractor.
 *
 * The objects are found by reading the file as PDF syntax (ISO 32000-1 §7.3), in the file and in
 * its compressed object streams: no PDF library parses the whole document, and a damaged file gives
 * what could be read.
 */
import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { fromInside, type InnerReader, type InnerUnchecked } from './extract-inner.js';

export type PdfExtracted =
  | { kind: 'text'; text: string; unchecked: InnerUnchecked[] }
  | { kind: 'unreadable'; reason: string };

export interface PdfReaders {
  /** Reads a file attached to the PDF. */
  attachment: InnerReader;
  /** The text of an XML packet (XMP), each element a value of its own. */
  xml: (xml: string) => string;
  /** The text of rich text (a comment's XHTML), as a reader sees it. */
  html: (html: string) => string;
}

/** Fields of a PDF's document information that people fill in with names and subjects. */
const PDF_INFO_FIELDS = /^(?:Title|Subject|Author|Keywords):[ \t]+(.*)$/gm;
/** Largest stream inflated (an object stream, an attached file, the metadata). */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;

/**
 * A PDF's title, subject, author and keywords (poppler's `pdfinfo`), one a line, after its text:
 * "Notes on <the victim's name>" may be in the title alone. Empty when pdfinfo cannot say.
 */
function pdfMetadata(bytes: Uint8Array): string {
  try {
    const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', '-'], {
      input: bytes, maxBuffer: 16 * 1024 * 1024, timeout: 30_000, stdio: ['pipe', 'pipe', 'ignore'],
    }).toString('utf8');
    return [...info.matchAll(PDF_INFO_FIELDS)].map((m) => m[1].trim()).filter((v) => v !== '').join('\n');
  } catch {
    return '';
  }
}

/** The PDF's text (pdftotext, when installed), then what only its objects hold; unreadable with a clear reason otherwise. */
export function fromPdf(bytes: Uint8Array, readers: PdfReaders): PdfExtracted {
  let text: string;
  try {
    const out = execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', '-', '-'], {
      input: bytes, maxBuffer: 256 * 1024 * 1024, timeout: 60_000, stdio: ['pipe', 'pipe', 'ignore'],
    });
    text = out.toString('utf8').replace(/\f/g, '\n').replace(/\n*$/, '');
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number };
    if (err.code === 'ENOENT') return { kind: 'unreadable', reason: 'a PDF, and pdftotext (Debian package poppler-utils) is not installed to read it' };
    return { kind: 'unreadable', reason: 'a PDF that pdftotext cannot read (damaged or encrypted)' };
  }
  const meta = pdfMetadata(bytes);
  const objects = pdfObjects(bytes, readers);
  // a value the pages already show (a form field drawn with its value) is not given twice
  const shown = text.length <= 4 * 1024 * 1024 ? `${text}\n${meta}` : meta;
  const extra = objects.values.filter((v) => !shown.includes(v));
  return { kind: 'text', text: [text, meta, ...extra, ...objects.attached].filter((s) => s !== '').join('\n') + '\n', unchecked: objects.unchecked };
}

/** Keys whose string values a person wrote: annotation text, author and subject, rich text, form values and tooltips, file names. */
const STRING_KEY = /\/(Contents|T|TU|Subj|RC|V|UF|F|Desc|Title|Author|Subject|Keywords)\s*(\(|<(?!<))/g;

/**
 * What a PDF's objects hold that its pages do not show: the string values a person wrote (in the
 * file and in compressed object streams), the XMP metadata, and the text of attached files.
 */
export function pdfObjects(bytes: Uint8Array, readers: PdfReaders): { values: string[]; attached: string[]; unchecked: InnerUnchecked[] } {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const values = new Set<string>();
  const attached: string[] = [];
  const unchecked: InnerUnchecked[] = [];
  const scan = (text: string) => {
    const re = new RegExp(STRING_KEY.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const from = m.index + m[0].length;
      const { value, end } = m[2] === '(' ? literalString(text, from) : hexString(text, from);
      // go on after the string, or after as far as an unterminated one was read: linear on any input
      re.lastIndex = Math.max(from, end);
      const decoded = value === null ? '' : pdfTextString(value).trim();
      // rich text is XHTML: what a reader sees of it is tested, not its tags
      const shown = m[1] === 'RC' && decoded ? readers.html(decoded).trim() : decoded;
      if (shown && isText(shown)) values.add(shown);
    }
  };
  let files = 0;
  // the streams whose content is wanted: object streams, attached files, the metadata
  const STREAM = /stream\r?\n/g;
  const streams: Array<[number, number]> = [];
  let last = 0;
  for (const m of raw.matchAll(STREAM)) {
    if (m.index < last || !/>>\s*$/.test(raw.slice(Math.max(0, m.index - 8), m.index))) continue;
    // the stream's dictionary: back to its object's "obj", looked for in the 4 kB before (linear on any input)
    const near = raw.slice(Math.max(0, m.index - 4096), m.index);
    const dict = near.slice(Math.max(0, near.lastIndexOf('obj')));
    const start = m.index + m[0].length;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let end = length ? start + Number(length[1]) : -1;
    if (end < start || end > raw.length || !/^\s*endstream/.test(raw.slice(end, end + 20))) end = raw.indexOf('endstream', start);
    if (end < 0) break;
    last = end;
    streams.push([start, end]);
    const wanted = /\/Type\s*\/(ObjStm|EmbeddedFile|Metadata)\b/.exec(dict)?.[1];
    if (!wanted) continue;
    const data = streamData(bytes.subarray(start, end), dict);
    if (data === null) {
      if (wanted === 'EmbeddedFile') unchecked.push({ kind: 'unreadable', reason: `attached file ${++files}: compressed in a way dhr cannot read` });
      continue;
    }
    if (wanted === 'ObjStm') scan(Buffer.from(data).toString('latin1'));
    else if (wanted === 'Metadata') values.add(readers.xml(Buffer.from(data).toString('utf8')));
    else {
      const inside = fromInside(readers.attachment(data, ''), `attached file ${++files}`);
      if (inside.text) attached.push(inside.text);
      unchecked.push(...inside.unchecked);
    }
  }
  // the file outside its streams: where uncompressed objects keep their strings
  let outside = '';
  let at = 0;
  for (const [start, end] of streams) {
    outside += raw.slice(at, start);
    at = end;
  }
  scan(outside + raw.slice(at));
  return { values: [...values].filter((v) => v.trim() !== ''), attached, unchecked };
}

/** A stream's bytes once its filter is undone: none or Flate (the others are images and fonts); null when it cannot be. */
function streamData(data: Uint8Array, dict: string): Uint8Array | null {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1];
  if (!filter) return data;
  if (!/^(\[\s*)?\/FlateDecode(\s*\])?$/.test(filter.trim())) return null;
  try {
    return inflateSync(data, { maxOutputLength: MAX_STREAM_BYTES });
  } catch {
    try {
      // a stream cut short still gives what was inflated before the end
      return inflateSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH */, maxOutputLength: MAX_STREAM_BYTES });
    } catch {
      return null;
    }
  }
}

/** A literal string `( … )` from just after its opening parenthesis: escapes undone, nesting followed (§7.3.4.2). */
function literalString(s: string, from: number): { value: string | null; end: number } {
  let depth = 1;
  let out = '';
  const limit = Math.min(s.length, from + 1_000_000);
  for (let i = from; i < limit; i++) {
    const c = s[i];
    if (c === '\\') {
      const n = s[++i];
      if (n === undefined) break;
      const esc: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
      if (n in esc) out += esc[n];
      else if (/[0-7]/.test(n)) {
        const oct = /^[0-7]{1,3}/.exec(s.slice(i, i + 3))![0];
        out += String.fromCharCode(parseInt(oct, 8) & 255);
        i += oct.length - 1;
      } else if (n === '\r') {
        if (s[i + 1] === '\n') i++;
      } else if (n !== '\n') out += n;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { value: out, end: i + 1 };
    out += c;
  }
  return { value: null, end: limit };
}

/** A hexadecimal string `< … >` from just after its opening bracket (§7.3.4.3). */
function hexString(s: string, from: number): { value: string | null; end: number } {
  let end = s.indexOf('>', from);
  if (end < 0) return { value: null, end: s.length };
  end++;
  const hex = s.slice(from, end - 1).replace(/\s+/g, '');
  if (hex.length > 2_000_000 || !/^[0-9A-Fa-f]*$/.test(hex)) return { value: null, end };
  return { value: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1'), end };
}

/** A text string's characters: UTF-16BE after its byte order mark (or UTF-8 after its own), else PDFDocEncoding (as Latin-1). */
function pdfTextString(bytes: string): string {
  if (bytes.startsWith('\xfe\xff')) {
    const b = Buffer.from(bytes.slice(2, 2 + ((bytes.length - 2) & ~1)), 'latin1');
    return b.swap16().toString('utf16le');
  }
  if (bytes.startsWith('\xef\xbb\xbf')) return Buffer.from(bytes.slice(3), 'latin1').toString('utf8');
  return bytes;
}

/** True for a value that is text, not binary data (a signature, an identifier): mostly printable characters. */
function isText(v: string): boolean {
  let printable = 0;
  for (const ch of v) if (/[\p{L}\p{N}\p{P}\p{Zs}\n\t]/u.test(ch)) printable++;
  return printable >= v.length * 0.8;
}
