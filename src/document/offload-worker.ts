/**
 * The worker thread of offload.ts: runs the calls it is sent, one at a time, in order. A message
 * without a function name only loads its module (Offload.warm): nothing is sent back. A package named
 * without a URL is loaded with require: the writers require their CommonJS packages.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);

let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (m: { id: number; module: string; name?: string; args?: unknown[] }) => {
  queue = queue.then(async () => {
    if (m.name === undefined) {
      // a package by name is CommonJS, required as its users require it; a module by URL, imported
      try {
        if (m.module.startsWith('file:')) await import(m.module);
        else require(m.module);
      } catch {
        // the call that needs it reports the failure
      }
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
