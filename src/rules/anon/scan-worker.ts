/** The worker thread of scan-offload.ts: reads each file it is sent and scans it as the rules would. */
import { answerSyncWorker } from '../../sync-worker.js';
import type { IdentityEntry } from './matcher.js';
import type { FileScan, ScanAnswer, ScanJob, SentEntry } from './scan-offload.js';

await answerSyncWorker(async (job: ScanJob) => {
  const { readSource } = await import('../../review/source.js');
  const { patternMatches, viewScan } = await import('./text.js');
  const { scanFile } = await import('./patterns.js');
  const { viewOf } = await import('./normalise.js');
  const { fileSeams } = await import('./cells.js');
  const { encodeIdentity, identityMatches } = await import('./identity.js');
  const { matcherFor } = await import('./matcher.js');
  const { sha256 } = await import('./scan-offload.js');
  const matcher = job.register ? matcherFor(job.register) : undefined;
  const entries: SentEntry[] = [];
  const index = new Map<IdentityEntry, number>();
  const files = job.files.map((abs): FileScan | null => {
    let file;
    try {
      file = readSource(abs);
    } catch {
      return null;
    }
    const pattern = patternMatches(file);
    const v = viewOf(file);
    return {
      sha256: sha256(file.text),
      pattern,
      ...(v.identity || v.lossy ? { scan: scanFile(file) } : {}),
      ...(v.identity ? {} : { view: viewScan(file) }),
      ...(matcher ? { identity: encodeIdentity(identityMatches(file, matcher), entries, index) } : {}),
      ...(/\.(csv|tsv)$/i.test(abs) ? { seams: (({ count, at }) => ({ count, at }))(fileSeams(file)) } : {}),
    };
  });
  const answer: ScanAnswer = { files, entries };
  const buffers = files.flatMap((f) => [f?.identity?.buffer, f?.seams?.at.buffer]).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return { value: answer, transfer: buffers };
});
