/**
 * What a build may write over. An output folder is either new, empty, or the output of an earlier
 * build (it holds that build's manifest.json); anything else (`--out ~`, `--out /`, a folder of
 * someone's documents) is refused before a byte is written. Within an earlier build, a document
 * whose bytes no longer match the manifest was edited by hand since: it is named, not replaced.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type OutputFolderCheck =
  | { ok: true }
  /** Not empty and no manifest.json of ours: not a build folder. */
  | { ok: false; reason: 'not-a-build' }
  /** Outputs of the earlier build changed since (paths as the manifest names them, `/` separators). */
  | { ok: false; reason: 'edited'; files: string[] };

interface Manifest {
  version: number;
  outputs: Array<{ path: string; sha256: string }>;
}

function readManifest(file: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (m && typeof m === 'object' && m.version === 1 && Array.isArray(m.outputs)) return m;
  } catch {
    // unreadable: not a manifest of ours
  }
  return undefined;
}

/** A manifest path we wrote ourselves: plain names, no way out of the folder. */
const SAFE_OUTPUT = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

export function checkOutputFolder(outDir: string): OutputFolderCheck {
  const out = path.resolve(outDir);
  if (!existsSync(out) || !lstatSync(out).isDirectory()) return { ok: true }; // new (or the writer reports what is in the way)
  if (readdirSync(out).length === 0) return { ok: true };
  const manifest = readManifest(path.join(out, 'manifest.json'));
  if (!manifest) return { ok: false, reason: 'not-a-build' };
  const edited: string[] = [];
  for (const o of manifest.outputs) {
    if (!o || typeof o.path !== 'string' || !SAFE_OUTPUT.test(o.path) || o.path.split('/').includes('..')) continue;
    const file = path.join(out, ...o.path.split('/'));
    let bytes: Buffer;
    try {
      if (!lstatSync(file).isFile()) continue;
      bytes = readFileSync(file);
    } catch {
      continue; // removed since: nothing to lose
    }
    if (createHash('sha256').update(bytes).digest('hex') !== o.sha256) edited.push(o.path);
  }
  return edited.length ? { ok: false, reason: 'edited', files: edited } : { ok: true };
}
