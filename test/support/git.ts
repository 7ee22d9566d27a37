/** Runs git in a temporary repository, isolated from the machine's global and system git config. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Environment overrides for test processes: no register, job summary or git config leaking in. */
export const ISOLATED_ENV: Record<string, string | undefined> = {
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_CONFIG_NOSYSTEM: '1',
  DHR_IDENTITIES: undefined,
  GITHUB_STEP_SUMMARY: undefined,
  GIT_DIR: undefined,
  GIT_INDEX_FILE: undefined,
  GIT_WORK_TREE: undefined,
};

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function git(args: string[], cwd: string, env: Record<string, string | undefined> = {}): GitResult {
  const r = spawnSync('git', args, { cwd, env: { ...process.env, ...ISOLATED_ENV, ...env }, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Sets the local identity a temporary repository needs to commit, with signing off. */
export function configureRepo(cwd: string): void {
  git(['config', 'user.name', 'Test Administrator'], cwd);
  git(['config', 'user.email', 'administrator@example.org'], cwd);
  git(['config', 'commit.gpgsign', 'false'], cwd);
}

/**
 * A new repository at `dir` whose `.dhr/identities.yml` is git-ignored (the tool refuses a tracked
 * register), with a copy of the fictional register `register` there when one is given.
 */
export function repoForRegister(dir: string, register?: string): void {
  mkdirSync(path.join(dir, '.dhr'), { recursive: true });
  git(['init', '-q'], dir);
  configureRepo(dir);
  writeFileSync(path.join(dir, '.gitignore'), '.dhr/identities.yml\n');
  if (register) copyFileSync(register, path.join(dir, '.dhr', 'identities.yml'));
}
