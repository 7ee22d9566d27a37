/**
 * Every piece of human text in a review, as whole files with enough context to map a match back to
 * the file: Markdown (front matter included), every CSV cell (chronologies, action plan), review.yml,
 * and any other text file in the review folder. Rules scan the raw file text in ONE pass (see
 * patterns.ts) and look the context up only for the rare match: which CSV cell it is in, whether
 * names are allowed there (chair and panel names, IMR authors), whether it sits in an HTML comment
 * or a link URL. Scanning raw text keeps positions exact and handles a name wrapped across two
 * lines of a paragraph or a quoted multi-line CSV cell.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CsvCell, CsvRow, CsvTable, MarkdownDoc, Review, SourceFile, Span, YamlDoc } from '../../review/model.js';
import { lineStarts, positionAt, readSource } from '../../review/source.js';

export type TextKind = 'markdown' | 'csv' | 'yaml' | 'text';

export interface CellRef {
  /** Offsets of the cell's raw text in the file (quotes included). */
  start: number;
  end: number;
  cell: CsvCell;
  row: CsvRow;
}

export interface TextFile {
  file: SourceFile;
  kind: TextKind;
  /** The chronology (keyed by agency) or action plan this file holds, if any. */
  table?: CsvTable;
  tableKind?: 'chronology' | 'action';
  /** Ranges [start, end) where real names are allowed (chair and panel names, IMR author fields). */
  namesAllowed: Array<[number, number]>;
  /** Ranges [start, end) the person-name heuristic skips: HTML comments, link URLs. */
  notProse: Array<[number, number]>;
}

const starts = new WeakMap<SourceFile, number[]>();

/** Line starts of a file, computed once. */
export function fileLineStarts(file: SourceFile): number[] {
  let s = starts.get(file);
  if (!s) {
    s = lineStarts(file.text);
    starts.set(file, s);
  }
  return s;
}

/** The span of [start, end) in a file: 1-based, end exclusive (like unist). */
export function spanAt(file: SourceFile, start: number, end: number): Span {
  const s = fileLineStarts(file);
  const a = positionAt(s, start);
  const b = positionAt(s, Math.max(start, end));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** The offset of a 1-based line and column. */
export function offsetAt(file: SourceFile, line: number, column: number): number {
  const s = fileLineStarts(file);
  const base = s[Math.min(Math.max(line, 1), s.length) - 1] ?? 0;
  return base + column - 1;
}

const cellIndex = new WeakMap<CsvTable, CellRef[]>();

/** Every data cell of a table with its offsets, in file order (built once per table). */
export function tableCells(table: CsvTable): CellRef[] {
  let list = cellIndex.get(table);
  if (!list) {
    list = [];
    for (const row of table.rows) {
      for (const cell of row.raw) {
        list.push({ start: offsetAt(table.file, cell.line, cell.column), end: offsetAt(table.file, cell.endLine, cell.endColumn), cell, row });
      }
    }
    cellIndex.set(table, list);
  }
  return list;
}

/** The data cell that holds an offset (undefined in the header or between cells). */
export function cellAt(tf: TextFile, offset: number): CellRef | undefined {
  if (!tf.table) return undefined;
  const cells = tableCells(tf.table);
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cells[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

function inRanges(ranges: Array<[number, number]>, start: number, end: number): boolean {
  for (const [a, b] of ranges) if (start < b && end > a) return true;
  return false;
}

/** True when a real name is allowed at [start, end): chair/panel name, IMR author fields. */
export function namesAllowedAt(tf: TextFile, start: number, end: number): boolean {
  return inRanges(tf.namesAllowed, start, end);
}

/** True when [start, end) is inside an HTML comment or a URL (not prose). */
export function notProseAt(tf: TextFile, start: number, end: number): boolean {
  return inRanges(tf.notProse, start, end);
}

/** Offsets of a YAML value, when the path exists in the data. */
function yamlRange(doc: YamlDoc<unknown>, p: Array<string | number>): [number, number] | undefined {
  let v: unknown = doc.data;
  for (const seg of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  if (typeof v !== 'string' || v === '') return undefined;
  const s = doc.spanOf(p);
  const a = offsetAt(doc.file, s.line, s.column);
  const b = offsetAt(doc.file, s.endLine, s.endColumn);
  return b > a ? [a, b] : undefined;
}

/** Front-matter keys whose values are people who may be named (IMR author and quality assurer). */
const FRONT_MATTER_NAME_KEYS = ['author', 'quality_assured_by', 'chair', 'authors'];

const NOT_PROSE_RE = /<!--[^]*?-->|\]\([^)\s]*\)?|<(?:https?|mailto):[^>\s]*>|\b(?:https?:\/\/|www\.)[^\s<>()\]"']+/g;

function notProseRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!text.includes('<!--') && !text.includes('](') && !text.includes('://') && !text.includes('www.')) return out;
  NOT_PROSE_RE.lastIndex = 0;
  for (let m = NOT_PROSE_RE.exec(text); m; m = NOT_PROSE_RE.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const TEXT_EXT = /\.(md|markdown|txt|csv|tsv|ya?ml|json)$/i;
const MAX_EXTRA_FILES = 200;

/** Text files in the review folder that loading did not read (notes, letters, family/*.txt …). */
function extraFiles(review: Review): SourceFile[] {
  const known = new Set(review.files.map((f) => path.resolve(f.path)));
  const out: SourceFile[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4 || out.length >= MAX_EXTRA_FILES) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.') || n === 'node_modules') continue;
      const abs = path.join(dir, n);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(abs, depth + 1);
      else if (TEXT_EXT.test(n) && !known.has(path.resolve(abs))) {
        try {
          out.push(readSource(abs));
        } catch {
          // unreadable or binary: loading reports such files where they matter
        }
      }
      if (out.length >= MAX_EXTRA_FILES) return;
    }
  };
  walk(review.dir, 0);
  return out;
}

const cache = new WeakMap<Review, TextFile[]>();

/** Every text file of a review with its context (computed once per loaded review). */
export function reviewTexts(review: Review): TextFile[] {
  const hit = cache.get(review);
  if (hit) return hit;
  const byFile = new Map<SourceFile, TextFile>();
  const add = (file: SourceFile, kind: TextKind): TextFile => {
    let tf = byFile.get(file);
    if (!tf) {
      tf = { file, kind, namesAllowed: [], notProse: notProseRanges(file.text) };
      byFile.set(file, tf);
    }
    return tf;
  };
  for (const f of review.files) {
    const kind: TextKind = /\.md$/i.test(f.path) ? 'markdown' : /\.csv$/i.test(f.path) ? 'csv' : /\.ya?ml$/i.test(f.path) ? 'yaml' : 'text';
    add(f, kind);
  }
  for (const t of review.chronologies.values()) Object.assign(add(t.file, 'csv'), { table: t, tableKind: 'chronology' });
  if (review.actionPlan) Object.assign(add(review.actionPlan.file, 'csv'), { table: review.actionPlan, tableKind: 'action' });

  const meta = review.meta;
  if (meta) {
    const tf = add(meta.file, 'yaml');
    const doc = meta as YamlDoc<unknown>;
    const r = yamlRange(doc, ['chair', 'name']);
    if (r) tf.namesAllowed.push(r);
    const panel = (meta.data as { panel?: unknown }).panel;
    if (Array.isArray(panel)) {
      panel.forEach((_, i) => {
        const pr = yamlRange(doc, ['panel', i, 'name']);
        if (pr) tf.namesAllowed.push(pr);
      });
    }
  }
  const mds: MarkdownDoc[] = [...review.imrs.values(), ...review.family];
  for (const d of [review.overviewReport, review.executiveSummary, review.termsOfReference]) if (d) mds.push(d);
  for (const d of mds) {
    const tf = add(d.file, 'markdown');
    const fm = d.frontMatter;
    if (!fm) continue;
    for (const key of FRONT_MATTER_NAME_KEYS) {
      const v = (fm.data as Record<string, unknown>)[key];
      if (typeof v === 'string') {
        const r = yamlRange(fm as YamlDoc<unknown>, [key]);
        if (r) tf.namesAllowed.push(r);
      } else if (Array.isArray(v)) {
        v.forEach((_, i) => {
          const r = yamlRange(fm as YamlDoc<unknown>, [key, i]);
          if (r) tf.namesAllowed.push(r);
        });
      }
    }
  }
  for (const f of extraFiles(review)) {
    add(f, /\.md$|\.markdown$/i.test(f.path) ? 'markdown' : /\.csv$|\.tsv$/i.test(f.path) ? 'csv' : /\.ya?ml$/i.test(f.path) ? 'yaml' : 'text');
  }
  const out = [...byFile.values()];
  cache.set(review, out);
  return out;
}
