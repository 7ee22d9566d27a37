import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dhr } from './support/cli.js';
import { EXAMPLE, ROOT } from './support/rule-tester.js';
import { brokenCase } from './support/broken.js';

const BROKEN = path.join(ROOT, 'fixtures', 'broken');

interface Expected { ruleId: string; file: string; line: number; column: number | null }

describe('dhr validate', () => {
  it('passes the example review with exit 0', () => {
    const r = dhr(['validate', EXAMPLE, '--format', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(out.summary.reviews).toBe(1);
    expect(out.summary.files).toBeGreaterThan(10);
  });

  const expected: Record<string, Expected[]> = JSON.parse(readFileSync(path.join(BROKEN, 'expected.json'), 'utf8'));
  for (const [name, want] of Object.entries(expected)) {
    it(`reports exactly the defect of broken copy ${name}`, () => {
      const dir = brokenCase(name).review;
      expect(existsSync(dir)).toBe(true);
      const r = dhr(['validate', dir, '--format', 'json']);
      const out = JSON.parse(r.stdout);
      const got = out.findings.map((f: { ruleId: string; file: string; line: number; column: number }) =>
        ({ ruleId: f.ruleId, file: path.relative(dir, path.resolve(ROOT, f.file)).split(path.sep).join('/'), line: f.line, column: f.column }));
      const errors = want.some((w) => !['format/encoding'].includes(w.ruleId));
      expect(r.code).toBe(errors ? 1 : 0);
      expect(got.length, JSON.stringify(got)).toBe(want.length);
      for (const w of want) {
        const hit = got.find((g: Expected) => g.ruleId === w.ruleId && g.file === w.file && g.line === w.line && (w.column === null || g.column === w.column));
        expect(hit, `${name}: expected ${JSON.stringify(w)} in ${JSON.stringify(got)}`).toBeDefined();
      }
    });
  }

  it('exits 2 with one line on stderr for a missing folder', () => {
    const r = dhr(['validate', 'no/such/review']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no/such/review');
  });

  it('exits 2 for an unknown format, with no stack trace', () => {
    const r = dhr(['validate', EXAMPLE, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists the commands with --help', () => {
    const r = dhr(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['new', 'validate', 'lint', 'chronology', 'build', 'audit', 'redact', 'costs', 'import', 'init', 'hooks']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
    }
  });

  it('prints GitHub workflow commands that are well formed', () => {
    const r = dhr(['validate', path.join(BROKEN, 'schema-action-bad-scope'), '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::.+$/);
  });

  it('prints SARIF 2.1.0 with a rule entry for each rule', () => {
    const r = dhr(['validate', path.join(BROKEN, 'schema-action-bad-scope'), '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const ids = log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toContain('schema/action');
    expect(new Set(ids).size).toBe(ids.length);
    expect(log.runs[0].results[0].ruleId).toBe('schema/action');
  });
});

describe('dhr new', () => {
  it('scaffolds a review that validates clean', async () => {
    const os = await import('node:os');
    const fs = await import('node:fs');
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dhr-new-')), 'DHR-2026-01');
    const made = dhr(['new', dir]);
    expect(made.code).toBe(0);
    expect(existsSync(path.join(dir, 'review.yml'))).toBe(true);
    const v = dhr(['validate', dir, '--format', 'json']);
    expect(JSON.parse(v.stdout).findings).toEqual([]);
    expect(v.code).toBe(0);
    expect(readFileSync(path.join(dir, 'overview-report.md'), 'utf8')).toContain('TODO');
    const again = dhr(['new', dir]);
    expect(again.code).toBe(2);
  });
});
