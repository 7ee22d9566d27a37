/**
 * Writing a set of output files so that a failure never leaves a half-written file: everything
 * is written into a temporary folder beside the destination (same file system), flushed, then
 * each file is renamed into place — a rename replaces the old file in one step. If writing fails,
 * the temporary folder is removed and the previous outputs are untouched.
 */
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Writes `files` (name → bytes; names may contain `/` for sub-folders) into `dir`. Returns the paths written. */
export function writeFilesAtomically(dir: string, files: ReadonlyMap<string, Buffer | Uint8Array | string>): string[] {
  const dest = path.resolve(dir);
  mkdirSync(dest, { recursive: true });
  const tmp = mkdtempSync(path.join(path.dirname(dest), `.${path.basename(dest)}.tmp-`));
  const written: string[] = [];
  try {
    const names = [...files.keys()].sort();
    for (const name of names) {
      if (path.isAbsolute(name) || name.split(/[\\/]/).some((p) => p === '..' || p === '')) {
        throw new Error(`refusing to write "${name}": not a plain relative file name`);
      }
      const target = path.join(tmp, name);
      mkdirSync(path.dirname(target), { recursive: true });
      const data = files.get(name)!;
      const fd = openSync(target, 'w');
      try {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const name of names) {
      const target = path.join(dest, name);
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(tmp, name), target);
      written.push(target);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return written;
}
