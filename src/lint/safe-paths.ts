/**
 * Paths that must not be printed: a file or folder inside a review whose NAME holds a registered
 * real name or identifier. The anonymisation rules mark such entries; the engine then rewrites the
 * `file` of every finding under them to a safe form, so no formatter (stylish, json, github, sarif,
 * job summary) and no hook message prints the name: the entry is named by its place instead,
 * "reviews/DHR-2024-03/imrs/[file 3 of 5]" (the third of five entries of imrs/, in name order).
 */
import path from 'node:path';
import type { Review } from '../review/model.js';
import { relPath } from '../review/source.js';

export interface HiddenEntry {
  /** Absolute path of the file or folder. */
  abs: string;
  dir: boolean;
  /** 1-based place among the entries of its folder (name order), and how many there are. */
  index: number;
  count: number;
}

const hidden = new WeakMap<Review, Map<string, HiddenEntry>>();

/** Marks a file or folder of a review as one whose name must not be printed. */
export function hidePath(review: Review, entry: HiddenEntry): void {
  let m = hidden.get(review);
  if (!m) hidden.set(review, (m = new Map()));
  m.set(path.resolve(entry.abs), entry);
}

/** True when some path of the review is hidden. */
export function hasHiddenPaths(review: Review): boolean {
  return (hidden.get(review)?.size ?? 0) > 0;
}

/** The printable form of one entry's own name. */
export function safeName(e: HiddenEntry): string {
  return `[${e.dir ? 'folder' : 'file'} ${e.index} of ${e.count}]`;
}

/**
 * A finding's `file` (relative to cwd, `/` separators) with every hidden component replaced by its
 * safe form; unchanged when nothing on its path is hidden.
 */
export function safeFileOf(review: Review, file: string, cwd = process.cwd()): string {
  const m = hidden.get(review);
  if (!m || m.size === 0) return file;
  const abs = path.resolve(cwd, file);
  const base = path.resolve(review.dir);
  const rel = path.relative(base, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file;
  // the review folder's own name may be hidden too: it is then named by its place in its parent
  const self = m.get(base);
  let top = relPath(base, cwd);
  if (self) top = top === '.' ? '.' : [...top.split('/').slice(0, -1), safeName(self)].join('/');
  if (rel === '') return self ? top : file;
  const parts = rel.split(path.sep);
  let changed = Boolean(self);
  let cur = base;
  const out: string[] = [];
  for (const p of parts) {
    cur = path.join(cur, p);
    const e = m.get(cur);
    if (e) {
      out.push(safeName(e));
      changed = true;
    } else out.push(p);
  }
  if (!changed) return file;
  return (top === '.' ? out : [top, ...out]).join('/');
}

/**
 * A message with every hidden name in it replaced by its safe form: a safety net for messages
 * that name their file ("does not match the file name (…)").
 */
export function safeMessageOf(review: Review, message: string): string {
  const m = hidden.get(review);
  if (!m || m.size === 0) return message;
  let out = message;
  for (const e of m.values()) {
    const name = path.basename(e.abs);
    const stem = name.replace(/\.[^.]*$/, '');
    for (const s of [name, stem]) if (s.length >= 3 && out.includes(s)) out = out.split(s).join(safeName(e));
  }
  return out;
}
