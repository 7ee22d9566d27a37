/**
 * The worker thread of offload.ts: runs the calls it is sent, one at a time, in order. A message
 * without a function name only loads its module (Offload.warm): nothing is sent back.
 */
import { parentPort } from 'node:worker_threads';

let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (m: { id: number; module: string; name?: string; args?: unknown[] }) => {
  queue = queue.then(async () => {
    if (m.name === undefined) {
      await import(m.module).catch(() => undefined); // the call that needs it reports the failure
      return;
    }
    try {
      const mod = (await import(m.module)) as Record<string, (...args: unknown[]) => unknown>;
      const result = await mod[m.name]!(...(m.args ?? []));
      parentPort!.postMessage({ id: m.id, result });
    } catch (err) {
      const e = err as Error;
      parentPort!.postMessage({ id: m.id, error: { message: e?.message ?? String(err), stack: e?.stack } });
    }
  });
});
