/**
 * Loads a review folder into the typed model. Loading never throws for bad content: every
 * problem becomes a finding (format/*, schema/*) and the rest of the folder is still read.
 * It throws `UsageError` only when the folder itself is unusable (missing, not a folder).
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { CsvRow, CsvTable, Finding, MarkdownDoc, Review, ReviewMeta, SourceFile, Span } from './model.js';
import { readSource, relPath, sourceFromBytes, SourceLimitError } from './source.js';
import { closestWord, columnLetters, isSafeRef, quoted } from './safe.js';
import { readCsvTable } from './csv.js';
import { readYaml } from './yaml.js';
import { parseMarkdown } from './markdown.js';
import { loadSchema, validateData, type SchemaKind } from './schemas.js';

/**
 * What the loader reads a review through: the disk (`diskFs`, always, for the tool), or files
 * held in memory (`memoryFs`, for rule tests that change one file of the example at a time).
 */
export interface ReviewFs {
  /** Something is at the path (a dangling symbolic link included). */
  present(p: string): boolean;
  /** Throws when nothing is there. */
  isSymbolicLink(p: string): boolean;
  isDirectory(p: string): boolean;
  readdir(p: string): string[];
  realpath(p: string): string;
  readSource(abs: string): SourceFile;
  /** Parses kept between loads: a file read again with the same text is not parsed again. */
  parsed?: Map<string, { text: string; value: unknown }>;
}

export const diskFs: ReviewFs = {
  present: (p) => {
    try {
      lstatSync(p);
      return true;
    } catch {
      return false;
    }
  },
  isSymbolicLink: (p) => lstatSync(p).isSymbolicLink(),
  isDirectory: (p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  readdir: (p) => readdirSync(p),
  realpath: (p) => realpathSync(p),
  readSource: (abs) => readSource(abs),
};

/**
 * A review folder held in memory: `files` maps paths relative to `dir` (`/` separators) to their
 * text. No links, every file readable; the SourceFile and parse of an unchanged text are reused
 * from `parsed` across loads, so a test that changes one file re-parses only that file.
 */
export function memoryFs(dir: string, files: ReadonlyMap<string, string>, parsed = new Map<string, { text: string; value: unknown }>()): ReviewFs {
  const root = path.resolve(dir);
  const relOf = (p: string) => path.relative(root, path.resolve(p)).split(path.sep).join('/');
  const isDir = (p: string) => {
    const r = relOf(p);
    if (r === '') return true;
    if (r.startsWith('..')) return false;
    for (const k of files.keys()) if (k.startsWith(r + '/')) return true;
    return false;
  };
  const present = (p: string) => files.has(relOf(p)) || isDir(p);
  const missing = (p: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${p}'`), { code: 'ENOENT' });
  return {
    present,
    isSymbolicLink: (p) => {
      if (!present(p)) throw missing(p);
      return false;
    },
    isDirectory: isDir,
    readdir: (p) => {
      const r = relOf(p);
      const prefix = r === '' ? '' : r + '/';
      const names = new Set<string>();
      for (const k of files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]);
      return [...names];
    },
    realpath: (p) => {
      if (!present(p)) throw missing(p);
      return path.resolve(p);
    },
    readSource: (abs) => {
      const text = files.get(relOf(abs));
      if (text === undefined) throw missing(abs);
      const key = `source\0${path.resolve(abs)}`;
      const hit = parsed.get(key);
      if (hit && hit.text === text) return hit.value as SourceFile;
      const f = sourceFromBytes(path.resolve(abs), Buffer.from(text, 'utf8'));
      parsed.set(key, { text, value: f });
      return f;
    },
    parsed,
  };
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The id of a chronology or action row: its `id` cell, or its row number. */
export function rowId(row: CsvRow): string {
  const v = row.cells.id?.value.trim();
  return v ? v : String(row.index);
}

/**
 * How a message names a row: `row A3` when its id is a plain reference, else `the row on line 7`
 * (an id cell can hold anything typed, a name included).
 */
export function rowLabel(row: CsvRow): string {
  const id = row.cells.id?.value.trim();
  return id && isSafeRef(id) ? `row ${id}` : `the row on line ${row.line}`;
}

/** A CSV row as the object its schema validates: trimmed cells, empty cells absent. */
export function rowObject(row: CsvRow): Record<string, string> {
  const o: Record<string, string> = {};
  for (const k in row.cells) {
    const v = row.cells[k].value.trim();
    if (v !== '') o[k] = v;
  }
  return o;
}

class Loader {
  readonly findings: Finding[] = [];
  readonly files: SourceFile[] = [];
  reviewId: string;

  constructor(readonly dir: string, readonly root: string, readonly fs: ReviewFs = diskFs) {
    this.reviewId = path.basename(dir);
  }

  add(ruleId: string, file: string, span: Span, message: string, severity: Finding['severity'] = 'error') {
    this.findings.push({ ruleId, severity, file, ...span, message, review: this.reviewId });
  }

  /** Reads a file inside the review; returns undefined (with a finding) when it cannot be used. */
  read(abs: string): SourceFile | undefined {
    const rel = relPath(abs);
    try {
      if (!this.inside(abs, rel)) return undefined;
      const f = this.fs.readSource(abs);
      if (f.encoding !== 'utf-8' && f.encoding !== 'utf-8-bom') {
        this.add('format/encoding', rel, START, `file is not UTF-8; read as ${f.encoding}`, 'warning');
      }
      this.files.push(f);
      return f;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e instanceof SourceLimitError) {
        this.add('format/file', rel, { line: e.line, column: e.column, endLine: e.line, endColumn: e.column }, `cannot read file: ${e.message}`);
        return undefined;
      }
      const why = e.code === 'EACCES' ? 'permission denied' : e.code ? e.code : e.message;
      this.add('format/file', rel, START, `cannot read file: ${why}`);
      return undefined;
    }
  }

  /**
   * True when a path resolves inside the review folder. A symbolic link (to a file or a folder)
   * that leaves it is not followed: the finding names the link, never what it points to.
   */
  inside(abs: string, rel = relPath(abs)): boolean {
    let link = false;
    try {
      link = this.fs.isSymbolicLink(abs);
    } catch {
      return true; // missing: the caller's read reports it
    }
    let target: string;
    try {
      target = this.fs.realpath(abs);
    } catch (err) {
      const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
      this.add('security/symlink', rel, START, loop ? 'symbolic link loop; not followed' : 'symbolic link to a missing file; not followed');
      return false;
    }
    if (target === this.root || target.startsWith(this.root + path.sep)) return true;
    this.add('security/symlink', rel, START, link
      ? 'symbolic link pointing outside the review folder; not followed'
      : 'inside a folder that is a symbolic link pointing outside the review folder; not followed');
    return false;
  }

  csv(abs: string, kind: SchemaKind): CsvTable | undefined {
    const f = this.read(abs);
    if (!f) return undefined;
    const { table, problems } = this.parse(f, 'csv', readCsvTable);
    for (const p of problems) this.add('format/csv', f.rel, p, p.message);
    if (table.header.length === 0) {
      this.add(`schema/${kind}`, f.rel, START, 'file is empty: a header row is required');
      return table;
    }
    const allowed = new Set(Object.keys(validateSchemaProps(kind)));
    const seen = new Set<string>();
    // a header cell is printed only when it is one of the schema's columns: an unknown header can be
    // anything typed (a person's name included), so it is named by its column letter instead
    table.header.forEach((h, k) => {
      if (h.column_name === '') return;
      const col = `column ${columnLetters(k + 1)}`;
      const name = allowed.has(h.column_name) ? `"${h.column_name}"` : undefined;
      if (seen.has(h.column_name)) {
        this.add(`schema/${kind}`, f.rel, h, `${col}${name ? ` (${name})` : ''} repeats the name of an earlier column of the header`);
      }
      seen.add(h.column_name);
      if (!allowed.has(h.column_name)) {
        const near = closestWord(h.column_name, allowed);
        this.add(`schema/${kind}`, f.rel, h, `unknown column (${col} of the header): a ${kind === 'action' ? 'action plan' : 'chronology'} has only the columns of its schema`
          + (near ? `; did you mean "${near}"?` : ''));
      }
    });
    const ids = new Map<string, number>();
    for (const row of table.rows) {
      // a row with the wrong cell count is already a format/csv finding; its cells may be shifted
      if (row.malformed) continue;
      // rowObject without the unknown columns (reported above); built, not deleted from, to keep it fast
      const obj: Record<string, string> = {};
      for (const k in row.cells) {
        if (!allowed.has(k)) continue;
        const v = row.cells[k].value.trim();
        if (v !== '') obj[k] = v;
      }
      for (const issue of validateData(kind, obj)) {
        const col = issue.path[0];
        const cell = typeof col === 'string' ? row.cells[col] : undefined;
        const span: Span = cell ?? { line: row.line, column: 1, endLine: row.line, endColumn: 1 };
        const msg = issue.message.replace(/^the document: /, `${rowLabel(row)}: `);
        this.add(`schema/${kind}`, f.rel, span, msg);
      }
      const id = row.cells.id?.value.trim();
      if (id) {
        if (ids.has(id)) this.add(`schema/${kind}`, f.rel, row.cells.id, `the id${quoted(id)} of this row is used twice (first on line ${ids.get(id)}): give each row its own id`);
        else ids.set(id, row.line);
      }
    }
    return table;
  }

  markdown(abs: string): MarkdownDoc | undefined {
    const f = this.read(abs);
    if (!f) return undefined;
    const { doc, problems } = this.parse(f, 'markdown', parseMarkdown);
    for (const p of problems) this.add(p.ruleId, f.rel, p, p.message);
    return doc;
  }

  /** A parse of a file, reused when the file system keeps parses and the text is unchanged. */
  parse<T>(f: SourceFile, kind: string, parser: (f: SourceFile) => T): T {
    const cache = this.fs.parsed;
    if (!cache) return parser(f);
    const key = `${kind}\0${f.path}`;
    const hit = cache.get(key);
    if (hit && hit.text === f.text) return hit.value as T;
    const value = parser(f);
    cache.set(key, { text: f.text, value });
    return value;
  }

  listDir(sub: string, ext: string): string[] {
    const d = path.join(this.dir, sub);
    if (!this.fs.present(d)) return [];
    if (!this.inside(d)) return [];
    if (!this.fs.isDirectory(d)) {
      this.add('format/file', relPath(d), START, `${sub} should be a folder`);
      return [];
    }
    return this.fs.readdir(d).filter((n) => n.toLowerCase().endsWith(ext) && !n.startsWith('.')).sort().map((n) => path.join(d, n));
  }
}

const propsCache = new Map<SchemaKind, Record<string, unknown>>();
/** The columns a CSV kind allows: the properties of its row schema. */
function validateSchemaProps(kind: SchemaKind): Record<string, unknown> {
  let p = propsCache.get(kind);
  if (!p) {
    p = (loadSchema(kind).properties ?? {}) as Record<string, unknown>;
    propsCache.set(kind, p);
  }
  return p;
}

/** True when something is at the path, a dangling symbolic link included (reported, not missed). */
function present(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isReviewDir(dir: string): boolean {
  return existsSync(path.join(dir, 'review.yml'));
}

/** A review folder found by a scan; a link out of the repository is refused (it could read any folder). */
function inRepository(d: string, root: string): string {
  const real = realpathSync(d);
  if (real !== root && !real.startsWith(root + path.sep)) {
    throw new UsageError(`${relPath(d)}: symbolic link pointing outside the repository; not followed (security/symlink)`);
  }
  return d;
}

/** Review folders under a path: the folder itself if it holds review.yml, else `reviews/*` that do. */
export function findReviewDirs(p: string): string[] {
  const abs = path.resolve(p);
  if (!existsSync(abs)) throw new UsageError(`${p}: no such file or folder`);
  if (!statSync(abs).isDirectory()) throw new UsageError(`${p}: not a folder (expected a review folder or a repository with reviews/)`);
  if (isReviewDir(abs)) return [abs];
  const reviews = path.join(abs, 'reviews');
  if (isDir(reviews)) {
    const root = realpathSync(abs);
    const found: string[] = [];
    for (const n of readdirSync(reviews).sort()) {
      const d = path.join(reviews, n);
      if (n.startsWith('.') || !isDir(d)) continue;
      found.push(inRepository(d, root));
    }
    if (found.length) return found;
  }
  // A folder that looks like a review without review.yml: load it so the missing file is reported.
  if (['chronologies', 'imrs', 'overview-report.md', 'action-plan.csv'].some((n) => existsSync(path.join(abs, n)))) return [abs];
  // The reviews/ folder itself (`dhr lint reviews`): its sub-folders that hold review.yml.
  const children = readdirSync(abs).sort().map((n) => path.join(abs, n))
    .filter((d) => !path.basename(d).startsWith('.') && isDir(d) && isReviewDir(d))
    .map((d) => inRepository(d, realpathSync(abs)));
  if (children.length) return children;
  throw new UsageError(`${p}: no review found (expected review.yml, or reviews/<id>/review.yml)`);
}

export interface LoadOptions {
  /**
   * `chronologies`: read review.yml and the agency chronologies only (what `dhr chronology` needs);
   * the IMRs, reports, action plan and family pages are left unread and the review holds none.
   * Default: everything.
   */
  only?: 'chronologies';
}

export function loadReview(dirArg: string, options: LoadOptions = {}): Review {
  const dir = path.resolve(dirArg);
  if (!existsSync(dir)) throw new UsageError(`${dirArg}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dirArg}: not a folder`);
  return loadReviewFrom(dir, realpathSync(dir), diskFs, options);
}

/** Loads a review held in memory (see memoryFs): the same reading, without a folder on disk. */
export function loadReviewFromFiles(dirArg: string, files: ReadonlyMap<string, string>, parsed?: Map<string, { text: string; value: unknown }>): Review {
  const dir = path.resolve(dirArg);
  return loadReviewFrom(dir, dir, memoryFs(dir, files, parsed));
}

function loadReviewFrom(dir: string, root: string, fs: ReviewFs, options: LoadOptions = {}): Review {
  const L = new Loader(dir, root, fs);
  const all = options.only !== 'chronologies';
  const present = (p: string) => fs.present(p);

  let meta: Review['meta'];
  const reviewYml = path.join(dir, 'review.yml');
  if (!present(reviewYml)) {
    L.add('schema/review', relPath(reviewYml), START, 'review.yml is missing: every review folder needs one');
  } else {
    const f = L.read(reviewYml);
    if (f) {
      const res = readYaml<ReviewMeta>(f);
      for (const p of res.problems) L.add('format/yaml', f.rel, p, p.message);
      if (res.doc) {
        const data = res.doc.data as unknown;
        if (data === null || typeof data !== 'object' || Array.isArray(data)) {
          L.add('schema/review', f.rel, START, 'review.yml must be a mapping of keys to values (it is empty or a list or a single value)');
        } else {
          meta = res.doc;
          const id = (data as { id?: unknown }).id;
          if (typeof id === 'string' && id) L.reviewId = id;
          for (const issue of validateData('review', data)) {
            L.add('schema/review', f.rel, res.doc.spanOf(issue.path, { key: issue.key }), issue.message);
          }
        }
      }
    }
  }

  const chronologies = new Map<string, CsvTable>();
  for (const abs of L.listDir('chronologies', '.csv')) {
    const agency = path.basename(abs).replace(/\.csv$/i, '');
    const t = L.csv(abs, 'chronology');
    if (!t) continue;
    chronologies.set(agency, t);
    for (const row of t.rows) {
      const a = row.cells.agency;
      if (a && a.value.trim() !== '' && a.value.trim() !== agency) {
        L.add('schema/chronology', t.file.rel, a, 'the agency cell does not match the file name: leave it empty, or write the agency id the file is named after');
      }
    }
  }

  const imrs = new Map<string, MarkdownDoc>();
  for (const abs of all ? L.listDir('imrs', '.md') : []) {
    const agency = path.basename(abs).replace(/\.md$/i, '');
    const doc = L.markdown(abs);
    if (!doc) continue;
    imrs.set(agency, doc);
    if (!doc.frontMatter) {
      if (!L.findings.some((x) => x.file === doc.file.rel && x.ruleId === 'format/yaml')) {
        L.add('schema/imr', doc.file.rel, START, 'IMR has no YAML front matter (agency, author, author_role, …)');
      }
      continue;
    }
    const fm = doc.frontMatter;
    for (const issue of validateData('imr', fm.data)) {
      const span = issue.path.length ? fm.spanOf(issue.path, { key: issue.key })
        : { line: fm.lineOffset, column: 1, endLine: fm.lineOffset, endColumn: 4 };
      L.add('schema/imr', doc.file.rel, span, issue.message);
    }
    const a = fm.data.agency;
    if (typeof a === 'string' && a !== agency) {
      L.add('schema/imr', doc.file.rel, fm.spanOf(['agency']), 'the agency in the front matter does not match the file name: write the agency id the file is named after');
    }
  }

  const actionPath = path.join(dir, 'action-plan.csv');
  const actionPlan = all && present(actionPath) ? L.csv(actionPath, 'action') : undefined;
  const md = (name: string) => {
    const p = path.join(dir, name);
    return all && present(p) ? L.markdown(p) : undefined;
  };
  const termsOfReference = md('terms-of-reference.md');
  const overviewReport = md('overview-report.md');
  const executiveSummary = md('executive-summary.md');
  // optional documents: the scoping review (2024 draft guidance) and the Home Office QA panel's letter
  const scopingReview = md('scoping-review.md');
  const qaLetter = md(path.join('qa', 'letter.md'));
  // the review's own glossary (read again by glossary.ts): a broken one is reported, not ignored
  const glossaryPath = path.join(dir, 'glossary.yml');
  let glossary: Review['glossary'];
  if (all && present(glossaryPath)) {
    const f = L.read(glossaryPath);
    if (f) {
      const res = readYaml<Record<string, unknown>>(f);
      for (const p of res.problems) L.add('format/yaml', f.rel, p, p.message);
      const data = res.doc?.data as unknown;
      if (res.doc && (data === null || typeof data !== 'object' || Array.isArray(data))) {
        L.add('format/yaml', f.rel, START, 'glossary.yml must be a mapping of acronyms to what they stand for ("IDVA: Independent Domestic Violence Adviser")');
      } else if (res.doc) glossary = res.doc;
    }
  }
  const family: MarkdownDoc[] = [];
  for (const abs of all ? L.listDir('family', '.md') : []) {
    const d = L.markdown(abs);
    if (d) family.push(d);
  }

  for (const f of L.findings) f.review = L.reviewId;
  return {
    dir, rel: relPath(dir), id: L.reviewId, meta, termsOfReference, chronologies, imrs, actionPlan,
    overviewReport, executiveSummary, family, files: L.files, findings: L.findings,
    ...(scopingReview ? { scopingReview } : {}), ...(qaLetter ? { qaLetter } : {}), ...(glossary ? { glossary } : {}),
  };
}
