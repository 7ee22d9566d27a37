/**
 * Running a writer on a worker thread, so that a build draws its PDFs on one CPU while it writes
 * its DOCX files on another (issue 7: every document of a review in under 10 s on two cores).
 *
 * `Offload.call(module, name, args)` runs `(await import(module))[name](...args)` in one worker,
 * one call at a time in the order made; arguments and results are copied (structured clone), so
 * they are plain data: a `Doc`, form values, bytes. The writers are deterministic, so the bytes are
 * the same as in the main thread.
 *
 * `warm(modules)` starts the worker and has it load those modules while the main thread does other
 * work (a build lints first): the PDF writers take about a second to load. The worker keeps the
 * process alive only while a call is pending, so a command that stops early need not close it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workersHelp } from '../sync-worker.js';

const WORKER = new URL('./offload-worker.js', import.meta.url);

/**
 * True when a worker can help: more than one CPU, the compiled worker module present (not under
 * vitest, which runs TypeScript), and `DHR_WORKERS` not `0`.
 */
export function offloadAvailable(): boolean {
  return workersHelp() && existsSync(fileURLToPath(WORKER));
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class Offload {
  private worker?: Worker;
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  /** Calls an exported function of a module (a file URL) on the worker. */
  call<T>(module: URL, name: string, args: unknown[]): Promise<T> {
    const worker = this.start();
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, module: module.href, name, args });
    });
  }

  /**
   * Starts the worker and loads the modules there (file URLs, or packages by name), without waiting: a later call finds them
   * loaded. A module that fails to load fails the call that needs it, as without warm().
   */
  warm(modules: Array<URL | string>): void {
    const worker = this.start();
    for (const m of modules) worker.postMessage({ id: -1, module: typeof m === 'string' ? m : m.href });
  }

  /** Stops the worker (pending calls fail). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER);
    const failAll = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('message', (m: { id: number; result?: unknown; error?: { message: string; stack?: string } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (!this.pending.size) worker.unref();
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { stack: m.error.stack }));
      else p.resolve(m.result);
    });
    worker.unref(); // referenced while a call is pending (call())
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (this.pending.size) failAll(new Error(`a writer worker stopped unexpectedly (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }
}
