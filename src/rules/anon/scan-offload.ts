/**
 * The anonymisation scans of a large review's biggest files, made on a worker thread while this
 * one reads and parses the review (issue 19: at 100,000 rows the register's matches and the
 * pattern scan were a quarter of a lint, after the parse).
 *
 * `startAnonScans(dir, register)` is called before the review is loaded. The worker reads the
 * review's large text files itself (regular files only, links not followed, as `readSource` reads
 * them) and runs the same functions this thread would: `identityMatches` (when there is a register),
 * `patternMatches`, the scans these share (`viewScan`, `scanFile`) and a CSV file's seams
 * (`fileSeams`). When a rule first asks for one of those for a file the worker read,
 * `takeOffloadedScan` takes the answer and fills the caches only if the file's text is the text the
 * worker read (the same SHA-256): a file changed in between, another text under the same path (what
 * a `data:` URI in it holds), or a worker that failed, and this thread scans the file itself, as it
 * always did.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { IdentityRegister } from '../../lint/identities.js';
import type { SourceFile } from '../../review/model.js';
import { MAX_FILE_BYTES } from '../../review/source.js';
import { startSyncWorker, type SyncWorker } from '../../sync-worker.js';

/**
 * A match as the worker sends it: this module only passes them on (its type-only view of
 * patterns.ts's PatternMatch and matcher.ts's IdentityEntry, which import this module).
 */
type Scanned = { kind: string; start: number; end: number };
export type SentEntry = { pseudonym: string; kind: string; placeholder: string };

const WORKER = new URL('./scan-worker.js', import.meta.url);

/** Files smaller than this are scanned on this thread (an IMR of 30 pages is about 100 KB). */
export const OFFLOAD_FILE_BYTES = 32 * 1024;
/** Less than this in such files and no worker is started. */
export const OFFLOAD_BYTES = 4 * 1024 * 1024;
/** Text files by name, as the loader reads them (the documents a review may hold are read by the rules, on this thread). */
const TEXT_FILE = /\.(csv|md|ya?ml|txt|tsv)$/i;

export interface ScanJob {
  files: string[];
  register?: IdentityRegister;
}

/** What the worker found in one file. */
export interface FileScan {
  /** SHA-256 of the text it read (hex). */
  sha256: string;
  /** `patternMatches`; `scan` (`scanFile`) and `view` (`viewScan` of a view that is not the text) when it made them. */
  pattern: Scanned[];
  scan?: Scanned[];
  view?: Scanned[];
  /** `identityMatches`, four numbers a match: start, end, possessive end, index in the answer's entries. */
  identity?: Int32Array;
  /** `fileSeams` of a CSV or TSV file (cells.ts), without its text. */
  seams?: { count: number; at: Int32Array };
}

export interface ScanAnswer {
  /** By file, as sent; null for a file the worker could not read. */
  files: Array<FileScan | null>;
  entries: SentEntry[];
}

interface Started {
  job: ScanJob;
  /** The register as the rules have it (its matcher is found by it). */
  register?: IdentityRegister;
  worker: SyncWorker<ScanAnswer>;
  answer?: ScanAnswer | null;
}

/** Started scans by the absolute path of each file sent. */
const byPath = new Map<string, Started>();

/** The large text files of a review folder: regular files, links not followed, hidden files and folders (`.git`) left out. */
function largeTextFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const abs = path.join(d, name);
      let st;
      try {
        st = lstatSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory() && depth < 4) walk(abs, depth + 1);
      else if (st.isFile() && TEXT_FILE.test(name) && st.size >= OFFLOAD_FILE_BYTES && st.size <= MAX_FILE_BYTES) out.push(path.resolve(abs));
    }
  };
  walk(dir, 0);
  return out;
}

/** Starts the scans of a review's large files, when they are large enough for a worker to pay. */
export function startAnonScans(dir: string, register: IdentityRegister | undefined): void {
  let files: string[];
  let bytes = 0;
  try {
    files = largeTextFiles(dir);
    for (const f of files) bytes += lstatSync(f).size;
  } catch {
    return;
  }
  if (bytes < OFFLOAD_BYTES || files.some((f) => byPath.has(f))) return;
  const job: ScanJob = { files, ...(register && Array.isArray(register.people) && register.people.length ? { register: { file: '', people: register.people } } : {}) };
  const worker = startSyncWorker<ScanAnswer>(WORKER, job);
  if (!worker) return;
  const started: Started = { job, worker, ...(job.register ? { register } : {}) };
  for (const f of files) byPath.set(f, started);
}

/** Fills one module's cache from what the worker found in a file (`register`: the one the identity matches are for). */
export type ScanAdopter = (file: SourceFile, scan: FileScan, entries: SentEntry[], register?: IdentityRegister) => void;

const adopters: ScanAdopter[] = [];

/** A module with a cache of scans (text.ts, patterns.ts, identity.ts) says how to fill it. */
export function adoptScans(adopter: ScanAdopter): void {
  adopters.push(adopter);
}

/**
 * At a cache miss for `file`: when the worker scanned it, takes its answer (waiting for it if need
 * be) and, if the file's text is the text the worker read, fills every cache with it. Once a file.
 */
export function takeOffloadedScan(file: SourceFile): void {
  if (byPath.size === 0) return;
  const abs = path.resolve(file.path);
  const started = byPath.get(abs);
  if (!started) return;
  byPath.delete(abs);
  if (started.answer === undefined) started.answer = started.worker.take() ?? null;
  const scan = started.answer?.files[started.job.files.indexOf(abs)];
  if (!scan || scan.sha256 !== sha256(file.text)) return;
  for (const adopt of adopters) adopt(file, scan, started.answer!.entries, started.register);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
