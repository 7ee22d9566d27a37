/** The worker thread of duplicates-offload.ts: the pairs `[row, first, similarity]`, flattened into a Float64Array. */
import { answerSyncWorker } from '../sync-worker.js';
import type { DuplicateColumns } from './duplicates-offload.js';

await answerSyncWorker(async (columns: DuplicateColumns) => {
  const { duplicatePairs } = await import('./duplicates.js');
  const { columnsInput } = await import('./duplicates-offload.js');
  const pairs = duplicatePairs(columnsInput(columns), columns.threshold);
  const flat = new Float64Array(pairs.length * 3);
  pairs.forEach(([at, first, similarity], k) => flat.set([at, first, similarity], k * 3));
  return { value: flat, transfer: [flat.buffer] };
});
