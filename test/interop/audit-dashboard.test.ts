/**
 * The audit dashboard in a real browser: headless Chromium (Debian's /usr/bin/chromium) through
 * playwright-core. Asserts what a reader sees, that the page fetches nothing, and that it prints.
 * A screenshot is kept at $DHR_SCREENSHOT_DIR (default: the OS temp folder) for a person to look at.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { buildAuditRepo } from '../audit-repo.js';
import { dhr } from '../support/cli.js';
import { EXAMPLE } from '../support/rule-tester.js';

const CHROMIUM = '/usr/bin/chromium';
const shots = process.env.DHR_SCREENSHOT_DIR ?? os.tmpdir();

let browser: Browser;
let repo: { root: string; commits: string[] };
let out: string;
let html: string;

beforeAll(async () => {
  repo = buildAuditRepo();
  out = mkdtempSync(path.join(os.tmpdir(), 'dhr-dashboard-'));
  html = path.join(out, 'dashboard.html');
  const r = dhr(['audit', repo.root, EXAMPLE, '--history', '--as-of', '2025-09-01', '--html', html, '--quiet']);
  if (r.code !== 0) throw new Error(r.stderr);
  if (process.env.DHR_SCREENSHOT_DIR) copyFileSync(html, path.join(shots, 'audit-dashboard.html'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(repo.root, { recursive: true, force: true });
});

// Skipped on a machine without Chromium; under CI=true it runs, and fails, instead.
describe.runIf(existsSync(CHROMIUM) || process.env.CI === 'true')('audit dashboard in Chromium', { timeout: 180_000 }, () => {
  it('shows the reviews, the overdue actions and both charts, fetching nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(`file://${html}`);
    expect(requests).toEqual([`file://${html}`]);

    await expect(page.title()).resolves.toBe('Action plan dashboard — as of 1 September 2025');
    for (const id of ['DHR-2023-02', 'DHR-2024-07', 'DHR-2024-03']) {
      expect(await page.locator(`#review-${id}`).isVisible(), id).toBe(true);
    }
    const overdue = page.locator('#overdue tbody tr');
    await expect(overdue.count()).resolves.toBe(2);
    expect(await overdue.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.overdue))).toEqual(['DHR-2023-02/A2', 'DHR-2024-07/A2']);
    expect(await page.locator('#overdue').innerText()).toMatch(/124/);

    const charts = page.locator('svg.chart');
    await expect(charts.count()).resolves.toBe(2);
    for (let i = 0; i < 2; i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box!.width).toBeGreaterThan(600);
      expect(box!.height).toBeGreaterThan(60);
    }
    // one bar per review in the first chart, segments with the status colours
    expect(await page.locator('#by-review g.bar-row').count()).toBe(3);
    expect(await page.locator('#by-review rect.seg-complete').count()).toBe(3);
    expect(await page.locator('#by-review .overdue-badge').count()).toBe(2);

    // history of an action, without author names by default
    expect(await page.locator('section.review', { has: page.locator('#review-DHR-2024-07') }).locator('tr[data-action="A2"] ol.history li').count()).toBe(2);
    expect(await page.locator('body').innerText()).not.toMatch(/Cai Sample|Ada Fictional/);

    await page.screenshot({ path: path.join(shots, 'audit-dashboard.png'), fullPage: true });
    await page.close();
  });

  it('prints on A4 landscape pages with the protective marking', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${html}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(4); // summary, then a page per review
    expect(await page.locator('.marking').first().innerText()).toMatch(/OFFICIAL-SENSITIVE/);
    await page.screenshot({ path: path.join(shots, 'audit-dashboard-print.png'), fullPage: false });
    await page.close();
  });

  it('is one self-contained file: no scripts, no external references', () => {
    const text = readFileSync(html, 'utf8');
    expect(text).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\//i);
    expect(text).toContain("default-src 'none'");
  });
});
