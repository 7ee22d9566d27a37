/**
 * The text of a file that is not plain text, so the anonymisation gate can check it: office
 * documents (Word, Excel, PowerPoint and OpenDocument: zip archives of XML, unpacked with fflate,
 * with the files embedded in them), PDF (extract-pdf.ts: its pages, information, comments, form
 * values and attached files), saved e-mail (extract-mail.ts), old binary Office files and Outlook
 * messages (extract-ole.ts), RTF (control words removed), and the metadata of images
 * (image-metadata.ts). A document inside another is read as one, a few levels deep.
 *
 * The result is one line per paragraph (or spreadsheet cell), so a finding's line is the paragraph
 * of the extracted text. A file that cannot be read this way is `unreadable` with the reason; an
 * image or other binary file is `binary`: the gate cannot check either, and says so. What could not
 * be read inside a readable document is listed with it, by its number only. */
import { createRequire } from 'node:module';
import type * as fflateModule from 'fflate';
import { imageMetadata } from './image-metadata.js';
import { decodeEntities } from './entities.js';
import { decode, isUtf16, lineStarts, positionAt } from './source.js';
import { fromOle } from './extract-ole.js';
import { fromPdf } from './extract-pdf.js';
import { fromInside, type InnerText, type InnerUnchecked } from './extract-inner.js';
import { fromMail, htmlText, looksLikeMail } from './extract-mail.js';

/** The unzipper, loaded only when a review holds an office document. */
const fflate = () => createRequire(import.meta.url)('fflate') as typeof fflateModule;

export type Extracted =
  /** `unchecked`: what inside it could not be read (an attached image, an embedded file that is damaged). */
  | { kind: 'text'; text: string; format: string; unchecked?: InnerUnchecked[] }
  | { kind: 'unreadable'; reason: string }
  /** `text`: what could be read all the same (an image's metadata: its author, title, caption). */
  | { kind: 'binary'; what: string; text?: string };

export type { InnerUnchecked } from './extract-inner.js';

/** How deep documents inside documents are read (an attachment of an e-mail attached to an e-mail…). */
const MAX_NESTING = 4;

/** Largest office file unpacked (bytes of uncompressed XML taken in total). */
const MAX_XML_BYTES = 64 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What a binary file looks like from its first bytes. */
export function sniff(bytes: Uint8Array): 'zip' | 'ole' | 'pdf' | 'rtf' | 'image' | 'archive' | 'other' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  // 7-Zip, RAR, gzip, bzip2, xz, tar ("ustar" at 257), Zstandard: archives and compressed files
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])
    || startsWith(bytes, [0x1f, 0x8b]) || (startsWith(bytes, [0x42, 0x5a, 0x68]) && bytes[3] >= 0x31 && bytes[3] <= 0x39)
    || startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) || startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])
    || (bytes.length > 264 && startsWith(bytes.subarray(257), [0x75, 0x73, 0x74, 0x61, 0x72]) && (bytes[262] === 0 || (bytes[262] === 0x20 && bytes[263] === 0x20)))) return 'archive';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
    || startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || startsWith(bytes, [0x42, 0x4d])
    || (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes[8] === 0x57) || (bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70)) {
    return 'image';
  }
  return 'other';
}

/** File extensions that hold documents a reader would read (a failure to read them is an error, not a shrug). */
export const DOCUMENT_EXT = /\.(docx|docm|dotx|xlsx|xlsm|pptx|odt|ods|odp|odg|fodt|fods|fodp|vsdx|xps|oxps|pdf|doc|xls|ppt|rtf)$/i;

/** True for a file name that should be treated as a document rather than text, whatever its bytes. */
export function isDocumentName(name: string): boolean {
  return DOCUMENT_EXT.test(name);
}

/** Saved e-mail: a message (`.eml`, a web archive `.mht`) or a mailbox. */
const MAIL_EXT = /\.(eml|mht|mhtml|mbox)$/i;

/** True for a file that is a saved e-mail message or mailbox, by its name or its first lines. */
export function isMail(bytes: Uint8Array, name: string): boolean {
  if (sniff(bytes) !== 'other') return false;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 65536)).toString('latin1');
  return looksLikeMail(head) || (MAIL_EXT.test(name) && /^[!-9;-~]+:/m.test(head));
}

/** Extracts the readable text of a document file (`depth`: how deep inside other documents it is). */
export function extractText(bytes: Uint8Array, name: string, depth = 0): Extracted {
  const kind = sniff(bytes);
  switch (kind) {
    case 'zip': return fromZip(bytes, name, depth);
    case 'pdf': {
      const got = fromPdf(bytes, { attachment: (b, n) => inner(b, n, depth + 1), xml: (x) => xmlText(x, { everyElement: true }), html: htmlText });
      return got.kind === 'text' ? { kind: 'text', text: got.text, format: 'pdf', ...(got.unchecked.length ? { unchecked: got.unchecked } : {}) } : got;
    }
    case 'rtf': return { kind: 'text', text: fromRtf(Buffer.from(bytes).toString('latin1')), format: 'rtf' };
    case 'ole': return fromCompoundFile(bytes, depth);
    case 'archive': return { kind: 'unreadable', reason: 'an archive or compressed file: its files cannot be checked; unpack it into the review folder instead' };
    case 'image': {
      const meta = imageMetadata(bytes);
      return { kind: 'binary', what: meta?.gps ? 'an image whose metadata holds a GPS position (where it was taken)' : 'an image', ...(meta?.text ? { text: meta.text } : {}) };
    }
    default:
      if (isMail(bytes, name)) {
        const { text, unchecked } = fromMail(bytes, (b, n) => inner(b, n, depth + 1));
        return { kind: 'text', text, format: 'e-mail', ...(unchecked.length ? { unchecked } : {}) };
      }
      // a flat OpenDocument file is the document's XML in one file
      if (/\.fod[tsp]$/i.test(name) && /^\s*</.test(decode(bytes.subarray(0, 4096)).text.replace(/^\uFEFF/, ''))) {
        return { kind: 'text', text: xmlText(decode(bytes).text), format: 'office document' };
      }
      if (isDocumentName(name)) return { kind: 'unreadable', reason: 'not a document format dhr can read (damaged, or saved in another format)' };
      return { kind: 'binary', what: 'a binary file' };
  }
}

/**
 * A document inside another (an attachment, an embedded workbook): its text, or why it cannot be
 * read. Plain text is taken as it is; nesting deeper than {@link MAX_NESTING} is not read.
 */
function inner(bytes: Uint8Array, name: string, depth: number): InnerText {
  if (depth > MAX_NESTING) return { kind: 'unreadable', reason: `a document nested more than ${MAX_NESTING} deep, not read` };
  if (sniff(bytes) === 'other' && (!bytes.includes(0) || isUtf16(bytes)) && !isDocumentName(name) && !isMail(bytes, name)) {
    return { kind: 'text', text: decode(bytes).text };
  }
  const got = extractText(bytes, name, depth);
  if (got.kind === 'text') return { kind: 'text', text: got.text, ...(got.unchecked ? { unchecked: got.unchecked } : {}) };
  if (got.kind === 'binary') return { kind: 'binary', reason: got.what, ...(got.text ? { text: got.text } : {}) };
  return got;
}

/**
 * An old binary Office file or an Outlook message (`.msg`), stream by stream; the streams that are
 * documents of their own (attachments, embedded objects) are read as such. A file whose streams
 * cannot be listed is read as its runs of readable characters, as before.
 */
function fromCompoundFile(bytes: Uint8Array, depth: number): Extracted {
  let objects = 0;
  const got = fromOle(bytes, {
    runs: readableRuns,
    rtf: fromRtf,
    document: (b) => {
      if (sniff(b) === 'other') return null;
      return fromInside(inner(b, '', depth + 1), `attachment or embedded object ${++objects}`);
    },
  });
  if (!got) return { kind: 'text', text: readableRuns(bytes), format: 'binary office file' };
  if ('encrypted' in got) return { kind: 'unreadable', reason: ENCRYPTED };
  return { kind: 'text', text: got.text, format: 'binary office file', ...(got.unchecked.length ? { unchecked: got.unchecked } : {}) };
}

/** XML parts of an office archive that hold no text a reader reads. */
const SKIP_PART = /(^|\/)(\[Content_Types\]\.xml|theme\d*\.xml|fontTable\.xml|webSettings\.xml|settings\.xml|numbering\.xml|manifest\.xml|styles\.xml|stylesWithEffects\.xml|presProps\.xml|viewProps\.xml|tableStyles\.xml|calcChain\.xml)$/i;

/**
 * Files embedded in an office document, read as documents of their own: workbooks behind charts,
 * attached objects, and the HTML, MHT, RTF or text that a Word file imports whole (altChunk, as
 * some case systems export their records).
 */
const EMBEDDED = /^(?:(?:word|xl|ppt)\/embeddings\/[^/]+|Object \d+\/[^/]+\.(?:bin|docx|xlsx|pptx|pdf)|word\/[^/]+\.(?:html?|mht|mhtml|rtf|txt))$/i;
/** Pictures in an office document (their metadata is read; what they show cannot be). */
const PICTURE = /^(?:(?:word|xl|ppt)\/media\/|Pictures\/)[^/]+\.(?:png|jpe?g|gif|tiff?|webp|bmp|emf|wmf)$/i;

/** The reason given for a document saved with a password. */
const ENCRYPTED = 'a document saved with a password (encrypted): its text cannot be read; save a copy without the password';

/** True for an OpenDocument file saved with a password: its manifest lists how each part is encrypted. */
function odfEncrypted(bytes: Uint8Array): boolean {
  const { unzipSync, strFromU8 } = fflate();
  try {
    const manifest = unzipSync(bytes, { filter: (f) => f.name === 'META-INF/manifest.xml' })['META-INF/manifest.xml'];
    return manifest !== undefined && /<manifest:encryption-data\b/.test(strFromU8(manifest));
  } catch {
    return false;
  }
}

function fromZip(bytes: Uint8Array, name: string, depth: number): Extracted {
  const { unzipSync, strFromU8 } = fflate();
  if (odfEncrypted(bytes)) return { kind: 'unreadable', reason: ENCRYPTED };
  let files: Record<string, Uint8Array>;
  let total = 0;
  let opc = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name === '[Content_Types].xml') opc = true;
        // XML parts (an XPS document's pages are .fpage XML)
        const want = (/\.(xml|rels|fpage)$/i.test(f.name) && (!SKIP_PART.test(f.name) || /^styles\.xml$/i.test(f.name) /* OpenDocument headers and footers */))
          || EMBEDDED.test(f.name) || PICTURE.test(f.name);
        if (want) total += f.originalSize;
        return want && total <= MAX_XML_BYTES;
      },
    });
  } catch (e) {
    return { kind: 'unreadable', reason: `cannot unpack it (${(e as Error).message.split('\n')[0]})` };
  }
  if (total > MAX_XML_BYTES) return { kind: 'unreadable', reason: 'its text is larger than dhr reads (64 MB)' };
  const parts = Object.keys(files).sort(partOrder);
  // Word, Excel, PowerPoint, OpenDocument, and any other Open Packaging file (Visio's .vsdx, where
  // genograms are drawn; XPS, what Windows prints to): their XML is their text
  const isOffice = opc || parts.some((p) => /^(word|xl|ppt)\/|^content\.xml$/i.test(p));
  if (!isOffice) {
    return /\.(zip|7z)$/i.test(name) || !isDocumentName(name)
      ? { kind: 'unreadable', reason: 'an archive: its files cannot be checked; unpack it into the review folder instead' }
      : { kind: 'unreadable', reason: 'not an office document dhr can read' };
  }
  const out: string[] = [];
  const unchecked: InnerUnchecked[] = [];
  let pictures = 0;
  let embedded = 0;
  for (const p of parts) {
    if (PICTURE.test(p)) {
      pictures++;
      const meta = imageMetadata(files[p]);
      if (meta?.text) out.push(meta.text);
      continue;
    }
    if (EMBEDDED.test(p)) {
      const inside = fromInside(inner(files[p], p, depth + 1), `embedded object ${++embedded}`);
      if (inside.text) out.push(inside.text);
      unchecked.push(...inside.unchecked);
      continue;
    }
    const xml = strFromU8(files[p]);
    out.push(/\.rels$/i.test(p) ? externalTargets(xml) : xmlText(xml, { everyElement: !TEXT_PART.test(p) }));
  }
  if (pictures) unchecked.unshift({ kind: 'binary', reason: pictures === 1 ? 'it holds a picture' : `it holds ${pictures} pictures` });
  return { kind: 'text', text: out.filter((s) => s.trim() !== '').join('\n'), format: 'office document', ...(unchecked.length ? { unchecked } : {}) };
}

/**
 * Parts whose text is a document's running text (a word may be split between two runs' tags);
 * in the others (properties, charts, custom data, drawings) each element is a value of its own.
 */
const TEXT_PART = /(?:^|\/)(?:document|header\d*|footer\d*|footnotes|endnotes|comments(?:Extended)?|glossary\/document|sharedStrings|sheet\d+|slide\d+|notesSlide\d+|slideLayout\d+|slideMaster\d+|content|styles|data\d+|drawing\d+)\.xml$/i;

/** The document body first, then headers, footers, notes, comments and properties. */
function partOrder(a: string, b: string): number {
  const rank = (p: string) => (/document\.xml$|content\.xml$|sharedStrings\.xml$|slide\d+\.xml$/i.test(p) ? 0 : /\.rels$/i.test(p) ? 2 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Tags that end a paragraph, a line, a cell, a row or a Visio shape's text: a line break in the extracted text. */
const BREAK_TAG = /<\/(?:w:p|a:p|text:p|text:h|si|c|row|Text|Shape|dc:creator|cp:lastModifiedBy|dc:title|dc:subject|cp:keywords|dc:description|meta:initial-creator)>|<(?:w:br|w:cr|text:line-break|a:br)\b[^>]*\/?>/g;
const TAB_TAG = /<(?:w:tab|text:tab)\b[^>]*\/?>/g;
/** Attributes that hold people's names or text (tracked changes, comments, alt text, an XPS page's glyphs). */
const TEXT_ATTR = /\s(?:w:author|w:initials|author|initials|descr|title|name|office:name|dc:creator|meta:name|UnicodeString)="([^"]*)"/g;

/** The text of an office XML part: element text joined as Word and LibreOffice show it, plus name-bearing attributes. */
export function xmlText(xml: string, { everyElement = false } = {}): string {
  const attrs: string[] = [];
  for (const m of xml.matchAll(TEXT_ATTR)) if (m[1].trim()) attrs.push(decodeEntities(m[1]));
  // in a document's text, runs inside a word are split by tags: tags are removed without a space,
  // breaks become lines; in properties, charts and custom data every element is a value of its own
  const ends = everyElement ? /<\/[^>]*>/g : BREAK_TAG;
  const body = xml.replace(/<\?[^>]*\?>/g, '').replace(ends, '\n').replace(TAB_TAG, '\t').replace(/<[^>]*>/g, '');
  const text = decodeEntities(body).split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n');
  return attrs.length ? `${text}\n${[...new Set(attrs)].join('\n')}` : text;
}

/** External link targets of a relationships part (mailto: and web links a reader can click). */
function externalTargets(xml: string): string {
  const out: string[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!/TargetMode="External"/.test(m[0])) continue;
    const t = /Target="([^"]*)"/.exec(m[0]);
    if (t) out.push(decodeEntities(t[1]));
  }
  return out.join('\n');
}

const CP1252 = new TextDecoder('windows-1252');

/** Plain text of an RTF document: control words and groups removed, escapes decoded. */
export function fromRtf(rtf: string): string {
  let out = '';
  let skipDepth = -1;
  let depth = 0;
  let ucSkip = 1;
  for (let i = 0; i < rtf.length; i++) {
    const ch = rtf[i];
    if (ch === '{') {
      depth++;
      if (skipDepth < 0 && rtf.startsWith('{\\*', i)) skipDepth = depth;
      continue;
    }
    if (ch === '}') {
      if (depth === skipDepth) skipDepth = -1;
      depth--;
      continue;
    }
    if (ch === '\\') {
      const next = rtf[i + 1];
      if (next === "'") {
        const hex = rtf.slice(i + 2, i + 4);
        if (skipDepth < 0) out += CP1252.decode(Uint8Array.of(parseInt(hex, 16) || 0x3f));
        i += 3;
        continue;
      }
      if (next === '\\' || next === '{' || next === '}') {
        if (skipDepth < 0) out += next;
        i++;
        continue;
      }
      const m = /^([a-zA-Z]+)(-?\d+)? ?/.exec(rtf.slice(i + 1, i + 40));
      if (!m) {
        i++;
        continue;
      }
      i += m[0].length;
      const word = m[1];
      if (skipDepth >= 0) continue;
      if (word === 'par' || word === 'line' || word === 'row' || word === 'cell' || word === 'sect' || word === 'page') out += '\n';
      else if (word === 'tab') out += '\t';
      else if (word === 'uc') ucSkip = Number(m[2] ?? 1);
      else if (word === 'u' && m[2] !== undefined) {
        let cp = Number(m[2]);
        if (cp < 0) cp += 65536;
        out += String.fromCharCode(cp);
        i += ucSkip; // the replacement character(s) for readers without Unicode
      } else if (/^(fonttbl|colortbl|stylesheet|listtable|listoverridetable|pict|themedata|colorschememapping|datastore)$/.test(word)) skipDepth = depth;
      continue;
    }
    if (ch === '\r' || ch === '\n') continue;
    if (skipDepth < 0) out += ch;
  }
  return out.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n');
}

/**
 * Readable runs of an old binary Office file (Word 97–2003 keeps its text as plain Windows-1252
 * or UTF-16LE runs): at least four letters, digits, spaces or punctuation in a row.
 */
export function readableRuns(bytes: Uint8Array): string {
  const out: string[] = [];
  const isText = (c: number) => (c >= 0x20 && c < 0x7f) || c === 9 || (c >= 0xa0 && c <= 0xff);
  // single-byte runs
  let run: number[] = [];
  const flush = (wide: boolean) => {
    if (run.length >= 4) {
      const s = wide ? String.fromCharCode(...run) : CP1252.decode(Uint8Array.from(run));
      if (/[A-Za-z0-9]{2}/.test(s)) out.push(s.trim());
    }
    run = [];
  };
  for (let i = 0; i < bytes.length; i++) {
    if (isText(bytes[i])) run.push(bytes[i]);
    else {
      if (bytes[i] === 0x0d || bytes[i] === 0x0b) run.push(0x0a);
      flush(false);
    }
    if (run.length > 4096) flush(false);
  }
  flush(false);
  // UTF-16LE runs, from even offsets and from odd ones (a string need not start on an even byte)
  for (const from of [0, 1]) {
    for (let i = from; i + 1 < bytes.length; i += 2) {
      const c = bytes[i] | (bytes[i + 1] << 8);
      if (c >= 0x20 && c !== 0x7f && c < 0xd800 && !(c >= 0x80 && c < 0xa0)) run.push(c);
      else flush(true);
      if (run.length > 4096) flush(true);
    }
    flush(true);
  }
  return out.join('\n');
}

/** A `data:` URI with base64 content: its media type and its data (RFC 2397). */
const DATA_URI = /data:([\w.+-]+\/[\w.+-]+)?((?:;[\w.+-]+=[^;,\s"')]*)*);base64,([A-Za-z0-9+/]{16,}={0,2})/g;

/**
 * What the base64 `data:` URIs in a text hold (an image pasted into Markdown, a page saved with its
 * pictures inside it, a document linked as data): the text of each, read as the file it would be,
 * set on the line and at the column where its URI starts (so a finding in it points there), and
 * what in them could not be read (pictures), by number.
 */
export function dataUriText(text: string): { text: string; unchecked: InnerUnchecked[] } | undefined {
  if (!text.includes('data:')) return undefined;
  const starts = lineStarts(text);
  const lines: string[] = [];
  const unchecked: InnerUnchecked[] = [];
  let n = 0;
  for (const m of text.matchAll(DATA_URI)) {
    const inside = fromInside(inner(Buffer.from(m[3], 'base64'), '', 1), `data: URI ${++n}`);
    if (inside.text?.trim()) {
      const { line, column } = positionAt(starts, m.index);
      const flat = inside.text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').join(' | ');
      const before = lines[line - 1] ?? '';
      lines[line - 1] = before + ' '.repeat(Math.max(1, column - 1 - before.length)) + flat;
    }
    unchecked.push(...inside.unchecked);
  }
  if (!n) return undefined;
  return { text: Array.from(lines, (l) => l ?? '').join('\n'), unchecked };
}
