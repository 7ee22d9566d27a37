/**
 * The chronology outputs in the programs a panel opens them with: the DOCX in LibreOffice
 * (converted to PDF, read back with pdftotext), the SVG timeline in a strict XML parser and in
 * headless Chromium (a screenshot, and label boxes measured with the real fonts). A missing
 * program fails the test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE } from '../support/rule-tester.js';
import { generatedReview } from '../support/chronology-gen.js';
import { loadReview } from '../../src/review/load.js';
import { mergeChronologies, type MasterChronology } from '../../src/chronology/merge.js';
import { chronologyOutputs } from '../../src/chronology/outputs.js';
import { timelineForReview } from '../../src/chronology/timeline.js';
import type { Review } from '../../src/review/model.js';

/** Where the screenshots are kept for people to look at (test output, not committed). */
export const SCREENSHOT_DIR = path.join(tmpdir(), 'dhr-chronology-screenshots');

let dir: string;
let review: Review;
let master: MasterChronology;
let files: Map<string, Buffer>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dhr-chronology-interop-'));
  review = loadReview(EXAMPLE);
  master = mergeChronologies(review);
  files = await chronologyOutputs(review, master, { marking: 'OFFICIAL-SENSITIVE — DRAFT' });
  for (const [name, bytes] of files) writeFileSync(path.join(dir, name), bytes);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(program: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: options.timeout ?? 60_000, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${program} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/**
 * Text to compare with what pdftotext gives: cells wrap anywhere, and a break after a hyphen
 * loses the hyphen ("childrens-social-care" comes back as "childrenssocial-care"), so spaces and
 * hyphens are dropped on both sides.
 */
const squash = (s: string) => s.replace(/[\s-]+/g, '');

/**
 * True when the words of `needle` appear in order in `haystack` within a short window. Table
 * cells side by side can interleave their lines in extracted text, so other words may come between.
 */
function wordsInOrder(haystack: string, needle: string): boolean {
  const words = (s: string) => s.replace(/-/g, '').split(/\s+/).filter(Boolean);
  const hay = words(haystack);
  const want = words(needle);
  const window = want.length * 3 + 30;
  for (let start = hay.indexOf(want[0]); start >= 0; start = hay.indexOf(want[0], start + 1)) {
    let k = 1;
    for (let i = start + 1; i < Math.min(hay.length, start + window) && k < want.length; i++) if (hay[i] === want[k]) k++;
    if (k === want.length) return true;
  }
  return false;
}

describe('master-chronology.docx in LibreOffice', () => {
  it('converts to a landscape PDF in which the rows can be read, header repeated on each page', { timeout: 180_000 }, () => {
    const home = mkdtempSync(path.join(tmpdir(), 'dhr-soffice-home-'));
    run('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'master-chronology.docx')], {
      env: { HOME: home }, timeout: 120_000,
    });
    const pdf = path.join(dir, 'master-chronology.pdf');
    const info = run('pdfinfo', [pdf]);
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
    expect(Number(w)).toBeGreaterThan(Number(h)); // landscape
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);

    const text = run('pdftotext', [pdf, '-']);
    const all = squash(text);
    // every ref, and the opening words of several events (key and not), are there
    for (const r of master.rows) expect(all, r.ref).toContain(squash(r.ref));
    const sample = [master.rows[0], master.rows[Math.floor(master.rows.length / 2)], master.rows.at(-1)!, ...master.rows.filter((r) => r.key).slice(0, 3)];
    for (const r of sample) expect(wordsInOrder(text, r.event), `${r.ref}: ${r.event}`).toBe(true);
    expect(all).toContain(squash(`total ${master.rows.length} → ${master.rows.length}`));

    // the table header is repeated on every page the chronology table runs onto
    const layoutPages = run('pdftotext', ['-layout', pdf, '-']).split('\f').slice(0, -1);
    const tablePages = layoutPages.slice(layoutPages.findIndex((p) => /^\s*Chronology\s*$/m.test(p)));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const p of tablePages) {
      expect(p).toMatch(/Ref\s+Date\s+Time\s+Subject\s+Source\s+Event\s+Action/);
      expect(p).toContain('OFFICIAL-SENSITIVE — DRAFT');
    }
  });

  it('of 1,500 generated rows (rows from templates, streamed through native zlib) converts to a PDF that qpdf accepts, first, middle and last refs in order', { timeout: 300_000 }, async () => {
    const { dir: big } = generatedReview(22, 1500, ['police', 'icb', 'ghft']);
    const rv = loadReview(big);
    const m = mergeChronologies(rv);
    const out = await chronologyOutputs(rv, m, { marking: 'OFFICIAL-SENSITIVE — DRAFT' });
    const bigDir = mkdtempSync(path.join(tmpdir(), 'dhr-chronology-big-'));
    const docx = out.get('master-chronology.docx')!;
    expect(docx.readUInt16LE(6) & 8, 'written streaming (template path)').toBe(8);
    writeFileSync(path.join(bigDir, 'master-chronology.docx'), docx);
    const home = mkdtempSync(path.join(tmpdir(), 'dhr-soffice-home-'));
    run('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', bigDir, path.join(bigDir, 'master-chronology.docx')], {
      env: { HOME: home }, timeout: 240_000,
    });
    run('qpdf', ['--check', path.join(bigDir, 'master-chronology.pdf')]);
    const all = squash(run('pdftotext', [path.join(bigDir, 'master-chronology.pdf'), '-']));
    let at = 0;
    for (const r of [m.rows[0]!, m.rows[700]!, m.rows.at(-1)!]) {
      const i = all.indexOf(squash(r.ref), at);
      expect(i, r.ref).toBeGreaterThanOrEqual(0);
      at = i;
    }
    rmSync(bigDir, { recursive: true, force: true });
  });
});

/** Strict XML well-formedness (saxes is a conformant parser): throws on the first error. */
function checkXml(xml: string): number {
  const parser = new SaxesParser({ xmlns: true });
  let elements = 0;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', () => {
    elements++;
  });
  parser.write(xml).close();
  return elements;
}

describe('timeline.svg', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Renders an SVG as Chromium shows it; returns the PNG and what the page measured. */
  async function render(svg: string, name: string) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 800 } });
    try {
      const file = path.join(dir, `${name}.svg`);
      writeFileSync(file, svg);
      await page.goto(`file://${file}`);
      const measured = await page.evaluate(() => {
        const root = document.documentElement as unknown as SVGSVGElement;
        const texts = [...document.querySelectorAll('text')].map((t) => t.textContent ?? '');
        // key-event labels: the text elements of the label groups (font-size 11, no id)
        const labels = [...document.querySelectorAll('g[font-size="11"]:not([id]) > text')].map((t) => {
          const b = (t as SVGTextElement).getBBox();
          return { x: b.x, y: b.y, w: b.width, h: b.height, text: t.textContent ?? '' };
        });
        return { width: root.width.baseVal.value, height: root.height.baseVal.value, texts, labels, tag: root.tagName };
      });
      await page.setViewportSize({ width: Math.ceil(measured.width), height: Math.ceil(measured.height) });
      const png = await page.screenshot({ timeout: 90_000 });
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      writeFileSync(path.join(SCREENSHOT_DIR, `${name}.png`), png);
      return { png, ...measured };
    } finally {
      await page.close();
    }
  }

  function pngInfo(png: Buffer): { width: number; height: number } {
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  }

  function expectNoOverlap(labels: Array<{ x: number; y: number; w: number; h: number; text: string }>) {
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i];
        const b = labels[j];
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
        expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
      }
    }
  }

  it('of the example is valid XML and renders in Chromium: labels readable and apart', { timeout: 180_000 }, async () => {
    const svg = files.get('timeline.svg')!.toString('utf8');
    expect(checkXml(svg)).toBeGreaterThan(100);
    const r = await render(svg, 'example');
    expect(r.tag).toBe('svg');
    expect(pngInfo(r.png)).toEqual({ width: 1600, height: Math.ceil(r.height) });
    expect(r.png.length).toBeGreaterThan(40_000); // a picture, not a blank page
    const text = r.texts.join('\n');
    expect(text).toContain('DHR-2024-03: timeline of agency contact');
    expect(text).toContain('Gloucestershire Constabulary');
    expect(text).toContain('key event (labelled)');
    expect(r.labels.length).toBeGreaterThan(10);
    for (const l of r.labels) {
      expect(l.w).toBeGreaterThan(20);
      expect(l.x).toBeGreaterThanOrEqual(0);
      expect(l.x + l.w).toBeLessThanOrEqual(1600);
    }
    expectNoOverlap(r.labels);
  });

  it('of 5,000 generated rows is valid XML and renders legibly', { timeout: 240_000 }, async () => {
    const { dir: big } = generatedReview(21, 5000, ['police', 'icb', 'ghft', 'gdass', 'housing']);
    const rv = loadReview(big);
    const svg = timelineForReview(rv, mergeChronologies(rv));
    checkXml(svg);
    const r = await render(svg, 'generated-5000');
    expect(pngInfo(r.png).width).toBe(1600);
    expect(r.png.length).toBeGreaterThan(60_000);
    expect(r.texts.join('\n')).toContain('5,000 contacts from 5 agencies');
    expectNoOverlap(r.labels);
  });
});

