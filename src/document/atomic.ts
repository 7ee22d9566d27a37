/**
 * Writing outputs so that a failure never leaves a half-written file or a mix of old and new:
 * every file is written into a temporary folder beside the destination first; then every
 * destination is checked (an existing one must be a plain file: a folder or a link in its place
 * stops the build before anything is replaced); then each previous file is moved aside and the new
 * one renamed into place (a rename within one file system is atomic). If any step fails, what was
 * placed is removed and what was moved aside is put back, so the previous outputs stay as they were.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync, writeSync, lstatSync } from 'node:fs';
import path from 'node:path';

/**
 * A file's content: bytes, text (written as UTF-8), or chunks of either, produced as the file is
 * written (a large output need not be held whole in memory).
 */
export type OutputContent = Uint8Array | string | Iterable<Uint8Array | string>;

/** Relative path (with `/`) → content. */
export type OutputFiles = Map<string, OutputContent>;

function writeContent(file: string, content: OutputContent): void {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    writeFileSync(file, content);
    return;
  }
  const fd = openSync(file, 'w');
  try {
    for (const chunk of content) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    }
  } finally {
    closeSync(fd);
  }
}

function kindAt(p: string): 'none' | 'file' | 'other' {
  try {
    return lstatSync(p).isFile() ? 'file' : 'other';
  } catch {
    return 'none';
  }
}

export function writeFilesAtomically(outDir: string, files: OutputFiles): string[] {
  const out = path.resolve(outDir);
  mkdirSync(path.dirname(out), { recursive: true });
  if (existsSync(out) && !lstatSync(out).isDirectory()) throw new Error(`${outDir} exists and is not a folder`);
  const tmp = mkdtempSync(path.join(path.dirname(out), `.${path.basename(out)}.tmp-`));
  const parts = (rel: string) => rel.split('/');
  try {
    for (const [rel, content] of files) {
      if (parts(rel).some((s) => s === '..' || s === '' || s === '.previous') || path.isAbsolute(rel)) throw new Error(`bad output name ${rel}`);
      const f = path.join(tmp, ...parts(rel));
      mkdirSync(path.dirname(f), { recursive: true });
      writeContent(f, content);
    }
    // every destination first: a folder or link where an output goes stops the build here
    for (const rel of files.keys()) {
      const dest = path.join(out, ...parts(rel));
      if (kindAt(dest) === 'other') throw new Error(`${path.join(outDir, ...parts(rel))} is a folder or a link, not a file: nothing was replaced`);
      for (let d = path.dirname(dest); d.length > out.length; d = path.dirname(d)) {
        const k = kindAt(d);
        if (k === 'file' || (k === 'other' && !lstatSync(d).isDirectory())) throw new Error(`${path.relative(process.cwd(), d)} is in the way of ${rel}: nothing was replaced`);
      }
    }
    mkdirSync(out, { recursive: true });
    const done: Array<{ dest: string; backup?: string; placed: boolean }> = [];
    try {
      for (const rel of files.keys()) {
        const dest = path.join(out, ...parts(rel));
        mkdirSync(path.dirname(dest), { recursive: true });
        const step: { dest: string; backup?: string; placed: boolean } = { dest, placed: false };
        done.push(step);
        if (kindAt(dest) === 'file') {
          const backup = path.join(tmp, '.previous', ...parts(rel));
          mkdirSync(path.dirname(backup), { recursive: true });
          renameSync(dest, backup);
          step.backup = backup;
        }
        renameSync(path.join(tmp, ...parts(rel)), dest);
        step.placed = true;
      }
    } catch (err) {
      // put everything back as it was, newest first
      for (const step of done.reverse()) {
        try {
          if (step.placed) rmSync(step.dest, { force: true });
          if (step.backup) renameSync(step.backup, step.dest);
        } catch {
          // keep going: restore as much as can be restored
        }
      }
      throw err;
    }
    return done.map((d) => d.dest);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Writes one file atomically: a new temporary file in the same folder (never one already there,
 * nor through a link in its place), then a rename over the target. `mode` sets its permissions
 * (e.g. those of the file it replaces); by default they come from the umask.
 */
export function writeFileAtomically(file: string, content: Uint8Array | string, opts: { mode?: number } = {}): void {
  const abs = path.resolve(file);
  mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
    if (opts.mode !== undefined) chmodSync(tmp, opts.mode);
    renameSync(tmp, abs);
  } finally {
    rmSync(tmp, { force: true });
  }
}
