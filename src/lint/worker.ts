/**
 * A lint worker thread (see parallel.ts): checks the reviews it is sent, one message each, and
 * answers with the findings or the error. `null` ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import type { IdentityRegister } from './identities.js';
import { checkReview, type CheckJob } from './parallel.js';
import type { Rule } from './rule.js';

const job = workerData as CheckJob;
const registers = new Map<string, IdentityRegister>();
let rules: Rule[] | undefined;

parentPort!.on('message', async (m: { index: number; dir: string } | null) => {
  if (m === null) {
    parentPort!.close();
    return;
  }
  try {
    rules ??= job.mode === 'lint' ? (await import('../rules/index.js')).allRules : [(await import('../rules/anon/person-name.js')).withholdNamedPaths];
    parentPort!.postMessage({ index: m.index, result: checkReview(m.dir, job, rules, registers) });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ index: m.index, error: { message: e?.message ?? String(err), usage: err instanceof UsageError, stack: e?.stack } });
  }
});
