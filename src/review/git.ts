/**
 * Running git: the one place the tool starts a git process (the staged files of the pre-commit
 * check, an action plan's history, whether the register is tracked, `dhr init`). Git runs in the
 * C locale (its messages are read, not translated) and takes no optional locks (a read never
 * blocks a commit the user is making at the same time).
 */
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';

export interface GitOptions {
  /** Written to git's standard input (e.g. the object names for `cat-file --batch`). */
  input?: string;
  /** Largest output accepted; more is an error. Default 1 GiB. */
  maxBuffer?: number;
}

const ENV = { GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

/** Runs git in `cwd` and returns what it printed. Throws when git fails or cannot be started. */
export function git(cwd: string, args: readonly string[], opts: GitOptions = {}): Buffer {
  return execFileSync('git', args, {
    cwd,
    input: opts.input,
    maxBuffer: opts.maxBuffer ?? 1024 * 1024 * 1024,
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...ENV },
  });
}

/** Runs git without waiting: resolves to what it printed (UTF-8), rejects when git fails or cannot be started. */
export function gitAsync(cwd: string, args: readonly string[], opts: Pick<GitOptions, 'maxBuffer'> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: opts.maxBuffer ?? 1024 * 1024 * 1024, env: { ...process.env, ...ENV } },
      (err, stdout) => (err ? reject(err) : resolve(stdout))).stdin?.end();
  });
}

/** Runs git and returns its output as text, trimmed. Throws as `git` does. */
export function gitText(cwd: string, args: readonly string[], opts: GitOptions = {}): string {
  return git(cwd, args, opts).toString('utf8').trim();
}

/** Runs git for its exit status only: true when it succeeded, false when it failed or could not run. */
export function gitSucceeds(cwd: string, args: readonly string[]): boolean {
  try {
    git(cwd, args);
    return true;
  } catch {
    return false;
  }
}

/** What went wrong running git, as the error thrown says it: git missing, or its first line on stderr. */
export function gitProblem(e: unknown): { missing: boolean; message: string } {
  const err = e as { code?: string; stderr?: Buffer | string; message?: string };
  if (err.code === 'ENOENT') return { missing: true, message: 'git is not installed or cannot be run' };
  const stderr = err.stderr === undefined ? '' : err.stderr.toString();
  const line = stderr.split('\n').find((l) => l.trim()) ?? err.message ?? '';
  return { missing: false, message: line.replace(/^fatal:\s*/, '').trim() };
}

/** The top folder of the git work tree containing `cwd`, or undefined outside a repository (or without git). */
export function gitRoot(cwd = process.cwd()): string | undefined {
  try {
    return path.resolve(gitText(cwd, ['rev-parse', '--show-toplevel']));
  } catch {
    return undefined;
  }
}
