/**
 * Writing outputs so that a failure never leaves a half-written file: every file is written
 * into a temporary folder beside the destination first, and only when all are written is each
 * renamed into place (a rename within one file system is atomic). A build that fails before
 * that point leaves the previous outputs untouched.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, lstatSync } from 'node:fs';
import path from 'node:path';

/** Relative path (with `/`) → content. */
export type OutputFiles = Map<string, Uint8Array | string>;

export function writeFilesAtomically(outDir: string, files: OutputFiles): string[] {
  const out = path.resolve(outDir);
  mkdirSync(path.dirname(out), { recursive: true });
  if (existsSync(out) && !lstatSync(out).isDirectory()) throw new Error(`${outDir} exists and is not a folder`);
  const tmp = mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.tmp-`));
  try {
    for (const [rel, content] of files) {
      if (rel.split('/').some((s) => s === '..' || s === '') || path.isAbsolute(rel)) throw new Error(`bad output name ${rel}`);
      const f = path.join(tmp, ...rel.split('/'));
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, content);
    }
    mkdirSync(out, { recursive: true });
    const written: string[] = [];
    for (const rel of files.keys()) {
      const dest = path.join(out, ...rel.split('/'));
      mkdirSync(path.dirname(dest), { recursive: true });
      renameSync(path.join(tmp, ...rel.split('/')), dest);
      written.push(dest);
    }
    return written;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes one file atomically (temp file in the same folder, then rename). */
export function writeFileAtomically(file: string, content: Uint8Array | string): void {
  const abs = path.resolve(file);
  mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, abs);
  } finally {
    rmSync(tmp, { force: true });
  }
}
