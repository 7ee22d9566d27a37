/**
 * Status history of each action from the git history of a review's action-plan.csv.
 *
 * `git log --follow` lists every commit that touched the file, following renames (a review
 * folder renamed from a provisional id to its final one keeps its history). Each version is read
 * from git and parsed with our own CSV reader, and statuses are compared *by action id*, so
 * reordering rows or editing other columns records no change. Dates are committer dates, as a
 * calendar date in Europe/London: the day the change reached the repository.
 */
import { git, gitProblem, gitText } from '../review/git.js';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../review/model.js';
import { decode } from '../review/source.js';
import { readCsvTable } from '../review/csv.js';
import { rowId } from '../review/load.js';
import { londonDate } from '../dates/index.js';

export interface HistoryEntry {
  /** Committer date of the commit that made the change, `YYYY-MM-DD` in Europe/London. */
  date: string;
  /** The status the action had from that commit on. */
  status: string;
  /** Full commit hash. */
  commit: string;
  /** Author name of the commit (mailmap applied). Not case data, but kept out of printed reports by default. */
  author: string;
}

export interface FileVersion {
  commit: string;
  /** Seconds since 1970 (committer date). */
  time: number;
  author: string;
  /** Path of the file in that commit, relative to the repository root. */
  path: string;
}

export interface ActionHistory {
  /** Status changes per action id, oldest first. */
  byAction: Map<string, HistoryEntry[]>;
  /** Versions of the file read, oldest first. */
  versions: FileVersion[];
  /** Problems that make the history incomplete, in plain words (printed on stderr). */
  warnings: string[];
}

/** Lower-case, hyphenated status (`In progress` → `in-progress`, `Completed` → `complete`). */
export function normaliseStatus(raw: string | undefined): string {
  const s = (raw ?? '').trim().toLowerCase().replace(/[\s_]+/g, '-');
  return s === 'completed' ? 'complete' : s;
}

/** The repository root holding `dir`; or why there is none (not a work tree, git missing, refused). */
export function historyRoot(dir: string): { root?: string; problem?: string } {
  try {
    const root = gitText(dir, ['rev-parse', '--show-toplevel']);
    if (root) return { root };
  } catch (e) {
    const { missing, message } = gitProblem(e);
    if (missing) return { problem: 'git is not installed or cannot be run, so there is no status history' };
    if (/not a git repository/i.test(message)) return { problem: 'not in a git repository, so there is no status history' };
    return { problem: `git refused to read the repository (${message}), so there is no status history` };
  }
  return { problem: 'git refused to read the repository (no work tree), so there is no status history' };
}

/** True when the repository is a shallow clone (its oldest commits are missing). */
export function isShallow(root: string): boolean {
  try {
    return gitText(root, ['rev-parse', '--is-shallow-repository']) === 'true';
  } catch {
    return false;
  }
}

/**
 * Commits that touched the file, newest first, each with the file's path in that commit.
 * Parsed from `git log --follow --name-status -z`: records start with 0x1e, the header fields are
 * split by 0x1f, and the name-status part is NUL-separated (`M path` or `R100 old new`).
 */
export function fileVersions(root: string, relFile: string): FileVersion[] {
  const out = git(root, [
    '-c', 'log.showSignature=false', 'log', '--follow', '--format=%x1e%H%x1f%ct%x1f%aN', '--name-status', '-z', 'HEAD', '--', relFile,
  ]).toString('utf8');
  const versions: FileVersion[] = [];
  let newerPath = relFile;
  for (const rec of out.split('\x1e')) {
    if (!rec.trim()) continue;
    const nul = rec.indexOf('\0');
    const head = nul < 0 ? rec : rec.slice(0, nul);
    const [commit, ct, author = ''] = head.split('\x1f');
    if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) continue;
    const tokens = (nul < 0 ? '' : rec.slice(nul + 1)).replace(/^\n/, '').split('\0').filter((t) => t !== '');
    let here = newerPath;
    let older = newerPath;
    let deleted = false;
    for (let i = 0; i < tokens.length; ) {
      const st = tokens[i] ?? '';
      if (/^[RC]\d*$/.test(st)) {
        older = tokens[i + 1] ?? older;
        here = tokens[i + 2] ?? here;
        i += 3;
      } else {
        here = tokens[i + 1] ?? here;
        older = here;
        deleted = st === 'D';
        i += 2;
      }
    }
    if (!deleted) versions.push({ commit, time: Number(ct), author, path: here });
    newerPath = older;
  }
  return versions;
}

/** Reads many blobs with one `git cat-file --batch` (the same objects as `git show <commit>:<path>`). */
export function readBlobs(root: string, specs: string[]): Array<Buffer | undefined> {
  if (specs.length === 0) return [];
  const out = git(root, ['cat-file', '--batch'], { input: specs.map((s) => `${s}\n`).join('') });
  const blobs: Array<Buffer | undefined> = [];
  let pos = 0;
  for (let k = 0; k < specs.length; k++) {
    const eol = out.indexOf(10, pos);
    if (eol < 0) break;
    const header = out.subarray(pos, eol).toString('utf8');
    pos = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      blobs.push(undefined); // "<spec> missing" or "ambiguous"
      continue;
    }
    const size = Number(m[2]);
    blobs.push(m[1] === 'blob' ? out.subarray(pos, pos + size) : undefined);
    pos += size + 1; // content, then a newline
  }
  return blobs;
}

/** Statuses by action id in one version of the file (ids as the audit uses them: `rowId`). */
export function statusesOf(bytes: Buffer, rel: string): Map<string, string> {
  const { text } = decode(bytes);
  const file: SourceFile = { path: rel, rel, text, encoding: 'utf-8' };
  const { table } = readCsvTable(file);
  const statuses = new Map<string, string>();
  for (const row of table.rows) {
    const id = rowId(row);
    if (!statuses.has(id)) statuses.set(id, normaliseStatus(row.cells.status?.value));
  }
  return statuses;
}

/**
 * The status history of every action in `<reviewDir>/<file>`. Never throws for a folder outside
 * git, an uncommitted file or a shallow clone: the history is then empty or partial, with a warning.
 */
export function readActionHistory(reviewDir: string, file = 'action-plan.csv'): ActionHistory {
  const byAction = new Map<string, HistoryEntry[]>();
  const warnings: string[] = [];
  const abs = path.resolve(reviewDir, file);
  const { root, problem } = historyRoot(path.dirname(abs));
  const shown = path.relative(process.cwd(), abs).split(path.sep).join('/') || file;
  if (!root) {
    warnings.push(`${shown}: ${problem}`);
    return { byAction, versions: [], warnings };
  }
  if (isShallow(root)) {
    warnings.push('this is a shallow clone: older commits are missing, so status history may be incomplete (run "git fetch --unshallow" for the full history)');
  }
  // git prints the real path of the root; compare like with like when the folder is reached through a symlink.
  let real = abs;
  try {
    real = path.join(realpathSync(path.dirname(abs)), path.basename(abs));
  } catch {
    // keep the path as given
  }
  const relFile = path.relative(root, real).split(path.sep).join('/');
  let versions: FileVersion[];
  try {
    versions = fileVersions(root, relFile).reverse();
  } catch (e) {
    const msg = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).split('\n')[0];
    if (/does not have any commits|bad revision 'HEAD'|unknown revision/i.test(msg)) {
      warnings.push(`${shown}: the repository has no commits yet, so there is no status history`);
    } else {
      warnings.push(`${shown}: could not read git history (${msg.trim()})`);
    }
    return { byAction, versions: [], warnings };
  }
  if (versions.length === 0) {
    warnings.push(`${shown}: not committed yet, so there is no status history`);
    return { byAction, versions, warnings };
  }
  const blobs = readBlobs(root, versions.map((v) => `${v.commit}:${v.path}`));
  const last = new Map<string, string>();
  versions.forEach((v, k) => {
    const bytes = blobs[k];
    if (!bytes) return;
    for (const [id, status] of statusesOf(bytes, v.path)) {
      if (status === '' || last.get(id) === status) continue;
      last.set(id, status);
      let list = byAction.get(id);
      if (!list) byAction.set(id, (list = []));
      list.push({ date: londonDate(v.time), status, commit: v.commit, author: v.author });
    }
  });
  return { byAction, versions, warnings };
}
