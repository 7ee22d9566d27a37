/**
 * The DOCX monitoring report opened by a real word processor: LibreOffice converts it to PDF
 * (HOME in a temporary folder, so no user profile is touched) and pdftotext shows what a reader
 * of the CSP papers sees.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAuditRepo } from '../audit-repo.js';
import { dhr } from '../support/cli.js';

const haveTools = existsSync('/usr/bin/soffice') && existsSync('/usr/bin/pdftotext');
let repo: { root: string; commits: string[] };
let out: string;

beforeAll(() => {
  repo = buildAuditRepo();
  out = mkdtempSync(path.join(os.tmpdir(), 'dhr-monitoring-'));
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(repo.root, { recursive: true, force: true });
});

// Skipped on a machine without LibreOffice and pdftotext; under CI=true it runs, and fails, instead.
describe.runIf(haveTools || process.env.CI === 'true')('monitoring report through LibreOffice', { timeout: 180_000 }, () => {
  it('converts to PDF showing the reviews, the overdue actions and each action id', () => {
    const docx = path.join(out, 'monitoring.docx');
    const r = dhr(['audit', repo.root, '--history', '--as-of', '2025-09-01', '--docx', docx, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(docx)).toBe(true);

    const home = mkdtempSync(path.join(out, 'home-'));
    const conv = spawnSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, docx], {
      env: { ...process.env, HOME: home }, encoding: 'utf8', timeout: 120_000,
    });
    expect(conv.status, conv.stderr).toBe(0);
    const pdf = path.join(out, 'monitoring.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    const raw = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
    if (process.env.DHR_SCREENSHOT_DIR) copyFileSync(pdf, path.join(process.env.DHR_SCREENSHOT_DIR, 'audit-monitoring.pdf'));

    expect(text).toContain('Action plan monitoring report');
    expect(text).toContain('1 September 2025');
    expect(text).toMatch(/Overdue actions/);
    expect(text).toMatch(/DHR-2023-02\s+A2\s+gdass\s+Head of Service\s+2025-04-30\s+124\s+not-started/);
    expect(text).toMatch(/DHR-2024-07\s+A2\s+icb\s+Head of Service\s+2025-06-30\s+63\s+in-progress/);
    for (const id of ['A1', 'A2', 'A3']) expect(text).toMatch(new RegExp(`\\b${id}\\b`));
    expect(raw).toMatch(/63 days\s+overdue/);
    // history with dates and commits, no author names by default
    expect(raw).toMatch(new RegExp(`2025-07-01 in-progress \\(${repo.commits[4].slice(0, 7)}\\)`));
    expect(text).not.toMatch(/Cai Sample|Ada Fictional|Ben Example/);
    // reviews all published: the final marking (empty) — no draft marking on the pages
    expect(text).not.toMatch(/NOT FOR CIRCULATION/);
  });
});
