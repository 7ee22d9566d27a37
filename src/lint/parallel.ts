/**
 * Checking the reviews of a repository: one by one, or on worker threads when there are several
 * reviews and more than one CPU (issue 7). Each worker takes the next review when it has finished
 * one; results are put back in the reviews' order, so the output is the same either way.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_KEY_ENV, resolveHashedPath } from '../rules/anon/hashed-identities.js';
import { startAnonScans } from '../rules/anon/scan-offload.js';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { loadReview } from '../review/load.js';
import type { Finding } from '../review/model.js';
import { guarded } from './guard.js';
import { lintReview } from './engine.js';
import type { IdentityRegister } from './identities.js';
import type { Rule } from './rule.js';
import { setupFor } from './setup.js';

export interface CheckJob {
  mode: 'validate' | 'lint';
  flags: { config?: string; identities?: string };
  today: string;
  /** `lint --final`: the submission gate (no `anon/*` finding unless disabled with a reason). */
  final?: boolean;
}

export interface CheckResult {
  findings: Finding[];
  /** Files read. */
  files: number;
  /** Lint only: which identity register checked the review ('none': registered names were not checked). */
  register?: 'plain' | 'hashed' | 'none';
}

/** One review: its configuration, loading, and (for lint) every rule. */
export function checkReview(dir: string, job: CheckJob, rules: Rule[], registers?: Map<string, IdentityRegister>): CheckResult {
  const loaded = loadForCheck(dir, job, registers);
  return runRules(dir, job, rules, loaded);
}

/**
 * checkReview, awaiting `ready` between reading the review and running the rules: work started
 * before (git listing the tracked files) goes on while the review is read.
 */
export async function checkReviewAfter(ready: Promise<unknown>, dir: string, job: CheckJob, rules: Rule[], registers?: Map<string, IdentityRegister>): Promise<CheckResult> {
  const loaded = loadForCheck(dir, job, registers);
  await ready;
  return runRules(dir, job, rules, loaded);
}

function loadForCheck(dir: string, job: CheckJob, registers?: Map<string, IdentityRegister>) {
  // validate reads the register too when it can (it runs no anon rule, but a path it prints may hold
  // a registered name); a missing or refused register stops lint, not validate
  let setup: ReturnType<typeof setupFor>;
  if (job.mode === 'lint') setup = setupFor(dir, job.flags, true, registers);
  else {
    try {
      setup = setupFor(dir, job.flags, true, registers);
    } catch {
      setup = setupFor(dir, job.flags, false, registers);
    }
  }
  // a large review's biggest files are scanned for the anonymisation rules on another thread while
  // this one reads and parses the review (rules/anon/scan-offload.ts)
  if (job.mode === 'lint') startAnonScans(dir, setup.identities);
  return { setup, review: loadReview(dir) };
}

function runRules(dir: string, job: CheckJob, rules: Rule[], { setup, review }: ReturnType<typeof loadForCheck>): CheckResult {
  const findings = lintReview(review, { ...setup, ...guarded(setup.identities, setup.profile), today: job.today, rules, ...(job.final ? { gate: 'final' as const } : {}) });
  if (job.mode !== 'lint') return { files: review.files.length, findings };
  const hashed = process.env[DEFAULT_KEY_ENV] && resolveHashedPath([setup.config.root, path.dirname(path.dirname(path.resolve(dir)))]);
  return { files: review.files.length, findings, register: setup.identities ? 'plain' : hashed ? 'hashed' : 'none' };
}

const WORKER = new URL('./worker.js', import.meta.url);

/** Fewer reviews than this are checked one by one: starting a worker costs about what a small review does. */
export const MIN_REVIEWS_FOR_WORKERS = 4;
/**
 * Fewer CPUs than this and reviews are checked one by one: a single thread already keeps a second
 * CPU busy with garbage collection and compiling (1.4 CPUs on average), so on two CPUs two workers
 * were slower (bench/RESULTS.md: 50 reviews, 12.6 s on two workers, 10.0 s on one thread).
 */
export const MIN_CPUS_FOR_WORKERS = 3;
const MAX_WORKERS = 8;

/**
 * How many workers to check `reviews` reviews with; 0 means one by one. `DHR_WORKERS` overrides
 * it (`0` turns workers off).
 */
export function workerCount(reviews: number): number {
  // under vitest the worker module is TypeScript, which a worker thread cannot load
  if (!existsSync(fileURLToPath(WORKER))) return 0;
  const env = process.env.DHR_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    return Number.isInteger(n) && n > 0 ? Math.min(n, reviews) : 0;
  }
  if (reviews < MIN_REVIEWS_FOR_WORKERS) return 0;
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  return cpus >= MIN_CPUS_FOR_WORKERS ? Math.min(cpus, reviews, MAX_WORKERS) : 0;
}

interface WorkerError {
  message: string;
  usage: boolean;
  stack?: string;
}

/** Checks reviews on `workers` threads; results in the order of `dirs`. Throws the first review's error, as one by one would. */
export async function checkInWorkers(dirs: string[], job: CheckJob, workers: number): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(dirs.length);
  const errors = new Map<number, WorkerError>();
  let next = 0;
  const run = () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    const feed = () => {
      // after an error, the reviews after it need not be checked (one by one would have stopped)
      const stop = errors.size > 0 && Math.min(...errors.keys()) < next;
      if (next < dirs.length && !stop) {
        worker.postMessage({ index: next, dir: dirs[next] });
        next++;
      } else worker.postMessage(null);
    };
    worker.on('message', (m: { index: number; result?: CheckResult; error?: WorkerError }) => {
      if (m.error) errors.set(m.index, m.error);
      else results[m.index] = m.result!;
      feed();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a lint worker stopped unexpectedly (exit code ${code})`))));
    feed();
  });
  await Promise.all(Array.from({ length: workers }, run));
  if (errors.size) {
    const e = errors.get(Math.min(...errors.keys()))!;
    if (e.usage) throw new UsageError(e.message);
    throw Object.assign(new Error(e.message), { stack: e.stack });
  }
  return results;
}
