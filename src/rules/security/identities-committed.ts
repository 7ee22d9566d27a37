/** `security/identities-committed` — see identities-committed.md. */
import { git, gitAsync } from '../../review/git.js';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../../vendor/yaml.js';
import { defineRule } from '../../lint/rule.js';
import { relPath } from '../../review/source.js';

const NAME_RE = /^identit(?:y|ies)[^/]*\.ya?ml$/i;
const YAML_RE = /\.ya?ml$/i;
/** Larger YAML files are not opened: a register is small, and reading every big file would cost time. */
const MAX_BYTES = 2 * 1024 * 1024;

/*
 * The reviews of one repository share its list of tracked files, so it is kept between reviews
 * (one git process per repository, not two per review: in a repository of 50 reviews the spawns
 * cost more than the rest of the rule). The list is keyed by the index file's size and time, so a
 * commit or `git add` between two runs in one process is seen.
 */
const tracked = new Map<string, { stamp: string; files: string[] }>();

/**
 * The repository root holding `dir`, or undefined outside git: the nearest folder above it with a
 * `.git` (a folder, or a file in a worktree), found as git finds it, without starting git.
 */
function gitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The index file's size and modification time ('' when it cannot be read: then nothing is kept). */
function indexStamp(root: string): string {
  try {
    const gitDir = gitDirOf(root);
    const st = statSync(path.join(gitDir, 'index'));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}

/** `.git` of a root: a folder, or (in a worktree or submodule) a file naming it. */
function gitDirOf(root: string): string {
  const dotGit = path.join(root, '.git');
  if (statSync(dotGit).isDirectory()) return dotGit;
  const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
  if (!m) throw new Error('no gitdir');
  return path.resolve(root, m[1]!.trim());
}

const lsFiles = (root: string, scope: string) => ['ls-files', '-z', '--', path.relative(root, scope) || '.'];
const MAX_LISTING = 256 * 1024 * 1024;
const listed = (root: string, out: string) => out.split('\0').filter(Boolean).map((f) => path.join(root, f));

/** Tracked files under `scope`, as absolute paths. */
function trackedFiles(root: string, scope: string): string[] {
  const key = `${root}\0${scope}`;
  const stamp = indexStamp(root);
  const known = tracked.get(key);
  if (stamp && known?.stamp === stamp) return known.files;
  try {
    const files = listed(root, git(root, lsFiles(root, scope), { maxBuffer: MAX_LISTING }).toString('utf8'));
    if (stamp) tracked.set(key, { stamp, files });
    return files;
  } catch {
    return [];
  }
}

/** The repository root (real path) and scope the rule lists for a review folder; undefined outside git. */
function whereListed(reviewDir: string): { root: string; scope: string } | undefined {
  let dir: string;
  try {
    dir = realpathSync(reviewDir);
  } catch {
    return undefined;
  }
  const root = gitRoot(dir);
  return root ? { root: realpathSync(root), scope: scopeFor(dir).scope } : undefined;
}

/**
 * Starts `git ls-files` for these review folders now, without waiting, and keeps the lists as the
 * rule would: a lint that awaits this after reading the reviews (which takes longer than git) finds
 * them ready, instead of waiting for git in the rule. Never fails: the rule asks git itself then.
 */
export function prefetchTrackedFiles(reviewDirs: readonly string[]): Promise<void> {
  const jobs = new Map<string, Promise<void>>();
  for (const d of reviewDirs) {
    let at: { root: string; scope: string } | undefined;
    try {
      at = whereListed(path.resolve(d));
    } catch {
      continue;
    }
    if (!at) continue;
    const { root, scope } = at;
    const key = `${root}\0${scope}`;
    const stamp = indexStamp(root);
    if (!stamp || jobs.has(key) || tracked.get(key)?.stamp === stamp) continue;
    jobs.set(key, gitAsync(root, lsFiles(root, scope), { maxBuffer: MAX_LISTING })
      .then((stdout) => void tracked.set(key, { stamp, files: listed(root, stdout) }), () => undefined));
  }
  return Promise.all(jobs.values()).then(() => undefined);
}

/** True when YAML text has a top-level `people:` list whose items carry `names` or `identifiers`. */
export function looksLikeRegister(text: string): boolean {
  if (!/^people\s*:/m.test(text)) return false;
  try {
    const data = parseDocument(text, { schema: 'core' }).toJS({ maxAliasCount: 100 }) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
    const people = (data as { people?: unknown }).people;
    return Array.isArray(people) && people.some((p) => p !== null && typeof p === 'object' && ('names' in p || 'identifiers' in p));
  } catch {
    return false;
  }
}

/** Why a tracked file looks like an identity register, or undefined. */
export function registerReason(abs: string, relToRepo: string): string | undefined {
  const base = path.basename(abs);
  const parts = relToRepo.split('/');
  if (NAME_RE.test(base)) return 'its name is that of an identity register';
  if (parts.slice(0, -1).includes('.dhr') && YAML_RE.test(base)) return 'it is a YAML file in .dhr/, where the register lives';
  if (!YAML_RE.test(base)) return undefined;
  try {
    if (statSync(abs).size > MAX_BYTES) return undefined;
    const text = readFileSync(abs, 'utf8');
    if (looksLikeRegister(text)) return 'it has a "people:" list with names or identifiers';
  } catch {
    // deleted in the working tree or unreadable: nothing to look at
  }
  return undefined;
}

/**
 * The folder whose tracked files this review answers for: the review repository (the folder holding
 * `reviews/`) when the review sits in one, else the review folder itself. Files outside every review
 * folder are reported by the first review of the repository only, so they are listed once.
 */
function scopeFor(reviewDir: string): { scope: string; ownsRepoFiles: boolean } {
  const parent = path.dirname(reviewDir);
  if (path.basename(parent) !== 'reviews') return { scope: reviewDir, ownsRepoFiles: true };
  const siblings = readdirSync(parent).sort().filter((n) => !n.startsWith('.') && existsSync(path.join(parent, n, 'review.yml')));
  return { scope: path.dirname(parent), ownsRepoFiles: siblings[0] === path.basename(reviewDir) };
}

export const identitiesCommitted = defineRule({
  id: 'security/identities-committed',
  tag: 'security',
  severity: 'error',
  description: 'an identity register tracked by git',
}, (ctx) => {
  let dir: string;
  try {
    dir = realpathSync(ctx.review.dir);
  } catch {
    return;
  }
  const { scope, ownsRepoFiles } = scopeFor(dir);
  const root = gitRoot(dir);
  if (!root) return;
  const realRoot = realpathSync(root);
  const reviewsDir = path.join(scope, 'reviews');
  for (const abs of trackedFiles(realRoot, scope)) {
    const inThisReview = abs.startsWith(dir + path.sep);
    const inAnyReview = abs.startsWith(reviewsDir + path.sep);
    if (!inThisReview && (inAnyReview || !ownsRepoFiles)) continue;
    const rel = path.relative(realRoot, abs).split(path.sep).join('/');
    const why = registerReason(abs, rel);
    if (!why) continue;
    ctx.report(relPath(abs), { line: 1, column: 1, endLine: 1, endColumn: 1 },
      `this file looks like an identity register (${why}) and is tracked by git: remove it from the repository `
      + '(git rm --cached), list it in .gitignore, and if it was ever pushed, have the history purged and tell the CSP');
  }
});
