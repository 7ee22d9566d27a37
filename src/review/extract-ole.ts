/**
 * The text of an OLE compound file: old binary Word, Excel and PowerPoint files, and Outlook's
 * saved messages (`.msg`). The file is a small file system of streams (read with SheetJS's `cfb`),
 * whose sectors need not be in order, so each stream is read whole before its text is looked for.
 * A stream that is a document of its own (an attachment of a message, an object embedded in a
 * Word 97 file) is read as one, through the caller's extractor; a message's body kept only as
 * compressed RTF (MS-OXRTFCP) is decompressed.
 */
import { createRequire } from 'node:module';
import type * as cfbModule from 'cfb';

const cfb = () => createRequire(import.meta.url)('cfb') as typeof cfbModule;

/** What a stream that is a document gave: its text, and anything in it that could not be read. */
export interface StreamText {
  text?: string;
  unchecked?: Array<{ kind: 'unreadable' | 'binary'; reason: string }>;
}

export interface OleReaders {
  /** Readable runs of a stream that is not a document of its own. */
  runs: (bytes: Uint8Array) => string;
  /** A stream that looks like a document of its own (zip, PDF, image, RTF, another compound file); null when it is not one. */
  document: (bytes: Uint8Array) => StreamText | null;
  /** The plain text of RTF. */
  rtf: (rtf: string) => string;
}

/** The text of a compound file, stream by stream; null when it cannot be parsed as one. */
export function fromOle(bytes: Uint8Array, readers: OleReaders): { text: string; unchecked: NonNullable<StreamText['unchecked']> } | null {
  let container: cfbModule.CFB$Container;
  try {
    container = cfb().read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch {
    return null;
  }
  const out: string[] = [];
  const unchecked: NonNullable<StreamText['unchecked']> = [];
  // stream names say what a stream is (property ids), never what a person wrote: only content is read
  container.FileIndex.forEach((entry) => {
    if (entry.type !== 2 || !entry.content || !entry.content.length) return;
    const content = entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content as ArrayLike<number>);
    const rtf = compressedRtf(content);
    if (rtf !== null) {
      out.push(readers.rtf(rtf));
      return;
    }
    const doc = readers.document(content);
    if (doc) {
      if (doc.text) out.push(doc.text);
      unchecked.push(...(doc.unchecked ?? []));
      return;
    }
    out.push(readers.runs(content));
  });
  return { text: out.filter((s) => s.trim() !== '').join('\n'), unchecked };
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
