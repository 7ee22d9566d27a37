/**
 * fixtures/broken/anon-leaks (made by fixtures/broken/make-anon.mjs): the anonymisation rules, with
 * the fictional register fixtures/identities.yml, give exactly the findings listed in its EXPECTED.md,
 * and the copy is in step with the example review.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runRules } from './support/rule-tester.js';
import { brokenCase } from './support/broken.js';
import { examplePeople } from './support/anon.js';
import { anonRules } from '../src/rules/anon/index.js';

const BROKEN = path.join(ROOT, 'fixtures', 'broken');
const COPY = path.join(BROKEN, 'anon-leaks');
/** The rules this copy is about (other anon rules, if any, are not part of its contract). */
const RULES = ['anon/identity', 'anon/nhs-number', 'anon/nino', 'anon/postcode', 'anon/phone', 'anon/email', 'anon/date-of-birth',
  'anon/street-address', 'anon/person-name', 'anon/practitioner-name', 'anon/unknown-subject'];

/** The findings table of EXPECTED.md, as "file:line:column ruleId severity". */
function expectedFromMarkdown(): string[] {
  const rows = readFileSync(path.join(COPY, 'EXPECTED.md'), 'utf8').split('\n').filter((l) => /^\| `[a-z]+\//.test(l));
  return rows.map((l) => {
    const [rule, severity, file, line, column] = l.split('|').slice(1, 6).map((c) => c.trim().replace(/`/g, ''));
    return `${file}:${line}:${column} ${rule} ${severity}`;
  });
}

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p, base) : [path.relative(base, p)];
  });
}

describe('broken copy anon-leaks', () => {
  it('gives exactly the findings of its EXPECTED.md, one or more for every anon rule', () => {
    const want = expectedFromMarkdown();
    expect(want.length).toBeGreaterThan(10);
    for (const id of RULES) expect(want.some((w) => w.includes(` ${id} `)), id).toBe(true);
    const dir = brokenCase('anon-leaks').review;
    const got = runRules(dir, anonRules.filter((r) => RULES.includes(r.meta.id)), { identities: examplePeople() })
      .filter((f) => RULES.includes(f.ruleId))
      .map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.severity}`);
    expect(got.sort()).toEqual(want.sort());
  });

  it('expected.json agrees with EXPECTED.md', () => {
    const json = JSON.parse(readFileSync(path.join(COPY, 'expected.json'), 'utf8')) as Array<{ ruleId: string; severity: string; file: string; line: number; column: number }>;
    expect(json.map((e) => `${e.file}:${e.line}:${e.column} ${e.ruleId} ${e.severity}`).sort()).toEqual(expectedFromMarkdown().sort());
  });

  it('is in step with the example (else run: node fixtures/broken/make-anon.mjs)', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-anon-broken-'));
    execFileSync(process.execPath, [path.join(BROKEN, 'make-anon.mjs'), '--out', tmp], { stdio: 'pipe' });
    const fresh = path.join(tmp, 'anon-leaks');
    expect(files(COPY)).toEqual(files(fresh));
    for (const f of files(fresh)) {
      expect(readFileSync(path.join(COPY, f), 'utf8'), `anon-leaks/${f} is out of date`).toBe(readFileSync(path.join(fresh, f), 'utf8'));
    }
  });
});
