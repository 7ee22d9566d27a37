/**
 * Large tables written from row templates (DocxOptions.fastTables). `docx` builds an object tree
 * for every row and serialises it into one string: for a 100,000-row master chronology that is
 * gigabytes. Instead, docx writes one sample row of each row *shape* with markers in place of
 * its texts; the sample's XML, cut at the markers, is the template every row of that shape is
 * written from, a chunk at a time, straight into bytes. The XML is the same as docx's, part for
 * part (docx-fast-table.test.ts).
 */
import type { Block, Inline, TableRow as ModelRow } from './model.js';

/** Tables with more body rows than this are written from row templates (see DocxOptions.fastTables). */
export const FAST_TABLE_ROWS = 200;
/** More distinct row shapes than this and the table is written through docx after all. */
const MAX_SHAPES = 500;

export interface FastTable {
  id: number;
  headerRows: number;
  /** Columns written (cells beyond are dropped, as docx's path drops them). */
  count: number;
  rows: readonly ModelRow[];
  /** One row per shape, its texts replaced by markers, for docx to write. */
  samples: ModelRow[];
  slots: number[];
  /** The shape of each body row. */
  shapeOf: Int32Array;
}

const marker = (table: number, shape: number, slot: number) => `DHRFAST${table}S${shape}X${slot}Q`;
const MARKER = /DHRFAST(\d+)S(\d+)X(\d+)Q/g;

/**
 * The shape of a row is what its XML depends on besides its texts: each cell's emphasis, the
 * nesting of its inlines and the row's tone. Undefined when a cell holds a link or a footnote (they
 * add relationships and numbered parts), blocks, a toned text or a badge (not templated: rare in a
 * long table), or a text that the counters' renumbering would touch.
 */
export function planFastTable(table: Extract<Block, { type: 'table' }>, count: number, id: number): FastTable | undefined {
  if (table.rows.length <= FAST_TABLE_ROWS || table.rows.some((r) => r.cells.some((c) => c.rowSpan || c.blocks?.length))) return undefined;
  const shapes = new Map<string, number>();
  const samples: ModelRow[] = [];
  const slots: number[] = [];
  const shapeOf = new Int32Array(table.rows.length);
  const sig = (inlines: readonly Inline[]): string | undefined => {
    let out = '';
    for (const node of inlines) {
      switch (node.type) {
        case 'text':
        case 'code':
          if (/_Toc\d/.test(node.text)) return undefined;
          out += node.type === 'text' ? 't' : 'c';
          break;
        case 'strong':
        case 'emphasis': {
          const inner = sig(node.children);
          if (inner === undefined) return undefined;
          out += `${node.type === 'strong' ? 's' : 'e'}(${inner})`;
          break;
        }
        case 'lineBreak':
          out += 'b';
          break;
        default:
          return undefined;
      }
    }
    return out;
  };
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    let key = '';
    for (let i = 0; i < count; i++) {
      const c = row.cells[i];
      const inner = sig(c?.children ?? []);
      if (inner === undefined) return undefined;
      key += `${row.emphasis || c?.emphasis ? 'E' : 'N'}[${inner}]`;
    }
    if (row.tone) key += `T${row.tone}`;
    let s = shapes.get(key);
    if (s === undefined) {
      if (shapes.size >= MAX_SHAPES) return undefined;
      s = shapes.size;
      shapes.set(key, s);
      let slot = 0;
      const mark = (inlines: readonly Inline[]): Inline[] => inlines.map((node): Inline => {
        if (node.type === 'text' || node.type === 'code') return { ...node, text: marker(id, s!, slot++) };
        if (node.type === 'strong' || node.type === 'emphasis') return { ...node, children: mark(node.children) };
        return node;
      });
      samples.push({
        cells: Array.from({ length: count }, (_, i) => {
          const c = row.cells[i];
          return { children: mark(c?.children ?? []), ...(row.emphasis || c?.emphasis ? { emphasis: true } : {}) };
        }),
        ...(row.tone ? { tone: row.tone } : {}),
      });
      slots.push(slot);
    }
    shapeOf[r] = s;
  }
  // a table of empty rows has nothing to find its samples by
  if (!slots.some((n) => n > 0)) return undefined;
  return { id, headerRows: table.header.length, count, rows: table.rows, samples, slots, shapeOf };
}

/** A sample row's XML cut at its markers: the static parts between slots 0, 1, 2 … in order. */
function templateOf(xml: string, table: number, shape: number, slots: number): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  let next = 0;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(xml); m; m = MARKER.exec(xml)) {
    if (Number(m[1]) !== table || Number(m[2]) !== shape || Number(m[3]) !== next) return undefined;
    parts.push(xml.slice(from, m.index));
    from = m.index + m[0].length;
    next++;
  }
  if (next !== slots) return undefined;
  parts.push(xml.slice(from));
  return parts;
}

export type Piece = string | { table: FastTable; templates: string[][] };

/**
 * The document XML cut around each fast table's sample rows, which give the templates. Undefined
 * when the samples cannot be found exactly (then the document is written without templates).
 */
export function spliceFastTables(xml: string, tables: readonly FastTable[]): Piece[] | undefined {
  const out: Piece[] = [];
  let from = 0;
  for (const t of tables) {
    const first = xml.indexOf(`DHRFAST${t.id}S`, from);
    const start = first < 0 ? -1 : xml.lastIndexOf('<w:tbl>', first);
    const end = xml.indexOf('</w:tbl>', first);
    if (first < 0 || start < from || end < 0) return undefined;
    const rows: Array<[number, number]> = [];
    const tr = /<w:tr[ >]/g;
    tr.lastIndex = start;
    for (let m = tr.exec(xml); m && m.index < end; m = tr.exec(xml)) {
      const close = xml.indexOf('</w:tr>', m.index);
      if (close < 0 || close > end) return undefined;
      rows.push([m.index, close + '</w:tr>'.length]);
      tr.lastIndex = close;
    }
    if (rows.length !== t.headerRows + t.samples.length) return undefined;
    const templates: string[][] = [];
    for (let s = 0; s < t.samples.length; s++) {
      const [a, b] = rows[t.headerRows + s]!;
      const parts = templateOf(xml.slice(a, b), t.id, s, t.slots[s]!);
      if (!parts) return undefined;
      templates.push(parts);
    }
    out.push(xml.slice(from, rows[t.headerRows]![0]), { table: t, templates });
    from = rows[rows.length - 1]![1];
  }
  out.push(xml.slice(from));
  // every marker was one of a sample row's: the text around the tables holds none
  if (out.some((p) => typeof p === 'string' && p.includes('DHRFAST'))) return undefined;
  return out;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** A run's text as written: each line break, with the spaces around it, becomes one space. */
export function foldLineBreaks(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ');
}

/** A run's text as docx writes it: line breaks folded (as the writer's runs do), then escaped as docx escapes. */
function runText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value; // most texts: one scan, no copy
  return foldLineBreaks(value).replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');
}

/** A character that folding or escaping changes. */
const NEEDS_WORK = /[\n&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** The texts of a row's cells, escaped, in the order its template's slots take them. */
function rowTexts(row: ModelRow, count: number, out: string[]): void {
  for (let i = 0; i < count; i++) {
    const c = row.cells[i];
    if (c) inlineTexts(c.children, out);
  }
}

function inlineTexts(inlines: readonly Inline[], out: string[]): void {
  for (const node of inlines) {
    if (node.type === 'text' || node.type === 'code') out.push(runText(node.text));
    else if (node.type === 'strong' || node.type === 'emphasis') inlineTexts(node.children, out);
  }
}

/** Bytes of document XML handed on at a time (at least; the zip deflates a megabyte at a time). */
const CHUNK = 1 << 20;

/**
 * The document XML as bytes, about a megabyte at a time (a 100,000-row table is too long for one
 * string). Template parts are encoded once and copied; only the texts are encoded row by row.
 */
export function* documentChunks(pieces: readonly Piece[]): Generator<Uint8Array> {
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      yield Buffer.from(piece, 'utf8');
      continue;
    }
    const { table } = piece;
    const templates = piece.templates.map((parts) => parts.map((p) => Buffer.from(p, 'utf8')));
    const fixed = templates.map((parts) => parts.reduce((n, p) => n + p.length, 0));
    let out = Buffer.allocUnsafe(2 * CHUNK);
    let at = 0;
    const texts: string[] = [];
    for (let r = 0; r < table.rows.length; r++) {
      const shape = table.shapeOf[r]!;
      const parts = templates[shape]!;
      texts.length = 0;
      rowTexts(table.rows[r]!, table.count, texts);
      // at most three bytes of UTF-8 for each UTF-16 unit
      let need = fixed[shape]!;
      for (const t of texts) need += 3 * t.length;
      if (at + need > out.length) {
        if (at) yield out.subarray(0, at);
        out = Buffer.allocUnsafe(Math.max(2 * CHUNK, need));
        at = 0;
      }
      at += parts[0]!.copy(out, at);
      for (let k = 1; k < parts.length; k++) {
        at += out.write(texts[k - 1]!, at, 'utf8');
        at += parts[k]!.copy(out, at);
      }
      if (at >= CHUNK) {
        yield out.subarray(0, at);
        out = Buffer.allocUnsafe(2 * CHUNK);
        at = 0;
      }
    }
    if (at) yield out.subarray(0, at);
  }
}
