/**
 * The anonymisation scans of a large review on a worker thread (src/rules/anon/scan-offload.ts):
 * `dhr lint` finds the same things with and without it, registered names and identifiers planted
 * in a 5 MB chronology included; and a file whose text is not the text the worker read is scanned
 * again on this thread.
 */
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleRepo, registerCopy, runDhr, tmpRoot } from './hostile/support.js';
import { ROOT } from './support/rule-tester.js';

const parent = tmpRoot('scan-offload');
afterAll(() => rmSync(parent, { recursive: true, force: true }));
const dist = (m: string) => import(pathToFileURL(path.join(ROOT, 'dist', 'src', m)).href);

/** Rows of ordinary text, with a registered name every 500th and an identifier every 700th. */
function bigChronology(review: string): number {
  const file = path.join(review, 'chronologies', 'police.csv');
  const rows: string[] = [];
  let planted = 0;
  for (let i = 0; i < 24_000; i++) {
    const extra = i % 500 === 250 ? ' Joanna Whitby was present.' : i % 700 === 350 ? ' Her mobile was 07700 900123.' : '';
    if (extra) planted++;
    rows.push(`${1000 + i},2021-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},10:${String(i % 60).padStart(2, '0')},police,Adult A,Incident log,`
      + `Officers attended the address after a call about shouting; Adult A was spoken to alone and said she felt safe that night (entry ${i}).${extra},`
      + `Advice given and a DASH completed with Adult A.,Response officer,no,Reviewed by the panel.`);
  }
  appendFileSync(file, rows.join('\n') + '\n');
  return planted;
}

describe('anonymisation scans on a worker thread', () => {
  it('dhr lint finds the same with and without the worker, planted names and identifiers included', async () => {
    const r = exampleRepo(parent, 'big');
    const planted = bigChronology(r.review);
    const register = registerCopy(parent);
    const args = ['lint', r.review, '--format', 'json', '--as-of', '2025-07-01', '--identities', register];
    const [alone, offloaded] = await Promise.all([
      runDhr(args, { cwd: r.repo, env: { DHR_WORKERS: '0' }, timeoutMs: 300_000 }),
      runDhr(args, { cwd: r.repo, timeoutMs: 300_000 }),
    ]);
    expect(alone.code, alone.stderr).toBe(1);
    expect(offloaded.stdout).toBe(alone.stdout);
    const findings = (JSON.parse(offloaded.stdout) as { findings: { ruleId: string; file: string }[] }).findings;
    const inBig = findings.filter((f) => f.ruleId === 'anon/identity' && f.file.endsWith('police.csv'));
    expect(inBig.length).toBeGreaterThanOrEqual(planted);
  }, 600_000);

  it('hands over nothing for a file whose text is not the text the worker read', async () => {
    const r = exampleRepo(parent, 'changed');
    bigChronology(r.review);
    const { startAnonScans } = await dist('rules/anon/scan-offload.js');
    const { patternMatches } = await dist('rules/anon/text.js');
    const { scanText } = await dist('rules/anon/patterns.js');
    startAnonScans(r.review, undefined);
    const abs = path.join(r.review, 'chronologies', 'police.csv');
    // the file as the loader might read it a moment later: one more row, with a phone number
    const text = readFileSync(abs, 'utf8') + '99999,2021-01-01,10:00,police,Adult A,Log,Call from 07700 900999.,None,Officer,no,\n';
    const got = patternMatches({ path: abs, rel: 'police.csv', text, encoding: 'utf-8' });
    const phoneAt = text.indexOf('07700 900999');
    expect(got.some((m: { start: number }) => m.start === phoneAt)).toBe(true);
    expect(got.length).toBe(scanText(text).length);
  }, 120_000);
});
