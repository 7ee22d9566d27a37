/**
 * Every piece of human text in a review, as whole files with enough context to map a match back to
 * the file: Markdown (front matter included), every CSV cell (chronologies, action plan), review.yml,
 * and every other file under the review folder whatever its name or depth (hidden files too): text
 * files as text, office documents and PDFs as their extracted text (review/extract.ts); what cannot
 * be checked is listed (`reviewInventory().unchecked`) for anon/unreadable-file and anon/binary-file.
 *
 * Rules scan whole files in ONE pass (see patterns.ts), over the reader's view of the text
 * (normalise.ts: Unicode look-alikes, character references, tags and emphasis folded) with
 * positions mapped back to the file, and look the context up only for the rare match: which CSV
 * cell it is in, whether names are allowed there (chair and panel names, IMR authors), whether it
 * sits in an HTML comment or a link URL. Whole files keep a name wrapped across two lines of a
 * paragraph or a quoted multi-line CSV cell together.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CsvCell, CsvRow, CsvTable, MarkdownDoc, Review, SourceFile, Span, YamlDoc } from '../../review/model.js';
import { decode, firstLongLine, isUtf16, lineStarts, MAX_FILE_BYTES, MAX_LINE_CHARS, positionAt, relPath } from '../../review/source.js';
import { dataUriText, extractText, isDocumentName, isMail, sniff, type InnerUnchecked } from '../../review/extract.js';
import { viewOf } from './normalise.js';
import { scanFile, scanText, type PatternMatch } from './patterns.js';
import { adoptScans, takeOffloadedScan } from './scan-offload.js';

/** `document`: the text extracted from an office file or PDF (a finding's line is a paragraph of it). */
export type TextKind = 'markdown' | 'csv' | 'yaml' | 'text' | 'document';

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

/** Most entries (files and folders) a review folder is walked for; more is reported, never skipped silently. */
export const MAX_ENTRIES = 20_000;
/** Operating-system litter that holds no text a person wrote. */
const OS_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'ehthumbs.db', 'desktop.ini', '.localized']);

/** A file or folder under a review folder (for checking its name). */
export interface PathEntry {
  abs: string;
  /** Its own name. */
  name: string;
  dir: boolean;
  /** 1-based place among the entries of its folder in name order, and how many there are. */
  index: number;
  count: number;
}

/** A file the gate cannot check: a document it cannot read (`unreadable`) or an image or other binary file. */
export interface UncheckedFile {
  rel: string;
  kind: 'unreadable' | 'binary';
  /** Why, in words: never the file's content. */
  reason: string;
}

export interface ReviewInventory {
  /** Every file and folder under the review folder, at any depth, hidden ones included. */
  entries: PathEntry[];
  /** Files that loading did not read, as text (documents: their extracted text). */
  extra: Array<{ file: SourceFile; kind: TextKind }>;
  unchecked: UncheckedFile[];
  /** True when the folder has more than MAX_ENTRIES entries: the rest were not checked. */
  truncated: boolean;
}

function kindOfName(name: string): TextKind {
  return /\.(md|markdown)$/i.test(name) ? 'markdown' : /\.(csv|tsv)$/i.test(name) ? 'csv' : /\.ya?ml$/i.test(name) ? 'yaml' : 'text';
}

/** What inside a file could not be read (an attached image, a damaged embedded file): one entry a kind, for that file. */
function addInner(inv: ReviewInventory, rel: string, inner: InnerUnchecked[]): void {
  for (const kind of ['unreadable', 'binary'] as const) {
    const reasons = inner.filter((u) => u.kind === kind).map((u) => u.reason);
    if (reasons.length) inv.unchecked.push({ rel, kind, reason: reasons.join('; ') });
  }
}

/** Reads one file the loader did not: as text, or through text extraction, or says why it cannot be checked. */
function readExtra(abs: string, rel: string, name: string, inv: ReviewInventory): void {
  let bytes: Buffer;
  try {
    const st = statSync(abs);
    if (st.size > MAX_FILE_BYTES) {
      inv.unchecked.push({ rel, kind: 'unreadable', reason: `it is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB dhr reads` });
      return;
    }
    bytes = readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    inv.unchecked.push({ rel, kind: 'unreadable', reason: code === 'EACCES' ? 'permission denied' : `it cannot be read (${code ?? 'error'})` });
    return;
  }
  const kind = sniff(bytes);
  // text in any encoding dhr reads (UTF-16 has zero bytes, and is text all the same); other bytes
  // with zeros are binary, without guessing their character set
  const decoded = kind === 'other' && !isDocumentName(name) && (!bytes.includes(0) || isUtf16(bytes)) ? decode(bytes) : undefined;
  const asDocument = !decoded || decoded.binary || isMail(bytes, name);
  if (!asDocument) {
    const { text } = decoded;
    const long = firstLongLine(text);
    if (long) {
      inv.unchecked.push({ rel, kind: 'unreadable', reason: `line ${long} is longer than ${MAX_LINE_CHARS} characters` });
      return;
    }
    inv.extra.push({ file: { path: abs, rel, text, encoding: decoded.encoding }, kind: kindOfName(name) });
    return;
  }
  const got = extractText(bytes, name);
  if (got.kind === 'text') {
    inv.extra.push({ file: { path: abs, rel, text: got.text, encoding: `extracted:${got.format}` }, kind: 'document' });
    addInner(inv, rel, got.unchecked ?? []);
  } else if (got.kind === 'unreadable') inv.unchecked.push({ rel, kind: 'unreadable', reason: got.reason });
  else {
    inv.unchecked.push({ rel, kind: 'binary', reason: got.what });
    // what could be read all the same (an image's metadata) is checked as extracted text
    if (got.text) inv.extra.push({ file: { path: abs, rel, text: got.text, encoding: 'extracted:image metadata' }, kind: 'document' });
  }
}

const inventories = new WeakMap<Review, ReviewInventory>();

/**
 * Every file and folder of a review, at any depth, hidden ones included (only `.git` folders are
 * not entered). Symbolic links are listed (their names are checked) but not followed. Files that
 * loading did not read are read here: text files as text, documents through text extraction.
 */
export function reviewInventory(review: Review): ReviewInventory {
  const hit = inventories.get(review);
  if (hit) return hit;
  const inv: ReviewInventory = { entries: [], extra: [], unchecked: [], truncated: false };
  const known = new Set(review.files.map((f) => path.resolve(f.path)));
  // files loading refused (too long a line, a link out of the folder): reported by the loader already
  const refused = new Set(review.findings.filter((f) => f.ruleId === 'format/file' || f.ruleId === 'security/symlink').map((f) => path.resolve(f.file)));
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    names.forEach((name, i) => {
      if (inv.entries.length >= MAX_ENTRIES) {
        inv.truncated = true;
        return;
      }
      const abs = path.join(dir, name);
      let st;
      try {
        st = lstatSync(abs);
      } catch {
        return;
      }
      const isDir = st.isDirectory();
      inv.entries.push({ abs, name, dir: isDir, index: i + 1, count: names.length });
      if (st.isSymbolicLink()) return;
      if (isDir) {
        if (name !== '.git') walk(abs);
        return;
      }
      if (!st.isFile() || known.has(path.resolve(abs)) || refused.has(path.resolve(abs)) || OS_LITTER.has(name)) return;
      readExtra(abs, relPath(abs), name, inv);
    });
  };
  walk(review.dir);
  // what text files hold in base64 data: URIs (a picture pasted into Markdown, a saved web page)
  for (const f of [...review.files, ...inv.extra.filter((e) => e.kind !== 'document').map((e) => e.file)]) {
    const got = dataUriText(f.text);
    if (!got) continue;
    if (got.text) inv.extra.push({ file: { path: f.path, rel: f.rel, text: got.text, encoding: 'extracted:data URI' }, kind: 'document' });
    addInner(inv, f.rel, got.unchecked);
  }
  inventories.set(review, inv);
  return inv;
}

/**
 * Runs a finder over the reader's view of a file (normalise.ts) and maps what it finds back to
 * offsets in the file as written. When the view dropped text (tag attributes), the original text
 * is searched too, and what only it shows is added.
 */
export function findInView<T extends { start: number; end: number; possessiveEnd?: number }>(file: SourceFile, find: (text: string) => T[]): T[] {
  const v = viewOf(file);
  if (v.identity) return find(file.text);
  return fromView(file, find(v.text), () => find(file.text));
}

/** What was found in a file's view (not its own view), moved to the file's offsets; `inOriginal` when the view is lossy. */
function fromView<T extends { start: number; end: number; possessiveEnd?: number }>(file: SourceFile, found: T[], inOriginal: () => T[]): T[] {
  const v = viewOf(file);
  const out = found.map((m) => {
    const start = v.toStart(m.start);
    const end = Math.max(start, v.toEnd(m.end));
    return m.possessiveEnd === undefined ? { ...m, start, end } : { ...m, start, end, possessiveEnd: Math.max(end, v.toEnd(m.possessiveEnd)) };
  });
  if (v.lossy) {
    for (const m of inOriginal()) if (!out.some((o) => o.start < m.end && o.end > m.start)) out.push(m);
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

const viewScans = new WeakMap<SourceFile, PatternMatch[]>();
const patternCache = new WeakMap<SourceFile, PatternMatch[]>();
// what the worker of scan-offload.ts found in a large file
adoptScans((file, scan) => {
  if (scan.view && !viewScans.has(file)) viewScans.set(file, scan.view as PatternMatch[]);
  if (!patternCache.has(file)) patternCache.set(file, scan.pattern as PatternMatch[]);
});

/**
 * The pattern scan (patterns.ts) of a file's reader's view, in offsets of the view (`viewOf(file).text`);
 * once per file, shared by the identifier rules and anon/person-name. A file that is its own view
 * is scanned as it is.
 */
export function viewScan(file: SourceFile): PatternMatch[] {
  const v = viewOf(file);
  if (v.identity) return scanFile(file);
  let hit = viewScans.get(file);
  if (!hit) {
    takeOffloadedScan(file);
    hit = viewScans.get(file);
  }
  if (!hit) {
    hit = scanText(v.text);
    viewScans.set(file, hit);
  }
  return hit;
}

/** The shared pattern scan (patterns.ts) of a file's reader's view, positions in the file; once per file. */
export function patternMatches(file: SourceFile): PatternMatch[] {
  let hit = patternCache.get(file);
  if (!hit) {
    takeOffloadedScan(file);
    hit = patternCache.get(file);
  }
  if (!hit) {
    // the view's scan is shared with anon/person-name; a lossy view's original is scanned once too (scanFile)
    hit = viewOf(file).identity ? scanFile(file) : fromView(file, viewScan(file), () => scanFile(file));
    patternCache.set(file, hit);
  }
  return hit;
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
  for (const x of reviewInventory(review).extra) add(x.file, x.kind);
  const out = [...byFile.values()];
  cache.set(review, out);
  return out;
}

/** The review folder itself as an entry of its parent folder (its place among the parent's entries). */
export function reviewFolderEntry(review: Review): PathEntry | undefined {
  const abs = path.resolve(review.dir);
  const parent = path.dirname(abs);
  if (parent === abs) return undefined;
  let names: string[];
  try {
    names = readdirSync(parent).sort();
  } catch {
    return undefined;
  }
  const name = path.basename(abs);
  const i = names.indexOf(name);
  return i < 0 ? undefined : { abs, name, dir: true, index: i + 1, count: names.length };
}
