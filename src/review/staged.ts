/**
 * Reviews built from what is *staged* in git (the index), not from the working tree: the
 * pre-commit hook must check exactly what the commit will contain.
 *
 * The staged files of each review folder are written into a private temporary folder keeping
 * their paths, that folder is loaded with the ordinary `loadReview`, and findings are mapped
 * back to repository paths. Nothing here parses files itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Finding, Review } from './model.js';
import { loadReview } from './load.js';
import { relPath } from './source.js';
import { git as runGit } from './git.js';

export { gitRoot } from './git.js';

/** Text files a review folder is made of (loading reads these; the anonymisation gate reads every file). */
export const REVIEW_FILE_RE = /\.(md|csv|ya?ml)$/i;

/** Largest output git may hand back for one file (matches the loader's own limit). */
const MAX_BUFFER = 64 * 1024 * 1024 + 1024;

const git = (root: string, args: string[]): Buffer => runGit(root, args, { maxBuffer: MAX_BUFFER });

function splitZ(out: Buffer): string[] {
  return out.toString('utf8').split('\0').filter((s) => s !== '');
}

/** Repository paths (`/` separators) added, copied, modified or renamed in the index. */
export function stagedPaths(root: string): string[] {
  return splitZ(git(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR']));
}

export interface IndexEntry {
  path: string;
  mode: string;
}

/** Every regular file in the index (symbolic links and submodules are left out). */
export function indexEntries(root: string): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const rec of splitZ(git(root, ['ls-files', '--stage', '-z']))) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode] = rec.slice(0, tab).split(' ');
    if (mode === '100644' || mode === '100755') out.push({ path: rec.slice(tab + 1), mode });
  }
  return out;
}

/** The staged bytes of a file (`git show :path`), exactly what the commit will hold. */
export function readStaged(root: string, repoPath: string): Buffer {
  return git(root, ['show', `:${repoPath}`]);
}

/**
 * The review folder (repository path) a file belongs to: the nearest ancestor whose
 * `review.yml` is in the index, else `…/reviews/<id>` when the path runs through a `reviews/`
 * folder. Undefined for files outside any review.
 */
export function reviewFolderOf(repoPath: string, indexed: ReadonlySet<string>): string | undefined {
  const parts = repoPath.split('/');
  for (let i = parts.length - 1; i >= 1; i--) {
    const dir = parts.slice(0, i).join('/');
    if (indexed.has(`${dir}/review.yml`)) return dir;
  }
  if (parts.length < 3) return undefined;
  const at = parts.lastIndexOf('reviews', parts.length - 3);
  return at >= 0 ? parts.slice(0, at + 2).join('/') : undefined;
}

export interface StagedReview {
  /** Repository path of the review folder, e.g. `reviews/DHR-2025-01`. */
  folder: string;
  /** Files of this review changed in the index (repository paths), whatever their kind. */
  changed: string[];
  review: Review;
  /** Where a repository path of this review is in the temporary copy (relative to cwd, as findings name files). */
  copyOf(repoPath: string): string;
}

/**
 * Loads every review folder that has staged changes, from the index, and hands each to `fn`.
 * The temporary copy (mode 0700, it may hold sensitive text) is removed afterwards, also on
 * failure. Finding paths are mapped back with `toRepoPath`.
 */
export function withStagedReviews<T>(root: string, fn: (r: StagedReview, toRepoPath: (f: Finding) => Finding) => T): T[] {
  const entries = indexEntries(root);
  const indexed = new Set(entries.map((e) => e.path));
  const changedByFolder = new Map<string, string[]>();
  // every staged file under a review counts, whatever its name: the gate checks names, documents and images too
  for (const p of stagedPaths(root)) {
    if (!indexed.has(p)) continue;
    const folder = reviewFolderOf(p, indexed);
    if (folder === undefined) continue;
    const list = changedByFolder.get(folder) ?? [];
    list.push(p);
    changedByFolder.set(folder, list);
  }
  if (changedByFolder.size === 0) return [];

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-staged-'));
  try {
    const results: T[] = [];
    for (const [folder, changed] of [...changedByFolder].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const e of entries) {
        if (!e.path.startsWith(folder + '/')) continue;
        const dest = path.join(tmp, ...e.path.split('/'));
        if (!isInside(tmp, dest)) continue;
        mkdirSync(path.dirname(dest), { recursive: true });
        writeFileSync(dest, readStaged(root, e.path), { mode: 0o600 });
      }
      const review = loadReview(path.join(tmp, ...folder.split('/')));
      const toRepoPath = (f: Finding): Finding => ({ ...f, file: mapPath(f.file, tmp, root), ...(f.shownFile ? { shownFile: mapPath(f.shownFile, tmp, root) } : {}) });
      const copyOf = (repoPath: string) => relPath(path.join(tmp, ...repoPath.split('/')));
      results.push(fn({ folder, changed, review, copyOf }, toRepoPath));
    }
    return results;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read the staged files: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** A finding path (relative to cwd, inside the temp copy) → the same file in the repository, relative to cwd. */
function mapPath(file: string, tmp: string, root: string): string {
  const abs = path.resolve(file);
  if (abs !== tmp && !isInside(tmp, abs)) return file;
  return relPath(path.join(root, path.relative(tmp, abs)));
}

/** Repository path of a finding's file (for comparing with `changed`). */
export function repoPathOf(file: string, root: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}
