/**
 * The worker thread of duplicates-offload.ts: searches the rows it is given and posts the pairs
 * (`[row, first, similarity]` flattened into a Float64Array), or `{ error }`; then sets the flag the
 * other thread waits on, whatever happened.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { DuplicateColumns } from './duplicates-offload.js';

const { columns, flag, port } = workerData as { columns: DuplicateColumns; flag: Int32Array; port: MessagePort };
try {
  const { duplicatePairs } = await import('./duplicates.js');
  const { columnsInput } = await import('./duplicates-offload.js');
  const pairs = duplicatePairs(columnsInput(columns), columns.threshold);
  const flat = new Float64Array(pairs.length * 3);
  pairs.forEach(([at, first, similarity], k) => flat.set([at, first, similarity], k * 3));
  port.postMessage({ pairs: flat }, [flat.buffer]);
} catch (e) {
  port.postMessage({ error: String(e) });
} finally {
  port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
