/**
 * The metadata text of an image, so the anonymisation gate can check it for real names.
 *
 * The gate cannot read names in a photograph's pixels, but an image's metadata often holds them as
 * plain text: who took it or wrote it (EXIF Artist, XMP dc:creator, IPTC By-line, PNG Author), a
 * caption or description, keywords, comments, a copyright line. It may also hold a GPS position:
 * a photograph taken at the victim's home identifies the home. This module reads that metadata by
 * hand from the bytes of PNG, JPEG, GIF, WebP and TIFF files, without decoding any pixels:
 *
 * - JPEG: COM comments, APP1 EXIF and XMP (with extended XMP), APP13 Photoshop IPTC;
 * - PNG: tEXt, zTXt and iTXt chunks (XMP and ImageMagick's hex "Raw profile" chunks read as such), eXIf;
 * - GIF: comment and plain-text extensions, the XMP application extension;
 * - WebP: the EXIF and XMP chunks;
 * - TIFF: the ASCII tags of its directories, with their EXIF and GPS directories, XMP and IPTC;
 * - HEIF and AVIF (an iPhone's photographs): their EXIF and XMP items, found by their headers.
 *
 * Every offset and length in the file is checked against the buffer: a damaged, truncated or
 * hostile file gives what could be read, and never throws. At most 10 TIFF directories are
 * followed per TIFF structure, compressed text inflates to at most 1 MB, at most 64 MB of bytes
 * are read as text, and the text returned is at most 1 MB.
 */
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import { decodeEntities } from './entities.js';

export interface ImageMetadata {
  /** The text values of the image's metadata fields, one value per line (trimmed, empty values left out, duplicates once), in file order. No field names, no binary noise. */
  text: string;
  /** True when the metadata holds a GPS position (EXIF GPS IFD with a latitude, or XMP exif:GPSLatitude). */
  gps: boolean;
}

/** Most characters of text returned for one image. */
const MAX_TEXT = 1024 * 1024;
/** Most bytes one compressed text inflates to (more is treated as unreadable). */
const MAX_INFLATE = 1024 * 1024;
/** Most bytes read as text from one image, all fields together (bounds the work on a hostile file). */
const MAX_READ = 64 * 1024 * 1024;
/** Most bytes of one field value read. */
const MAX_VALUE = 16 * 1024 * 1024;
/** Most TIFF image file directories (IFDs) read in one TIFF structure. */
const MAX_IFDS = 10;

// ---------------------------------------------------------------------------------------------
// Text found

/** Characters that are not text: C0 and C1 controls other than tab (line breaks and NUL split values). */
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** True for a line that is encoded data (a base64 thumbnail or depth map in XMP), not words: 256 or more base64 characters. */
function isEncodedData(line: string): boolean {
  if (line.length < 256) return false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const base64 = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d;
    if (!base64) return false;
  }
  return true;
}

/** The text values found so far: one per line, trimmed, each once, in the order found, up to MAX_TEXT. */
class Found {
  gps = false;
  private lines: string[] = [];
  private seen = new Set<string>();
  private size = 0;
  private budget = MAX_READ;

  /** True when no more text is wanted (the text limit or the reading budget is reached). */
  get full(): boolean {
    return this.size >= MAX_TEXT || this.budget <= 0;
  }

  /** Counts bytes read as text against the budget; false when the budget is spent. */
  spend(bytes: number): boolean {
    this.budget -= bytes;
    return this.budget > 0;
  }

  /** Decodes a field value's bytes and adds its text. */
  addBytes(bytes: Uint8Array, decode: (b: Uint8Array) => string = decodeText): void {
    if (bytes.length === 0 || this.full || !this.spend(bytes.length)) return;
    this.add(decode(bytes));
  }

  /** Adds a value: each of its lines (NUL also separates values) once, without control characters. */
  add(value: string): void {
    for (const raw of value.split(/[\r\n\u0000\u2028\u2029]+/)) {
      if (this.full) return;
      const line = raw.replace(CONTROL, ' ').trim().slice(0, MAX_TEXT - this.size);
      if (line === '' || this.seen.has(line) || isEncodedData(line)) continue;
      this.seen.add(line);
      this.lines.push(line);
      this.size += line.length + 1;
    }
  }

  result(): ImageMetadata {
    return { text: this.lines.join('\n'), gps: this.gps };
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes and text

const latin1 = new TextDecoder('latin1'); // the WHATWG "latin1" is windows-1252
const utf16le = new TextDecoder('utf-16le');

/** True when the bytes at `at` are the characters of `s` (each a byte). */
function startsWith(b: Uint8Array, s: string, at = 0): boolean {
  if (at + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Big-endian 16-bit number at p, or -1 past the end. */
const be16 = (b: Uint8Array, p: number) => (p >= 0 && p + 2 <= b.length ? (b[p] << 8) | b[p + 1] : -1);
/** Big-endian 32-bit number at p, or -1 past the end. */
const be32 = (b: Uint8Array, p: number) => (p >= 0 && p + 4 <= b.length ? ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0 : -1);
/** Little-endian 32-bit number at p, or -1 past the end. */
const le32 = (b: Uint8Array, p: number) => (p >= 0 && p + 4 <= b.length ? ((b[p + 3] << 24) | (b[p + 2] << 16) | (b[p + 1] << 8) | b[p]) >>> 0 : -1);

/** The bytes from `from` for `length` bytes, cut at the end of the buffer. */
const slice = (b: Uint8Array, from: number, length: number) => b.subarray(from, Math.min(from + length, b.length));

/** Text bytes as UTF-8 when they are valid UTF-8 (a sequence cut off at the end is dropped), else as Latin-1; trailing NULs dropped. */
function decodeText(b: Uint8Array): string {
  let n = b.length;
  while (n > 0 && b[n - 1] === 0) n--;
  const text = b.subarray(0, n);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text, { stream: true });
  } catch {
    return latin1.decode(text);
  }
}

/** UTF-16 text in the byte order given (a byte-order mark, when present, wins). */
function decodeUtf16(b: Uint8Array, littleEndian: boolean): string {
  if (b[0] === 0xfe && b[1] === 0xff) littleEndian = false;
  if (b[0] === 0xff && b[1] === 0xfe) littleEndian = true;
  const n = b.length & ~1;
  const le = new Uint8Array(n);
  for (let i = 0; i < n; i += 2) {
    le[i] = littleEndian ? b[i] : b[i + 1];
    le[i + 1] = littleEndian ? b[i + 1] : b[i];
  }
  return utf16le.decode(le);
}

/** Which byte order UTF-16 text seems to be in: Latin text has its zero bytes on one side. */
function utf16LooksLittleEndian(b: Uint8Array, otherwise: boolean): boolean {
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let i = 0; i + 1 < Math.min(b.length, 256); i += 2) {
    if (b[i] === 0 && b[i + 1] !== 0) zeroFirst++;
    if (b[i + 1] === 0 && b[i] !== 0) zeroSecond++;
  }
  return zeroFirst === zeroSecond ? otherwise : zeroSecond > zeroFirst;
}

/**
 * An EXIF text with an 8-byte character code first (UserComment, GPSAreaInformation):
 * "ASCII", "UNICODE" (UTF-16, normally in the TIFF's byte order), "JIS" or undefined (zeros).
 */
function decodeCodedText(b: Uint8Array, tiffLittleEndian: boolean): string {
  if (b.length < 8) return decodeText(b);
  const body = b.subarray(8);
  if (startsWith(b, 'UNICODE\0')) return decodeUtf16(body, utf16LooksLittleEndian(body, tiffLittleEndian));
  if (startsWith(b, 'JIS\0')) return decodeJis(body);
  return decodeText(body);
}

/** Japanese text in a JIS character set, as Shift JIS when it is that; otherwise nothing (not noise). */
function decodeJis(b: Uint8Array): string {
  try {
    return new TextDecoder('shift_jis', { fatal: true }).decode(b);
  } catch {
    return '';
  }
}

/** Inflates zlib data to at most MAX_INFLATE bytes; null when it is damaged or larger (a bomb). */
function inflate(data: Uint8Array, out: Found): Uint8Array | null {
  try {
    // a truncated stream gives what it holds (sync flush), a longer output throws
    return inflateSync(data, { maxOutputLength: MAX_INFLATE, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    out.spend(MAX_INFLATE); // the work done counts against the budget, so many bombs stop the reading
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// XMP (XML): element text and attribute values

/** Attributes that are XML or RDF structure, not values. */
const STRUCTURE_ATTR = /^(?:xmlns(?::.*)?|rdf:about|rdf:parseType|rdf:nodeID|rdf:datatype|xml:lang|x:xmptk)$/;
/** The local part of an XML name (GPSLatitude of exif:GPSLatitude). */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Reads an XMP packet: the text of its elements and the values of its attributes. */
function readXmp(bytes: Uint8Array, out: Found): void {
  const b = bytes.subarray(0, MAX_VALUE);
  if (b.length === 0 || out.full || !out.spend(b.length)) return;
  readXml(decodeText(b), out);
}

/** Walks XML text once, from start to end (no regular expression over the whole text: hostile input stays linear). */
function readXml(xml: string, out: Found): void {
  let element = ''; // the element whose text comes next, to see a GPS latitude
  let i = 0;
  while (i < xml.length && !out.full) {
    const lt = xml.indexOf('<', i);
    addXmlValue(xml.slice(i, lt < 0 ? xml.length : lt), element, out);
    if (lt < 0) return;
    if (xml.startsWith('<!--', lt)) {
      i = endOf(xml, '-->', lt);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      addXmlValue(xml.slice(lt + 9, end < 0 ? xml.length : end), element, out, false);
      i = end < 0 ? xml.length : end + 3;
    } else if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      i = endOf(xml, '>', lt); // a processing instruction (the xpacket wrapper) or a declaration
    } else {
      const gt = tagEnd(xml, lt);
      const tag = xml.slice(lt + 1, gt);
      const name = tag.startsWith('/') ? '' : readStartTag(tag, out);
      element = tag.endsWith('/') ? '' : name; // an end tag or an empty element has no text to come
      i = gt + 1;
    }
  }
}

/** The position just after the next `end` from `from` (the end of the text when there is none). */
function endOf(xml: string, end: string, from: number): number {
  const at = xml.indexOf(end, from);
  return at < 0 ? xml.length : at + end.length;
}

/** The position of the '>' that closes the tag opened at `lt` ('>' inside quoted values skipped). */
function tagEnd(xml: string, lt: number): number {
  let quote = '';
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return xml.length;
}

/** Adds the values of a start tag's attributes; returns the element's name. */
function readStartTag(tag: string, out: Found): string {
  const name = /^[^\s/>]*/.exec(tag)![0];
  for (const [attr, raw] of attributes(tag, name.length)) {
    if (!STRUCTURE_ATTR.test(attr)) addXmlValue(raw, attr, out);
  }
  return name;
}

/** The attributes of a tag as name and raw value pairs, read by hand (linear on any input). */
function attributes(tag: string, from: number): [string, string][] {
  const found: [string, string][] = [];
  let i = from;
  while (i < tag.length) {
    while (i < tag.length && /[\s/]/.test(tag[i])) i++;
    const nameStart = i;
    while (i < tag.length && !/[\s=]/.test(tag[i])) i++;
    const name = tag.slice(nameStart, i);
    while (i < tag.length && /\s/.test(tag[i])) i++;
    if (tag[i] !== '=') continue; // a name without a value
    i++;
    while (i < tag.length && /\s/.test(tag[i])) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, i + 1);
    const stop = end < 0 ? tag.length : end;
    found.push([name, tag.slice(i + 1, stop)]);
    i = stop + 1;
  }
  return found;
}

/** Adds an XML text or attribute value (decoding entities unless it is CDATA); a GPSLatitude value sets gps. */
function addXmlValue(raw: string, name: string, out: Found, entities = true): void {
  const value = entities ? decodeEntities(raw) : raw;
  if (value.trim() === '') return;
  if (localName(name) === 'GPSLatitude') out.gps = true;
  out.add(value);
}

// ---------------------------------------------------------------------------------------------
// IPTC-IIM and Photoshop image resources

/** IPTC record-2 datasets that hold text a person wrote: object name, keywords, by-line and title, places, headline, credit, source, copyright, caption, writer. */
const IPTC_TEXT = new Set([5, 25, 80, 85, 90, 92, 95, 101, 105, 110, 115, 116, 120, 122]);

/** Reads IPTC-IIM records (0x1C, record, dataset, length, data) until something else. */
function readIptc(b: Uint8Array, out: Found): void {
  let p = 0;
  while (p + 5 <= b.length && b[p] === 0x1c && !out.full) {
    const record = b[p + 1];
    const dataset = b[p + 2];
    let length = be16(b, p + 3);
    p += 5;
    if (length & 0x8000) {
      // an extended dataset: the next (length & 0x7fff) bytes hold the length
      const n = length & 0x7fff;
      if (n > 4 || p + n > b.length) return;
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + b[p + k];
      p += n;
    }
    if (record === 2 && IPTC_TEXT.has(dataset)) out.addBytes(slice(b, p, length));
    p += length;
  }
}

/** Signatures of Photoshop image resource blocks. */
const RESOURCE_SIGNATURES = ['8BIM', 'MeSa', 'PHUT', 'AgHg', 'DCSR'];

/** Reads Photoshop image resources: IPTC (0x0404) and XMP (0x0424); others (thumbnails…) skipped. */
function readPhotoshop(b: Uint8Array, out: Found): void {
  let p = 0;
  while (p + 12 <= b.length && !out.full) {
    if (!RESOURCE_SIGNATURES.some((s) => startsWith(b, s, p))) return;
    const id = be16(b, p + 4);
    p += 6 + ((b[p + 6] + 2) & ~1); // the name: a Pascal string padded to an even length
    const size = be32(b, p);
    if (size < 0) return;
    const data = slice(b, p + 4, size);
    if (id === 0x0404) readIptc(data, out);
    else if (id === 0x0424) readXmp(data, out);
    p += 4 + size + (size & 1);
  }
}

// ---------------------------------------------------------------------------------------------
// TIFF structure (TIFF files, and EXIF in JPEG, PNG and WebP)

/** A TIFF structure: its offsets count from the start of `b`. */
interface Tiff {
  b: Uint8Array;
  le: boolean;
}
type IfdKind = 'main' | 'exif' | 'gps';

/** Bytes per value of each TIFF field type (BYTE, ASCII, SHORT, LONG, RATIONAL, …, IFD). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const ASCII = 2;
const TAG = {
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  gpsLatitude: 0x0002,
  gpsAreaInformation: 0x001c,
  userComment: 0x9286,
  xmp: 0x02bc,
  iptc: 0x83bb,
  photoshop: 0x8649,
};
/** Windows XPTitle, XPComment, XPAuthor, XPKeywords, XPSubject: UTF-16LE text in BYTE arrays. */
const isXpTag = (tag: number) => tag >= 0x9c9b && tag <= 0x9c9f;
/** GPS tags whose ASCII value is a one-letter reference (N/S, E/W, K/M/N, T/M, A/V, 2/3): not text. */
const GPS_REFERENCE_TAGS = new Set([0x01, 0x03, 0x09, 0x0a, 0x0c, 0x0e, 0x10, 0x13, 0x15, 0x17, 0x19]);

function tiffU16(t: Tiff, off: number): number {
  if (off < 0 || off + 2 > t.b.length) return -1;
  return t.le ? t.b[off] | (t.b[off + 1] << 8) : (t.b[off] << 8) | t.b[off + 1];
}

function tiffU32(t: Tiff, off: number): number {
  return t.le ? le32(t.b, off) : be32(t.b, off);
}

/** Reads a TIFF structure: the chain of main directories, and the EXIF and GPS directories they point to. */
function readTiff(b: Uint8Array, out: Found): void {
  const le = startsWith(b, 'II');
  if (!le && !startsWith(b, 'MM')) return;
  const t: Tiff = { b, le };
  if (tiffU16(t, 2) !== 42) return; // not classic TIFF (BigTIFF is 43)
  const queue: [number, IfdKind][] = [[tiffU32(t, 4), 'main']];
  const seen = new Set<number>();
  while (queue.length > 0 && seen.size < MAX_IFDS && !out.full) {
    const [off, kind] = queue.shift()!;
    if (off < 8 || seen.has(off)) continue; // 0 ends a chain; a directory seen before is a loop
    seen.add(off);
    readIfd(t, off, kind, out, queue);
  }
}

/** Reads one directory's entries; queues the directories it points to. */
function readIfd(t: Tiff, off: number, kind: IfdKind, out: Found, queue: [number, IfdKind][]): void {
  const count = tiffU16(t, off);
  if (count < 0) return;
  for (let i = 0; i < count && !out.full; i++) {
    const entry = off + 2 + 12 * i;
    if (entry + 12 > t.b.length) return; // the rest of the directory is cut off
    readEntry(t, entry, kind, out, queue);
  }
  if (kind === 'main') queue.push([tiffU32(t, off + 2 + 12 * count), 'main']); // the next directory (a page, or EXIF's thumbnail)
}

/** Reads one directory entry: tag, type, count, then the value or its offset. */
function readEntry(t: Tiff, entry: number, kind: IfdKind, out: Found, queue: [number, IfdKind][]): void {
  const tag = tiffU16(t, entry);
  const type = tiffU16(t, entry + 2);
  const count = tiffU32(t, entry + 4);
  if (kind === 'main' && (tag === TAG.exifIfd || tag === TAG.gpsIfd)) {
    queue.push([tiffU32(t, entry + 8), tag === TAG.exifIfd ? 'exif' : 'gps']);
    return;
  }
  if (kind === 'gps' && tag === TAG.gpsLatitude && count > 0) out.gps = true;
  const value = entryValue(t, entry, type, count);
  if (value) readValue(t, tag, type, kind, value, out);
}

/** The bytes of an entry's value (in the entry when 4 bytes or fewer), cut at the end of the buffer; null when out of it. */
function entryValue(t: Tiff, entry: number, type: number, count: number): Uint8Array | null {
  const size = (TYPE_SIZE[type] ?? 0) * count;
  if (size <= 0) return null;
  const off = size <= 4 ? entry + 8 : tiffU32(t, entry + 8);
  if (off < 0 || off >= t.b.length) return null;
  return slice(t.b, off, Math.min(size, MAX_VALUE));
}

/** Adds an entry's value when it is text; numbers, MakerNote, thumbnails and other binary values are skipped. */
function readValue(t: Tiff, tag: number, type: number, kind: IfdKind, value: Uint8Array, out: Found): void {
  if (type === ASCII) {
    if (!(kind === 'gps' && GPS_REFERENCE_TAGS.has(tag))) out.addBytes(value);
  } else if (kind === 'main' && isXpTag(tag)) {
    out.addBytes(value, (b) => decodeUtf16(b, true));
  } else if ((kind !== 'gps' && tag === TAG.userComment) || (kind === 'gps' && tag === TAG.gpsAreaInformation)) {
    out.addBytes(value, (b) => decodeCodedText(b, t.le));
  } else if (kind === 'main' && tag === TAG.xmp) {
    readXmp(value, out);
  } else if (kind === 'main' && tag === TAG.iptc) {
    readIptc(value, out);
  } else if (kind === 'main' && tag === TAG.photoshop) {
    readPhotoshop(value, out);
  }
}

// ---------------------------------------------------------------------------------------------
// JPEG

const EXIF_HEADER = 'Exif\0'; // then a padding byte, then the TIFF structure
const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXTENSION_HEADER = 'http://ns.adobe.com/xmp/extension/\0';
const PHOTOSHOP_HEADER = 'Photoshop 3.0\0';

/** A piece of extended XMP (XMP too long for one segment): its packet's id, its offset in the packet, its bytes. */
interface XmpPiece {
  id: string;
  offset: number;
  data: Uint8Array;
}

/** Reads the segments before the image data (start of scan): the pixels are never read. */
function readJpeg(b: Uint8Array, out: Found): void {
  const pieces: XmpPiece[] = [];
  let p = 2;
  while (p + 4 <= b.length && b[p] === 0xff && !out.full) {
    const marker = b[p + 1];
    if (marker === 0xff) {
      p++; // a fill byte
    } else if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2; // markers without a length
    } else if (marker === 0xda || marker === 0xd9) {
      break; // start of scan (pixel data follows) or end of image
    } else {
      const length = be16(b, p + 2);
      if (length < 2) break;
      readJpegSegment(marker, slice(b, p + 4, length - 2), out, pieces);
      p += 2 + length;
    }
  }
  readExtendedXmp(pieces, out);
}

function readJpegSegment(marker: number, data: Uint8Array, out: Found, pieces: XmpPiece[]): void {
  if (marker === 0xfe) {
    out.addBytes(data); // COM: a comment
  } else if (marker === 0xe1 && startsWith(data, EXIF_HEADER)) {
    readTiff(data.subarray(6), out);
  } else if (marker === 0xe1 && startsWith(data, XMP_HEADER)) {
    readXmp(data.subarray(XMP_HEADER.length), out);
  } else if (marker === 0xe1 && startsWith(data, XMP_EXTENSION_HEADER)) {
    // the packet's id (32 characters), its full length, this piece's offset, then the piece
    const at = XMP_EXTENSION_HEADER.length;
    const offset = be32(data, at + 36);
    if (offset >= 0) pieces.push({ id: latin1.decode(data.subarray(at, at + 32)), offset, data: data.subarray(at + 40) });
  } else if (marker === 0xed && startsWith(data, PHOTOSHOP_HEADER)) {
    readPhotoshop(data.subarray(PHOTOSHOP_HEADER.length), out);
  }
}

/** Joins the pieces of each extended XMP packet in order and reads it. */
function readExtendedXmp(pieces: XmpPiece[], out: Found): void {
  for (const id of new Set(pieces.map((x) => x.id))) {
    const mine = pieces.filter((x) => x.id === id).sort((a, b) => a.offset - b.offset);
    readXmp(Buffer.concat(mine.map((x) => x.data)), out);
  }
}

// ---------------------------------------------------------------------------------------------
// PNG

/** Walks the chunks up to IEND, reading the text and EXIF chunks; image data is skipped unread. */
function readPng(b: Uint8Array, out: Found): void {
  let p = 8;
  while (p + 8 <= b.length && !out.full) {
    const length = be32(b, p);
    const type = latin1.decode(b.subarray(p + 4, p + 8));
    if (type === 'IEND') return;
    readPngChunk(type, slice(b, p + 8, length), out);
    p += 12 + length; // length, type, data, CRC
  }
}

function readPngChunk(type: string, data: Uint8Array, out: Found): void {
  const nul = type === 'tEXt' || type === 'zTXt' || type === 'iTXt' ? data.indexOf(0) : -1;
  const keyword = nul > 0 ? latin1.decode(data.subarray(0, nul)) : '';
  const rest = data.subarray(nul + 1);
  if (type === 'eXIf') {
    readTiff(startsWith(data, EXIF_HEADER) ? data.subarray(6) : data, out);
  } else if (nul < 0) {
    // not a text chunk, or a text chunk without its keyword
  } else if (type === 'tEXt') {
    readPngText(keyword, rest, out);
  } else if (type === 'zTXt') {
    const text = rest[0] === 0 ? inflate(rest.subarray(1), out) : null; // method 0: zlib
    if (text) readPngText(keyword, text, out);
  } else if (type === 'iTXt') {
    readPngInternationalText(keyword, rest, out);
  }
}

/** iTXt after its keyword: compression flag, method, language tag, translated keyword (not taken), then UTF-8 text. */
function readPngInternationalText(keyword: string, rest: Uint8Array, out: Found): void {
  const compressed = rest[0] === 1;
  const languageEnd = rest.indexOf(0, 2);
  const translatedEnd = languageEnd < 0 ? -1 : rest.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return;
  const body = rest.subarray(translatedEnd + 1);
  const text = compressed ? (rest[1] === 0 ? inflate(body, out) : null) : body;
  if (text) readPngText(keyword, text, out);
}

/** A text chunk's text: XMP read as XMP, ImageMagick's hex profiles decoded, anything else as text (UTF-8 when valid, else Latin-1). */
function readPngText(keyword: string, text: Uint8Array, out: Found): void {
  if (keyword === 'XML:com.adobe.xmp') readXmp(text, out);
  else if (keyword.startsWith('Raw profile type ')) readRawProfile(keyword.slice(17).toLowerCase(), text, out);
  else out.addBytes(text);
}

/**
 * ImageMagick's "Raw profile type <name>" text: a line with the name, a line with the length,
 * then the profile's bytes in hex. EXIF, IPTC and XMP profiles are read; others (ICC) skipped.
 */
function readRawProfile(name: string, text: Uint8Array, out: Found): void {
  if (!out.spend(text.length)) return;
  const m = /^\s*\S+[ \t]*\n\s*(\d+)\s*\n/.exec(latin1.decode(text.subarray(0, 200)));
  if (!m) return;
  const hex = latin1.decode(text.subarray(m[0].length)).replace(/[^0-9a-fA-F]/g, '');
  const bytes = Buffer.from(hex.slice(0, 2 * Number(m[1])), 'hex');
  if (name === 'exif' || name === 'app1') readTiff(startsWith(bytes, EXIF_HEADER) ? bytes.subarray(6) : bytes, out);
  else if (name === 'xmp') readXmp(bytes, out);
  else if (name === 'iptc' || name === '8bim') readIptcProfile(bytes, out);
}

/** An IPTC profile: Photoshop resources (with or without their header) or bare IPTC records. */
function readIptcProfile(b: Uint8Array, out: Found): void {
  if (startsWith(b, PHOTOSHOP_HEADER)) readPhotoshop(b.subarray(PHOTOSHOP_HEADER.length), out);
  else if (b[0] === 0x1c) readIptc(b, out);
  else readPhotoshop(b, out);
}

// ---------------------------------------------------------------------------------------------
// GIF

const GIF_XMP_APP = 'XMP DataXMP';
/** The start of the 258-byte trailer that follows XMP in a GIF (0x01, 0xFF, 0xFE, … 0x00). */
const GIF_XMP_TRAILER = Buffer.from([0x01, 0xff, 0xfe]);

/** Walks the blocks of a GIF up to its trailer, reading comment, plain-text and XMP extensions. */
function readGif(b: Uint8Array, out: Found): void {
  if (b.length < 13) return;
  let p = 13 + colourTableSize(b[10]); // header, logical screen descriptor, global colour table
  while (p < b.length && !out.full) {
    if (b[p] === 0x2c) p = skipGifImage(b, p);
    else if (b[p] === 0x21) p = readGifExtension(b, p, out);
    else return; // the trailer (0x3B), or something malformed
  }
}

/** Bytes of the colour table a GIF packed-fields byte announces. */
const colourTableSize = (packed: number) => (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);

/** The position after the data sub-blocks from p (each a length byte and that many bytes; a zero length ends them). */
function subBlocksEnd(b: Uint8Array, p: number): number {
  while (p < b.length && b[p] !== 0) p += 1 + b[p];
  return p + 1;
}

/** The bytes of the data sub-blocks from p, joined (at most MAX_VALUE of them). */
function subBlocksData(b: Uint8Array, p: number): Uint8Array {
  const data = new Uint8Array(Math.min(subBlocksEnd(b, p) - p, b.length - p, MAX_VALUE));
  let at = 0;
  for (; p < b.length && b[p] !== 0 && at < data.length; p += 1 + b[p]) {
    const piece = slice(b, p + 1, Math.min(b[p], data.length - at));
    data.set(piece, at);
    at += piece.length;
  }
  return data.subarray(0, at);
}

/** Skips an image: its descriptor, local colour table, LZW code size and data. */
function skipGifImage(b: Uint8Array, p: number): number {
  if (p + 10 > b.length) return b.length;
  return subBlocksEnd(b, p + 11 + colourTableSize(b[p + 9]));
}

function readGifExtension(b: Uint8Array, p: number, out: Found): number {
  const label = b[p + 1];
  const end = subBlocksEnd(b, p + 2);
  if (label === 0xfe) out.addBytes(subBlocksData(b, p + 2)); // a comment
  else if (label === 0x01 && p + 2 < b.length) out.addBytes(subBlocksData(b, p + 3 + b[p + 2])); // plain text, after its header block
  else if (label === 0xff && b[p + 2] === 11 && startsWith(b, GIF_XMP_APP, p + 3)) readGifXmp(b, p + 14, end, out);
  return end;
}

/** GIF XMP: raw XML bytes (not sub-blocks) from `start`, up to the trailer that lets a decoder skip them. */
function readGifXmp(b: Uint8Array, start: number, end: number, out: Found): void {
  const bytes = b.subarray(start, end);
  const region = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const trailer = region.indexOf(GIF_XMP_TRAILER);
  readXmp(trailer < 0 ? region : region.subarray(0, trailer), out);
}

// ---------------------------------------------------------------------------------------------
// WebP

/** Walks the RIFF chunks of a WebP, reading its EXIF and XMP chunks. */
function readWebp(b: Uint8Array, out: Found): void {
  let p = 12;
  while (p + 8 <= b.length && !out.full) {
    const type = latin1.decode(b.subarray(p, p + 4));
    const size = le32(b, p + 4);
    const data = slice(b, p + 8, size);
    if (type === 'EXIF') readTiff(startsWith(data, EXIF_HEADER) ? data.subarray(6) : data, out);
    else if (type === 'XMP ') readXmp(data, out);
    p += 8 + size + (size & 1); // chunks are padded to an even length
  }
}

// ---------------------------------------------------------------------------------------------
// HEIF, AVIF and other ISO media files (an iPhone's photographs)

/** Most EXIF blocks or XMP packets looked for in one HEIF file. */
const MAX_HEIF_BLOCKS = 8;

/**
 * Reads the EXIF and XMP of a HEIF or AVIF image (ISO/IEC 23008-12): they are items of the file,
 * stored anywhere in it, so they are found by their own headers ("Exif\0\0" before a TIFF
 * structure; an `<x:xmpmeta>` packet) rather than through the file's item tables.
 */
function readHeif(b: Uint8Array, out: Found): void {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (let at = buf.indexOf('Exif\0\0', 0, 'latin1'), n = 0; at >= 0 && n < MAX_HEIF_BLOCKS && !out.full; at = buf.indexOf('Exif\0\0', at + 6, 'latin1'), n++) {
    const tiff = b.subarray(at + 6);
    if (startsWith(tiff, 'II*\0') || startsWith(tiff, 'MM\0*')) readTiff(tiff, out);
  }
  for (let at = buf.indexOf('<x:xmpmeta', 0, 'latin1'), n = 0; at >= 0 && n < MAX_HEIF_BLOCKS && !out.full; at = buf.indexOf('<x:xmpmeta', at + 10, 'latin1'), n++) {
    const end = buf.indexOf('</x:xmpmeta>', at, 'latin1');
    readXmp(b.subarray(at, end < 0 ? Math.min(b.length, at + MAX_INFLATE) : end + 12), out);
  }
}

// ---------------------------------------------------------------------------------------------
// The image

type Format = 'png' | 'jpeg' | 'gif' | 'tiff' | 'webp' | 'heif';

/** The image format from the file's first bytes (`heif`: any ISO media file, HEIC and AVIF photographs among them); null for anything else (BMP, not an image). */
function imageFormat(b: Uint8Array): Format | null {
  if (b[0] === 0x89 && startsWith(b, 'PNG', 1)) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (startsWith(b, 'GIF8')) return 'gif';
  if (startsWith(b, 'II*\0') || startsWith(b, 'MM\0*')) return 'tiff';
  if (startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8)) return 'webp';
  if (startsWith(b, 'ftyp', 4)) return 'heif';
  return null;
}

const READERS: Record<Format, (b: Uint8Array, out: Found) => void> = {
  png: readPng,
  jpeg: readJpeg,
  gif: readGif,
  tiff: readTiff,
  webp: readWebp,
  heif: readHeif,
};

/** Metadata text of a PNG, JPEG, GIF, WebP, TIFF or HEIF/AVIF image; null for any other bytes. Never throws: a damaged or truncated file gives what could be read. */
export function imageMetadata(bytes: Uint8Array): ImageMetadata | null {
  const format = imageFormat(bytes);
  if (!format) return null;
  const out = new Found();
  try {
    READERS[format](bytes, out);
  } catch {
    // every read is guarded; should one still fail, what was read so far stands
  }
  return out.result();
}
