/** Runs the compiled CLI (`bin/dhr.js`) as a user would, capturing output and exit code. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './rule-tester.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function dhr(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dhr.js'), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', DHR_DEBUG: '', ...(opts.env ?? {}) },
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
