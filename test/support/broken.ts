/**
 * The broken cases of fixtures/broken/ are overlays: the example plus only the files a case
 * changes (see fixtures/broken/overlay.mjs, which the generators use to write them). `brokenCase`
 * composes one into a temporary repository, removed after the test file.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ROOT } from './rule-tester.js';

export const BROKEN = path.join(ROOT, 'fixtures', 'broken');
const EXAMPLE_REPO = path.join(ROOT, 'fixtures', 'example');
const NOTES = new Set(['expected.json', 'EXPECTED.md']);

let tmp: string | undefined;
const made = new Map<string, string>();
// removed after the test file that composed them (registered when this module is first imported)
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
  made.clear();
});

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p, base) : [path.relative(base, p)];
  });
}

/** The composed repository of a broken case, and its review folder. */
export function brokenCase(name: string): { repo: string; review: string } {
  let repo = made.get(name);
  if (!repo) {
    if (!tmp) {
      tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-broken-case-'));
    }
    repo = path.join(tmp, name);
    cpSync(EXAMPLE_REPO, repo, { recursive: true });
    const overlay = path.join(BROKEN, name);
    for (const rel of walk(overlay)) if (!NOTES.has(rel)) cpSync(path.join(overlay, rel), path.join(repo, rel));
    made.set(name, repo);
  }
  return { repo, review: path.join(repo, 'reviews', 'DHR-2024-03') };
}
