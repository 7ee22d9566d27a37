/**
 * Work handed to a worker thread and taken back synchronously (issue 19): rules run synchronously,
 * so a rule that starts work before the rules run (`Rule.prepare`) waits for the answer without
 * returning to the event loop. The worker sets a flag in shared memory once it has posted its
 * answer (`Atomics.wait` on this side), and the answer is read from the port at once
 * (`receiveMessageOnPort`).
 *
 * `startSyncWorker` returns undefined when a worker cannot help — one CPU, `DHR_WORKERS=0`, the
 * compiled worker module missing (under vitest, which runs TypeScript) or a worker that cannot be
 * made — and `take()` returns undefined when the worker failed or did not answer within `waitMs`:
 * the caller then does the work itself, with the same result.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, workerData, type MessagePort, type Transferable } from 'node:worker_threads';

export interface SyncWorker<T> {
  /** The worker's answer, waiting for it if need be; undefined if it failed. Once only. */
  take(): T | undefined;
}

/** True when a worker thread can help: two CPUs or more, and `DHR_WORKERS` is not `0`. */
export function workersHelp(): boolean {
  return process.env.DHR_WORKERS !== '0' && (os.availableParallelism?.() ?? os.cpus().length) >= 2;
}

/** Starts `module` (a worker answering with `answerSyncWorker`) on `data`; `transfer` moves buffers instead of copying them. */
export function startSyncWorker<T>(module: URL, data: unknown, transfer: Transferable[] = [], waitMs = 120_000): SyncWorker<T> | undefined {
  if (!workersHelp() || !existsSync(fileURLToPath(module))) return undefined;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(module, { workerData: { data, flag, port: port2 }, transferList: [port2, ...transfer] });
  } catch {
    port1.close();
    return undefined;
  }
  worker.unref();
  // a worker that cannot start says so by an event this thread may never see while it waits: the
  // wait's limit covers that
  worker.on('error', () => undefined);
  let taken = false;
  return {
    take() {
      if (taken) return undefined;
      taken = true;
      const deadline = Date.now() + waitMs;
      while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
      const answer = receiveMessageOnPort(port1)?.message as { value?: T; error?: string } | undefined;
      port1.close();
      if (!answer || !('value' in answer)) {
        void worker.terminate();
        return undefined;
      }
      return answer.value;
    },
  };
}

/**
 * The worker's side: computes the answer from the data `startSyncWorker` was given, posts it (or
 * the error), then sets the flag the other thread waits on, whatever happened.
 */
export async function answerSyncWorker<D, T>(compute: (data: D) => Promise<{ value: T; transfer?: Transferable[] }>): Promise<void> {
  const { data, flag, port } = workerData as { data: D; flag: Int32Array; port: MessagePort };
  try {
    const { value, transfer } = await compute(data);
    port.postMessage({ value }, transfer ?? []);
  } catch (e) {
    port.postMessage({ error: String(e) });
  } finally {
    port.close();
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
}
