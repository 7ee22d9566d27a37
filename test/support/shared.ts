/**
 * Work done once per vitest run and shared by the test files that need it (they run in separate
 * worker processes): the first file to ask makes the value, the others wait for it. A value is
 * JSON. Outside a run that provides the folder (global-setup.ts), each file makes its own.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type {} from './global-setup.js'; // the type of inject('dhrRunDir')

export async function sharedOnce<T>(key: string, make: () => Promise<T>, timeoutMs: number): Promise<T> {
  let dir: string | undefined;
  try {
    dir = inject('dhrRunDir');
  } catch {
    dir = undefined;
  }
  if (!dir || !existsSync(dir)) return make();
  const done = path.join(dir, `${key}.json`);
  try {
    mkdirSync(path.join(dir, `${key}.lock`));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return waitFor<T>(key, done, timeoutMs);
  }
  const write = (record: { value: T } | { error: string }) => {
    writeFileSync(`${done}.tmp`, JSON.stringify(record));
    renameSync(`${done}.tmp`, done);
  };
  try {
    const value = await make();
    write({ value });
    return value;
  } catch (e) {
    write({ error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

async function waitFor<T>(key: string, done: string, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(done)) {
    if (Date.now() > until) throw new Error(`${key}: not made by another test file within ${timeoutMs} ms`);
    await sleep(100);
  }
  const record = JSON.parse(readFileSync(done, 'utf8')) as { value: T } | { error: string };
  if ('error' in record) throw new Error(`${key} failed in another test file: ${record.error}`);
  return record.value;
}
