/**
 * The DOCX package as bytes that depend on the document alone. `docx` writes random relationship
 * ids, numbers bookmarks and drawings from counters that outlive a document, and stamps the time:
 * the parts are normalised here, then zipped with one fixed date on every entry, the content types
 * first and the package relationships second (as Word writes them).
 */
import { unzipSync, Zip, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import zlib from 'node:zlib';
import { PLACEHOLDER_DATE } from './shared.js';

/** A package's parts, normalised, in the order they are zipped. */
export interface Parts {
  files: Record<string, Uint8Array>;
  order: string[];
  /** The date every entry carries. */
  mtime: Date;
}

/** The main document part. */
export const DOCUMENT_PART = 'word/document.xml';

/** The name Word gives a watermark's shape, and by which its Remove Watermark command finds it. */
const WATERMARK_ID = 'PowerPlusWaterMarkObject';
const WATERMARK_SHAPE = new RegExp(`${WATERMARK_ID}[^"]*"`, 'g');

/**
 * The parts of the zip `docx` wrote (or the parts it would have zipped, by path in their order), normalised: the random ids `docx` gives some relationships
 * (hyperlinks) are renumbered in order, bookmarks, drawings and watermark shapes are numbered again from 1, and the
 * core properties carry the document's date or, when it has none, no dates at all.
 */
export function normaliseParts(zipped: Uint8Array | Map<string, string | Uint8Array>, date: Date | undefined): Parts {
  const files: Record<string, Uint8Array> = zipped instanceof Map
    ? Object.fromEntries([...zipped].map(([p, data]) => [p, typeof data === 'string' ? Buffer.from(data, 'utf8') : data]))
    : unzipSync(zipped);
  const text = (path: string): string | undefined => (files[path] ? Buffer.from(files[path]!).toString('utf8') : undefined);
  const core = text('docProps/core.xml');
  if (core !== undefined) {
    const stamp = date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
    let xml = core;
    for (const name of ['dcterms:created', 'dcterms:modified']) {
      const element = new RegExp(`<${name}\\b[^>]*>[^<]*</${name}>`);
      xml = stamp ? xml.replace(element, (m) => m.replace(/>[^<]*</, `>${stamp}<`)) : xml.replace(element, '');
    }
    files['docProps/core.xml'] = Buffer.from(xml, 'utf8');
  }
  for (const rels of Object.keys(files).filter((p) => p.endsWith('.rels'))) {
    const part = rels.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2');
    let relsXml = text(rels)!;
    let partXml = text(part);
    let n = 0;
    for (const [, id] of relsXml.matchAll(/\bId="([^"]+)"/g)) {
      if (/^rId\d+$/.test(id!)) continue;
      const stable = `rIdL${++n}`;
      relsXml = relsXml.split(`"${id}"`).join(`"${stable}"`);
      if (partXml !== undefined) partXml = partXml.split(`"${id}"`).join(`"${stable}"`);
    }
    if (n) {
      files[rels] = Buffer.from(relsXml, 'utf8');
      if (partXml !== undefined) files[part] = Buffer.from(partXml, 'utf8');
    }
  }
  const body = text(DOCUMENT_PART);
  if (body !== undefined) files[DOCUMENT_PART] = Buffer.from(renumberCounters(body), 'utf8');
  // a watermark's shape is named with a random suffix: numbered instead, in each header
  for (const header of Object.keys(files).filter((p) => /^word\/header\d+\.xml$/.test(p))) {
    const xml = text(header)!;
    if (!xml.includes(WATERMARK_ID)) continue;
    let n = 0;
    files[header] = Buffer.from(xml.replace(WATERMARK_SHAPE, () => `${WATERMARK_ID}${++n}"`), 'utf8');
  }
  // the zip format stores local time, so the UTC fields are written as they are
  const d = clampZipDate(date ?? PLACEHOLDER_DATE);
  const mtime = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  const rank = (p: string): number => (p === '[Content_Types].xml' ? 0 : p === '_rels/.rels' ? 1 : 2);
  const order = Object.keys(files).sort((a, b) => rank(a) - rank(b));
  return { files, order, mtime };
}

/** Pictures are compressed already: stored as they are, not deflated again. */
const STORED = /\.(png|jpe?g|gif)$/i;

/** The parts zipped in memory: every entry deflated at level 6, but pictures, which are stored. */
export function zipParts({ files, order, mtime }: Parts): Buffer {
  const entries: Zippable = {};
  for (const path of order) entries[path] = [files[path]!, { mtime, level: STORED.test(path) ? 0 : 6 }];
  return Buffer.from(zipSync(entries));
}

/** Deflate level of a streamed part: a 100,000-row table is 370 MB of XML (level 1: 0.4 s and 18 MB; level 6: 1.1 s and 14 MB). */
export const STREAMED_LEVEL = 1;
/** Blocks being deflated at once on libuv's thread pool (each about a megabyte): bounds the memory held. */
const IN_FLIGHT = 4;
/** Size of the blocks the streamed part is deflated in. */
const BLOCK = 1 << 20;

const deflateRaw = (block: Uint8Array, flush: number, level: number) => new Promise<Buffer>((resolve, reject) => {
  zlib.deflateRaw(block, { level, finishFlush: flush }, (err, out) => (err ? reject(err) : resolve(out)));
});

/**
 * The parts zipped with `streamed` taken from `chunks` rather than from `files`, so that a part
 * too large for one string is never held whole. The streamed part is cut into blocks of about a
 * megabyte, each deflated on Node's thread pool (native zlib, with a sync flush so the blocks join
 * into one DEFLATE stream) while the next blocks are being made; at most IN_FLIGHT blocks wait.
 * The other entries are deflated at level 6, as zipParts does.
 */
export async function zipPartsStreaming({ files, order, mtime }: Parts, streamed: string, chunks: Iterable<Uint8Array>): Promise<Uint8Array[]> {
  // the streamed part first: its deflated blocks, CRC and size
  const deflated: Buffer[] = [];
  const waiting: Array<Promise<Buffer>> = [];
  let crc = 0;
  let size = 0;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const send = async (final: boolean) => {
    const block = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    waiting.push(deflateRaw(block, final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH, STREAMED_LEVEL));
    if (waiting.length >= IN_FLIGHT) deflated.push(await waiting.shift()!);
  };
  for (const chunk of chunks) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!chunk.length) continue;
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= BLOCK) await send(false);
  }
  await send(true);
  for (const w of waiting) deflated.push(await w);

  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else out.push(data);
  });
  for (const path of order) {
    const data = path === streamed ? undefined : files[path]!;
    const stored = data !== undefined && STORED.test(path);
    // the other entries by Node's zlib at level 6 (native: several times fflate's speed), pictures stored
    const entry = data === undefined ? new Deflated(path, crc, size, 8) : new Deflated(path, zlib.crc32(data), data.length, stored ? 0 : 8);
    entry.mtime = mtime;
    zip.add(entry);
    if (data === undefined) deflated.forEach((d, i) => entry.pass(d, i === deflated.length - 1));
    else entry.pass(stored ? data : zlib.deflateRawSync(data, { level: 6 }), true);
  }
  zip.end();
  if (failure) throw failure;
  // in pieces: a large document (a 200,000-row chronology's is 35 MB) is not copied into one buffer
  return out;
}

/** A zip entry whose data is already made (DEFLATE, method 8, or stored, 0): passed through with its CRC and size. */
class Deflated extends ZipPassThrough {
  constructor(filename: string, crc: number, size: number, method: 0 | 8) {
    super(filename);
    this.compression = method;
    this.crc = crc;
    this.size = size;
  }

  pass(data: Uint8Array, final: boolean): void {
    this.ondata(null, data as Uint8Array<ArrayBuffer>, final);
  }
}

/**
 * `docx` numbers bookmarks, the table of contents' `_Toc` bookmarks and drawings from counters
 * that live as long as the process, so a second document would get other numbers: number them
 * again, in the order they appear.
 */
function renumberCounters(xml: string): string {
  const renumber = (input: string, pattern: RegExp, format: (n: number) => string): string => {
    const seen = new Map<string, number>();
    return input.replace(pattern, (match, prefix: string, id: string) => {
      if (!seen.has(id)) seen.set(id, seen.size + 1);
      return prefix + format(seen.get(id)!);
    });
  };
  let out = renumber(xml, /(_Toc)(\d+)/g, (n) => String(n));
  out = renumber(out, /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)/g, (n) => String(n));
  out = renumber(out, /(<wp:docPr\b[^>]*?\bid=")(\d+)/g, (n) => String(n));
  return out;
}

function clampZipDate(date: Date): Date {
  const min = PLACEHOLDER_DATE.getTime();
  const max = Date.UTC(2099, 11, 31, 23, 59, 58);
  return new Date(Math.min(max, Math.max(min, date.getTime())));
}
