/**
 * The text of a saved e-mail (`.eml`, `.mht`, an mbox file), so the anonymisation gate can check
 * it: chronologies and IMRs arrive by e-mail, and a message saved into a review folder hides what
 * it says from a plain text search. Header fields may be encoded words (`=?UTF-8?B?…?=`), bodies
 * base64 or quoted-printable in any character set, HTML, or nested messages, and attachments are
 * documents of their own.
 *
 * The result is the decoded headers, one field a line, then each text part, decoded, and the text
 * of each attachment that is a document (through the caller's extractor: Word, PDF, another
 * e-mail…). What cannot be read (an image, a damaged or encrypted document) is listed, by its
 * place in the message only: an attachment's name may itself be a real name.
 */
import { createRequire } from 'node:module';
import type iconvModule from 'iconv-lite';
import { decodeEntities } from './entities.js';
import { fromInside, type InnerReader, type InnerText, type InnerUnchecked } from './extract-inner.js';

const iconv = () => createRequire(import.meta.url)('iconv-lite') as typeof iconvModule;

/** Deepest nesting of multiparts and attached messages followed. */
const MAX_DEPTH = 12;
/** Most parts read in one file (an mbox of many messages counts them all). */
const MAX_PARTS = 5000;

/**
 * Header fields left out of the text: those about the structure of the message (an attachment's
 * name is taken from them separately) and those that are signatures or scanners' verdicts in
 * base64, which no person wrote. Routing fields stay: a host or an address can be a name.
 */
const SKIP_FIELD = /^(?:content-type|content-disposition|content-id|content-transfer-encoding|mime-version|dkim-signature|arc-[a-z-]+|x-ms-exchange-[a-z-]+|x-microsoft-antispam[a-z-]*|x-forefront-[a-z-]+)$/i;
const FIELD_LINE = /^[!-9;-~]+:/;

/**
 * True for text that is an e-mail message or mailbox: it starts with header fields (or an mbox
 * `From ` line), at least two that mail always has, one of them a field that only mail software
 * writes (MIME, routing, message id). A note that merely starts "From: … To: … Subject: …" is
 * read as the plain text it is, with its own lines and columns.
 */
export function looksLikeMail(text: string): boolean {
  const head = text.slice(0, 65536).replace(/^\uFEFF/, '');
  const lines = head.split(/\r?\n/);
  let i = /^From \S/.test(lines[0] ?? '') ? 1 : 0;
  let known = 0;
  let fields = 0;
  let software = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (!fields) return false;
      continue;
    }
    if (!FIELD_LINE.test(line)) return false;
    fields++;
    if (/^(?:from|to|subject|date|message-id|mime-version|content-type|received|return-path|x-unsent):/i.test(line)) known++;
    if (/^(?:message-id|mime-version|content-type|content-transfer-encoding|received|return-path|x-unsent|x-mailer|dkim-signature):/i.test(line)) software = true;
  }
  return i < lines.length && known >= 2 && software;
}

interface Entity {
  fields: Array<{ name: string; value: string }>;
  body: string;
}

/** Splits an entity (latin1: one character a byte) into its header fields, unfolded, and its body. */
function splitEntity(raw: string): Entity {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const fields: Entity['fields'] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1].value += ` ${line.trim()}`;
    else {
      const c = line.indexOf(':');
      if (c > 0 && !line.startsWith('From ')) fields.push({ name: line.slice(0, c).trim(), value: line.slice(c + 1).trim() });
    }
  }
  return { fields, body };
}

function field(e: Entity, name: string): string | undefined {
  return e.fields.find((f) => f.name.toLowerCase() === name)?.value;
}

/** A structured field's first token (lower case) and its parameters, RFC 2231 continuations joined. */
function parseStructured(value: string | undefined): { token: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (!value) return { token: '', params };
  const [token, ...rest] = splitParams(value);
  const pieces = new Map<string, Array<{ n: number; v: string; encoded: boolean }>>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!m) continue;
    const list = pieces.get(m[1]) ?? [];
    list.push({ n: Number(m[2] ?? 0), v, encoded: Boolean(m[3]) });
    pieces.set(m[1], list);
  }
  for (const [key, list] of pieces) {
    list.sort((a, b) => a.n - b.n);
    const first = list[0];
    let charset = 'utf-8';
    const joined = list.map((p, i) => {
      let v = p.v;
      if (p.encoded && i === 0 && first.encoded) {
        const m = /^([^']*)'[^']*'(.*)$/.exec(v);
        if (m) {
          charset = m[1] || 'utf-8';
          v = m[2];
        }
      }
      return p.encoded ? v.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : v;
    }).join('');
    params.set(key, list.some((p) => p.encoded) ? decodeBytes(Buffer.from(joined, 'latin1'), charset) : decodeWords(joined));
  }
  return { token: token.trim().toLowerCase(), params };
}

/** Splits at semicolons outside quoted strings. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Bytes in a named character set as text (UTF-8 when the name is unknown). */
function decodeBytes(bytes: Buffer, charset: string): string {
  const cs = charset.trim().toLowerCase().replace(/\*.*$/, '');
  const lib = iconv();
  if (cs && cs !== 'utf-8' && cs !== 'utf8' && cs !== 'us-ascii' && lib.encodingExists(cs)) return lib.decode(bytes, cs);
  return bytes.toString('utf8');
}

/** RFC 2047 encoded words decoded; the space between two encoded words goes. */
export function decodeWords(value: string): string {
  const WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  return value.replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)/g, '$1')
    .replace(WORD, (_, charset: string, enc: string, text: string) => {
      const bytes = enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
      return decodeBytes(bytes, charset);
    });
}

/** A body's bytes, from its transfer encoding. */
function transferDecode(body: string, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    return Buffer.from(body.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  }
  return Buffer.from(body, 'latin1');
}

/** The text a reader sees in HTML: scripts and styles dropped, tags removed, entities decoded, alt and title text kept. */
export function htmlText(html: string): string {
  const attrs: string[] = [];
  for (const m of html.matchAll(/\s(?:alt|title)\s*=\s*("([^"]*)"|'([^']*)')/gi)) attrs.push(m[2] ?? m[3] ?? '');
  const text = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?(?:p|div|br|tr|li|h[1-6]|table|blockquote|pre|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<[^>]*>/g, '');
  return [decodeEntities(text), ...attrs.map(decodeEntities)].join('\n');
}

/**
 * The text of an e-mail message or mbox file (its bytes), with what inside it could not be
 * checked. `attachment` reads an attached document.
 */
export function fromMail(bytes: Uint8Array, attachment: InnerReader): { text: string; unchecked: InnerUnchecked[] } {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').replace(/^\xef\xbb\xbf/, '');
  // an mbox holds messages one after another, each starting with a "From " line
  const messages = /^From \S/.test(raw) ? raw.split(/\r?\n(?=From \S)/) : [raw];
  const out: string[] = [];
  const unchecked: InnerUnchecked[] = [];
  const state = { parts: 0, attachments: 0 };
  messages.forEach((m) => readEntity(m.replace(/^From \S[^\n]*\n/, ''), 0, out, unchecked, state, attachment));
  if (state.parts > MAX_PARTS) unchecked.push({ kind: 'unreadable', reason: `it has more than ${MAX_PARTS} parts: the rest were not read` });
  return { text: out.map((l) => l.trim()).filter((l) => l !== '').join('\n'), unchecked };
}

function readEntity(raw: string, depth: number, out: string[], unchecked: InnerUnchecked[], state: { parts: number; attachments: number }, attachment: InnerReader): void {
  if (++state.parts > MAX_PARTS) return;
  const e = splitEntity(raw);
  for (const f of e.fields) {
    if (SKIP_FIELD.test(f.name)) continue;
    out.push(decodeWords(f.value));
  }
  const type = parseStructured(field(e, 'content-type'));
  const disposition = parseStructured(field(e, 'content-disposition'));
  const mime = type.token || 'text/plain';
  const encoding = field(e, 'content-transfer-encoding');
  if (depth >= MAX_DEPTH) {
    unchecked.push({ kind: 'unreadable', reason: `it nests parts more than ${MAX_DEPTH} deep: the inner ones were not read` });
    return;
  }
  if (mime.startsWith('multipart/')) {
    const boundary = type.params.get('boundary');
    if (!boundary) {
      out.push(e.body);
      return;
    }
    const delimiter = new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*$`, 'm');
    const pieces = e.body.split(new RegExp(`\\r?\\n?${delimiter.source}\\r?\\n?`, 'm'));
    // the preamble before the first delimiter is no part, but a reader of the file sees it: read
    // as text; the parts, and the epilogue after the last delimiter, read as entities
    if (pieces.length > 1) out.push(pieces[0]);
    const parts = pieces.filter((p, i) => i > 0 && p !== undefined && p !== '--');
    for (const p of parts) readEntity(p, depth + 1, out, unchecked, state, attachment);
    return;
  }
  const data = transferDecode(e.body, encoding);
  if (mime === 'message/rfc822' || mime === 'message/global') {
    readEntity(data.toString('latin1'), depth + 1, out, unchecked, state, attachment);
    return;
  }
  const name = disposition.params.get('filename') ?? type.params.get('name') ?? '';
  const isAttachment = disposition.token === 'attachment' || name !== '';
  if (name) out.push(name);
  if (mime.startsWith('text/') && !(isAttachment && !/^text\/(plain|html|csv|markdown|enriched|rtf)$/.test(mime))) {
    const text = decodeBytes(data, type.params.get('charset') ?? 'utf-8');
    if (mime === 'text/rtf') {
      pushAttachment(attachment(data, name || 'part.rtf'), out, unchecked, ++state.attachments);
      return;
    }
    out.push(mime === 'text/html' ? htmlText(text) : text);
    return;
  }
  if (!data.length) return;
  pushAttachment(attachment(data, name || 'attachment'), out, unchecked, ++state.attachments);
}

function pushAttachment(got: InnerText, out: string[], unchecked: InnerUnchecked[], n: number): void {
  const inside = fromInside(got, `attachment ${n}`);
  if (inside.text) out.push(inside.text);
  unchecked.push(...inside.unchecked);
}
