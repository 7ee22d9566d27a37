/**
 * Worker threads across the reviews of a repository (src/lint/parallel.ts): the output must be the
 * same, byte for byte, whether the reviews are checked on workers or one by one, in every format.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dhr } from './support/cli.js';
import { EXAMPLE, EXAMPLE_IDENTITIES } from './support/rule-tester.js';

function repository(): { repo: string; register: string } {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'dhr-workers-'));
  const register = path.join(os.tmpdir(), `${path.basename(repo)}-identities.yml`);
  copyFileSync(EXAMPLE_IDENTITIES, register);
  mkdirSync(path.join(repo, 'reviews'));
  // five reviews, each a little different so that their findings differ
  for (let i = 0; i < 5; i++) {
    const dir = path.join(repo, 'reviews', `DHR-2024-0${i + 3}`);
    cpSync(EXAMPLE, dir, { recursive: true });
    const ov = path.join(dir, 'overview-report.md');
    if (i % 2 === 1) writeFileSync(ov, readFileSync(ov, 'utf8').replace('\n## ', `\nJoanna Kestrel-Whitby was seen on day ${i}. TODO\n\n## `));
    if (i === 4) writeFileSync(path.join(dir, 'chronologies', 'police.csv'), readFileSync(path.join(dir, 'chronologies', 'police.csv'), 'utf8').replace(/2019-06-14/, '2019-02-31'));
  }
  return { repo, register };
}

describe('lint on worker threads', () => {
  it('prints the same findings, in the same order, as one thread (json, stylish, sarif)', () => {
    const { repo, register } = repository();
    for (const format of ['json', 'stylish', 'sarif']) {
      const args = ['lint', '.', '--format', format, '--identities', register, '--as-of', '2025-07-01'];
      const one = dhr(args, { cwd: repo, env: { DHR_WORKERS: '0', CI: '' } });
      const two = dhr(args, { cwd: repo, env: { DHR_WORKERS: '2', CI: '' } });
      expect(one.code, one.stderr).toBe(1);
      expect(two.code, two.stderr).toBe(1);
      expect(two.stdout, format).toBe(one.stdout);
      if (format === 'json') {
        const findings = (JSON.parse(one.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings;
        const reviews = new Set(findings.map((f) => f.file.split('/')[1]));
        expect(reviews.size, 'findings from several reviews').toBeGreaterThan(1);
        expect(findings.some((f) => f.ruleId === 'anon/identity')).toBe(true);
      }
    }
  }, 120_000);
});
