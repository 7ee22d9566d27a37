/**
 * Finding the review repository and the review you stand in, so commands run with no path (or
 * with a file) inside a review repository do what was meant.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** Folders from `start` up to the top of the file system, stopping after a git work tree's top. */
function upwards(start: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(start); ; d = path.dirname(d)) {
    out.push(d);
    if (existsSync(path.join(d, '.git')) || path.dirname(d) === d) return out;
  }
}

/** The review folder (holding review.yml) that `p` is in or is, if any. */
export function enclosingReview(p: string): string | undefined {
  const start = isDir(p) ? p : path.dirname(path.resolve(p));
  return upwards(start).find((d) => existsSync(path.join(d, 'review.yml')));
}

/** The top of the review repository around `cwd`: the nearest folder with reviews/ or dhr.config.yml. */
export function reviewRepository(cwd = process.cwd()): string | undefined {
  return upwards(cwd).find((d) => isDir(path.join(d, 'reviews')) || existsSync(path.join(d, 'dhr.config.yml')));
}

/**
 * What a command given no path works on: the review folder you stand in, else the reviews/ of the
 * repository, shown relative to `cwd`.
 */
export function defaultReviewPath(command: string, cwd = process.cwd()): string {
  const review = enclosingReview(cwd);
  const repo = review ? undefined : reviewRepository(cwd);
  const target = review ?? (repo && path.join(repo, 'reviews'));
  if (!target || !isDir(target)) {
    throw new UsageError(`${command}: give a review folder or repository (no review.yml or reviews/ folder here or above; see dhr ${command} --help)`);
  }
  return path.relative(cwd, target).split(path.sep).join('/') || '.';
}
