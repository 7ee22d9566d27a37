/**
 * The text of an OLE compound file: old binary Word, Excel and PowerPoint files, and Outlook's
 * saved messages (`.msg`). The file is a small file system of streams (read with SheetJS's `cfb`),
 * whose sectors need not be in order, so each stream is read whole before its text is looked for.
 * A stream that is a document of its own (an attachment of a message, an object embedded in a
 * Word 97 file) is read as one, through the caller's extractor; a message's body kept only as
 * compressed RTF (MS-OXRTFCP) is decompressed; an Excel 97 workbook's shared strings (its cells'
 * text, MS-XLS) are read string by string, as the bytes around a string in a workbook can be
 * letters that would glue themselves to a name.
 */
import { createRequire } from 'node:module';
import type * as cfbModule from 'cfb';
import type { InnerUnchecked } from './extract-inner.js';

const cfb = () => createRequire(import.meta.url)('cfb') as typeof cfbModule;

export interface OleReaders {
  /** Readable runs of a stream that is not a document of its own. */
  runs: (bytes: Uint8Array) => string;
  /** A stream that looks like a document of its own (zip, PDF, image, RTF, another compound file); null when it is not one. */
  document: (bytes: Uint8Array) => { text?: string; unchecked: InnerUnchecked[] } | null;
  /** The plain text of RTF. */
  rtf: (rtf: string) => string;
}

/** A compound file's streams, by name (SheetJS's `cfb`); throws when the bytes are not one. */
export function openCompound(bytes: Uint8Array): { container: cfbModule.CFB$Container; stream: (name: string) => Uint8Array | undefined } {
  const container = cfb().read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  const stream = (name: string) => container.FileIndex.find((e) => e.type === 2 && e.name === name)?.content as Uint8Array | undefined;
  return { container, stream };
}

/** The records of an Excel 97 workbook stream (MS-XLS 2.1.4): id and data, from an offset. */
export function* biffRecords(b: Uint8Array, from = 0): Generator<{ id: number; data: Uint8Array }> {
  for (let i = from; i + 4 <= b.length;) {
    const len = b[i + 2] | (b[i + 3] << 8);
    yield { id: b[i] | (b[i + 1] << 8), data: b.subarray(i + 4, Math.min(b.length, i + 4 + len)) };
    i += 4 + len;
  }
}

/** The text of a compound file, stream by stream; null when it cannot be parsed as one. */
export function fromOle(bytes: Uint8Array, readers: OleReaders): { text: string; unchecked: InnerUnchecked[] } | { encrypted: true } | null {
  let opened: ReturnType<typeof openCompound>;
  try {
    opened = openCompound(bytes);
  } catch {
    return null;
  }
  const { container } = opened;
  if (isEncrypted(opened.stream)) return { encrypted: true };
  const out: string[] = [];
  const unchecked: InnerUnchecked[] = [];
  // stream names say what a stream is (property ids), never what a person wrote: only content is read
  container.FileIndex.forEach((entry) => {
    if (entry.type !== 2 || !entry.content || !entry.content.length) return;
    const content = entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content as ArrayLike<number>);
    if (/^(?:Workbook|Book)$/i.test(entry.name)) {
      out.push(...workbookText(content, readers.runs));
      return;
    }
    const rtf = compressedRtf(content);
    if (rtf !== null) {
      out.push(readers.rtf(rtf));
      return;
    }
    const doc = readers.document(content);
    if (doc) {
      if (doc.text) out.push(doc.text);
      unchecked.push(...doc.unchecked);
      return;
    }
    out.push(readers.runs(content));
  });
  return { text: out.filter((s) => s.trim() !== '').join('\n'), unchecked };
}

/**
 * True for a document saved with a password: its text is ciphertext, and reading its bytes would
 * find nothing and pass it. A Word 2007+ or Excel 2007+ file with a password is a compound file
 * holding an `EncryptedPackage` (MS-OFFCRYPTO); a Word 97 file says so in its header (the FIB's
 * fEncrypted bit, MS-DOC 2.5.2), an Excel 97 workbook with a FILEPASS record (MS-XLS 2.4.117).
 */
export function isEncrypted(stream: (name: string) => Uint8Array | undefined): boolean {
  if (stream('EncryptedPackage')) return true;
  const word = stream('WordDocument');
  if (word && word.length > 12 && word[0] === 0xec && word[1] === 0xa5 && (word[0x0b] & 0x01) !== 0) return true;
  const book = stream('Workbook') ?? stream('Book');
  if (book) {
    // FILEPASS comes among the first records of the workbook's globals
    let n = 0;
    for (const r of biffRecords(book)) {
      if (r.id === 0x002f) return true;
      if (++n >= 64) break;
    }
  }
  return false;
}

/** The dictionary's first bytes, as MS-OXRTFCP gives them (207 bytes). */
const RTF_PREFIX = '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx';
const LZFU = 0x75465a4c;
const MELA = 0x414c454d;
/** Largest RTF body decompressed. */
const MAX_RTF_BYTES = 64 * 1024 * 1024;

/**
 * The RTF of a stream in Outlook's compressed RTF format (MS-OXRTFCP: `LZFu`, or `MELA` for
 * uncompressed), as latin1 text; null when the stream is not one.
 */
export function compressedRtf(b: Uint8Array): string | null {
  if (b.length < 16) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const compSize = view.getUint32(0, true);
  const rawSize = view.getUint32(4, true);
  const type = view.getUint32(8, true);
  if ((type !== LZFU && type !== MELA) || compSize + 4 > b.length + 16 || rawSize > MAX_RTF_BYTES) return null;
  if (type === MELA) return Buffer.from(b.subarray(16, 16 + rawSize)).toString('latin1');
  const dict = new Uint8Array(4096);
  for (let i = 0; i < RTF_PREFIX.length; i++) dict[i] = RTF_PREFIX.charCodeAt(i);
  let write = RTF_PREFIX.length;
  const out = new Uint8Array(rawSize);
  let n = 0;
  let i = 16;
  const end = Math.min(b.length, compSize + 4);
  while (i < end && n < rawSize) {
    const control = b[i++];
    for (let bit = 0; bit < 8 && i < end && n < rawSize; bit++) {
      if ((control & (1 << bit)) === 0) {
        const c = b[i++];
        out[n++] = c;
        dict[write] = c;
        write = (write + 1) & 4095;
        continue;
      }
      if (i + 1 >= end) return Buffer.from(out.subarray(0, n)).toString('latin1');
      const ref = (b[i] << 8) | b[i + 1];
      i += 2;
      const offset = ref >> 4;
      const length = (ref & 15) + 2;
      if (offset === write) return Buffer.from(out.subarray(0, n)).toString('latin1');
      for (let k = 0; k < length && n < rawSize; k++) {
        const c = dict[(offset + k) & 4095];
        out[n++] = c;
        dict[write] = c;
        write = (write + 1) & 4095;
      }
    }
  }
  return Buffer.from(out.subarray(0, n)).toString('latin1');
}

/** Excel's shared string table and the records that continue it (MS-XLS 2.4.265, 2.4.58). */
const SST = 0x00fc;
const CP1252 = new TextDecoder('windows-1252');
const CONTINUE = 0x003c;

/**
 * The text of an Excel 97 (BIFF8) workbook stream: every shared string (the cells' text) a line
 * of its own, and the readable runs of every other record (sheet names, headers, notes, the name
 * of who saved it), each record on its own.
 */
export function workbookText(b: Uint8Array, runs: (bytes: Uint8Array) => string): string[] {
  const out: string[] = [];
  // the shared string table and the CONTINUE records right after it, read together once it ends
  let sst: Uint8Array[] | undefined;
  for (const { id, data } of biffRecords(b)) {
    if (sst && id === CONTINUE) {
      sst.push(data);
      continue;
    }
    if (sst) out.push(...sharedStrings(sst));
    sst = id === SST ? [data] : undefined;
    if (!sst) out.push(runs(data));
  }
  if (sst) out.push(...sharedStrings(sst));
  return out.filter((s) => s.trim() !== '');
}

/** The strings of a shared string table split over CONTINUE records (MS-XLS XLUnicodeRichExtendedString). */
export function sharedStrings(segments: Uint8Array[]): string[] {
  const out: string[] = [];
  let seg = 0;
  let pos = 0;
  const atEnd = () => {
    while (seg < segments.length && pos >= segments[seg].length) {
      seg++;
      pos = 0;
    }
    return seg >= segments.length;
  };
  const u8 = () => (atEnd() ? -1 : segments[seg][pos++]);
  const u16 = () => {
    const lo = u8();
    const hi = u8();
    return lo < 0 || hi < 0 ? -1 : lo | (hi << 8);
  };
  const skip = (n: number) => {
    while (n > 0 && !atEnd()) {
      const step = Math.min(n, segments[seg].length - pos);
      pos += step;
      n -= step;
    }
  };
  skip(4); // the total number of strings in the workbook
  const unique = u16() + u16() * 65536;
  for (let k = 0; k < unique; k++) {
    const cch = u16();
    let flags = u8();
    if (cch < 0 || flags < 0) break;
    const runs = flags & 0x08 ? u16() : 0;
    const ext = flags & 0x04 ? u16() + u16() * 65536 : 0;
    let text = '';
    let left = cch;
    while (left > 0 && seg < segments.length) {
      if (pos >= segments[seg].length) {
        // the characters go on in the next CONTINUE record, which starts with their width again
        seg++;
        pos = 0;
        if (seg >= segments.length) break;
        flags = segments[seg][pos++];
      }
      const wide = flags & 0x01;
      const room = wide ? (segments[seg].length - pos) >> 1 : segments[seg].length - pos;
      const take = Math.min(left, room);
      if (take <= 0) {
        pos = segments[seg].length; // an odd byte left before the next record: start again there
        continue;
      }
      const bytes = segments[seg].subarray(pos, pos + take * (wide ? 2 : 1));
      text += wide ? Buffer.from(bytes).toString('utf16le') : CP1252.decode(bytes);
      pos += bytes.length;
      left -= take;
    }
    out.push(text);
    if (seg >= segments.length) break;
    skip(Math.max(0, runs) * 4 + Math.max(0, ext));
  }
  return out;
}
