/**
 * The broken copy fixtures/broken/process-late/ (made by fixtures/broken/make-process.mjs) must
 * produce exactly the process/* findings listed in its EXPECTED.md, and must be in step with
 * the example it was copied from.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, runRules } from '../../../test/support/rule-tester.js';
import { processRules } from './index.js';
import { brokenCase } from '../../../test/support/broken.js';

const COPY = path.join(ROOT, 'fixtures', 'broken', 'process-late');
const SCRIPT = path.join(ROOT, 'fixtures', 'broken', 'make-process.mjs');

function expectedFindings(): string[] {
  const md = readFileSync(path.join(COPY, 'EXPECTED.md'), 'utf8');
  const rows = [...md.matchAll(/^\| `(process\/[a-z-]+)` \| `([^`]+)` \| (\d+) \| (\d+) \|/gm)];
  return rows.map((m) => `${m[1]} ${m[2]}:${m[3]}:${m[4]}`).sort();
}

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p, base) : [path.relative(base, p)];
  }).sort();
}

describe('fixtures/broken/process-late', () => {
  it('gives exactly the findings in its EXPECTED.md, all errors', () => {
    const want = expectedFindings();
    expect(want).toHaveLength(6);
    const got = runRules(brokenCase('process-late').review, processRules, { today: '2025-11-25' });
    expect(got.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort()).toEqual(want);
    expect(got.every((f) => f.severity === 'error')).toBe(true);
  });

  it('the clean example gives no process finding', () => {
    expect(runRules(EXAMPLE, processRules, { today: '2025-11-25' }).map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([]);
  });

  it('is in step with the example (else run: node fixtures/broken/make-process.mjs)', () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'dhr-process-late-'));
    execFileSync(process.execPath, [SCRIPT, fresh], { stdio: 'pipe' });
    const files = filesUnder(fresh);
    expect(filesUnder(COPY)).toEqual(files);
    for (const f of files) {
      expect(readFileSync(path.join(COPY, f)).equals(readFileSync(path.join(fresh, f))), `${f} differs`).toBe(true);
    }
  });
});
