/**
 * Runs the compiled CLI as a user would, capturing output and exit code: `dhr` waits for it,
 * `dhrAsync` runs it without blocking the test process and kills it after a timeout (a hang is a
 * failure, not a stuck CI job). Every test that starts `bin/dhr.js` goes through one of the two.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './rule-tester.js';
import { ISOLATED_ENV } from './git.js';

/**
 * The CLI under test: `bin/dhr.js` of this checkout, or DHR_TEST_BIN (a private build, so that a
 * concurrent `tsc` writing dist/ cannot change the program halfway through a run).
 */
export const BIN = process.env.DHR_TEST_BIN ? path.resolve(process.env.DHR_TEST_BIN) : path.join(ROOT, 'bin', 'dhr.js');

/** A command that takes longer than this has hung (DHR_HANG_MS on a loaded machine). */
export const HANG_MS = Number(process.env.DHR_HANG_MS) || 60_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function dhr(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', DHR_DEBUG: '', ...(opts.env ?? {}) },
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/**
 * Runs the CLI without blocking, killing it after `timeoutMs`, in an isolated environment (no
 * register, git config, CI or debug setting leaking in from the machine).
 */
export function dhrAsync(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, ...ISOLATED_ENV, NO_COLOR: '1', DHR_DEBUG: undefined, CI: undefined, ...(opts.env ?? {}) };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    // Keep at most 32 MB of output: enough to check, not enough to exhaust the test's memory.
    child.stdout.on('data', (b: Buffer) => { if ((outLen += b.length) < 32 << 20) out.push(b); });
    child.stderr.on('data', (b: Buffer) => { if (err.length < 4096) err.push(b); });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? HANG_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started, timedOut });
    });
  });
}
