/**
 * The broken copies made by fixtures/broken/make-smart-report.mjs: the smart/* and report/* rules
 * give exactly the findings in each copy's expected.json (listed for people in its EXPECTED.md),
 * and the copies are in step with the example review.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runRules } from './support/rule-tester.js';
import { brokenCase } from './support/broken.js';
import { smartRules } from '../src/rules/smart/index.js';
import { reportRules } from '../src/rules/report/index.js';

const BROKEN = path.join(ROOT, 'fixtures', 'broken');
const SCRIPT = path.join(BROKEN, 'make-smart-report.mjs');
const COPIES = ['smart-vague', 'report-structure'];

interface Expected { ruleId: string; severity: string; file: string; line: number; column: number }

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}

describe('broken copies for the smart and report rules', () => {
  for (const name of COPIES) {
    it(`${name}: exactly the expected smart/report findings`, () => {
      const dir = brokenCase(name).review;
      const want: Expected[] = JSON.parse(readFileSync(path.join(BROKEN, name, 'expected.json'), 'utf8'));
      const got = runRules(dir, [...smartRules, ...reportRules])
        .filter((f) => f.ruleId.startsWith('smart/') || f.ruleId.startsWith('report/'))
        .map((f) => ({ ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, column: f.column }));
      const key = (f: Expected) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.severity}`;
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
    });
  }

  it('the copies are in step with the example (else run: node fixtures/broken/make-smart-report.mjs)', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-broken-'));
    execFileSync(process.execPath, [SCRIPT, '--out', tmp], { stdio: 'pipe' });
    for (const name of COPIES) {
      const fresh = path.join(tmp, name);
      const kept = path.join(BROKEN, name);
      expect(files(kept), name).toEqual(files(fresh));
      for (const f of files(fresh)) {
        expect(readFileSync(path.join(kept, f), 'utf8'), `${name}/${f} is out of date`).toBe(readFileSync(path.join(fresh, f), 'utf8'));
      }
    }
  });
});
