/**
 * The document writers against the real programs people open their output with: LibreOffice
 * (DOCX → PDF), qpdf, poppler (pdftotext, pdfinfo, pdftoppm) and Chromium (HTML → PDF). A missing
 * program fails the test: CI installs them all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDoc, heading, paragraph, renderDocx, renderHtml, renderPdf } from '../../src/document/index.js';
import { sampleDoc } from '../../src/document/sample.js';

const MARKING = 'OFFICIAL-SENSITIVE — DRAFT';
const HEADINGS = ['Introduction', 'Background', 'Detail', 'Chronology', 'Conclusions', 'Findings'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dhr-document-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a program; fails (never skips) when it is missing or exits non-zero. */
function run(program: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
  const result = spawnSync(program, args, {
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${program} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** The text of each page (pdftotext separates pages with form feeds). */
function pages(pdf: string): string[] {
  return run('pdftotext', ['-layout', pdf, '-']).split('\f').slice(0, -1);
}

/** Asserts that each needle appears in `text`, in order. */
function expectInOrder(text: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    expect(at, `"${needle}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

function pageSize(pdf: string): { width: number; height: number } {
  const line = run('pdfinfo', [pdf]).split('\n').find((l) => l.startsWith('Page size:'))!;
  const [, width, height] = /([\d.]+) x ([\d.]+)/.exec(line)!;
  return { width: Number(width), height: Number(height) };
}

describe('DOCX opened by LibreOffice', () => {
  it('converts to PDF with the headings in order, the TOC, the marking on every page and repeated table headers', async () => {
    writeFileSync(join(dir, 'portrait.docx'), await renderDocx(sampleDoc()));
    writeFileSync(join(dir, 'landscape.docx'), await renderDocx(sampleDoc({ orientation: 'landscape' })));
    const profile = join(dir, 'lo-profile');
    run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        join(dir, 'lo'),
        join(dir, 'portrait.docx'),
        join(dir, 'landscape.docx'),
      ],
      { env: { HOME: join(dir, 'home') }, timeout: 110_000 },
    );

    const portrait = join(dir, 'lo', 'portrait.pdf');
    const text = pages(portrait);
    expect(text.length).toBeGreaterThanOrEqual(3);
    // Page 1: title and a filled-in table of contents; then the body, headings in order.
    expectInOrder(text[0]!, ['Sample Report', 'Contents', ...HEADINGS]);
    expect(text[0]).toMatch(/Introduction\.+\s*2/);
    expectInOrder(text.slice(1).join('\n'), [...HEADINGS]);
    text.forEach((page, i) => {
      expect(page.split(MARKING).length - 1, `marking twice on page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(page).toContain(`Page ${i + 1} of ${text.length}`);
    });
    // The 40-row table runs over pages, its header row repeated on each.
    const withRows = text.filter((page) => /Contact number \d+:/.test(page));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) expect(page).toMatch(/#\s+Date\s+Agency\s+Event/);
    // A real footnote, at the foot of its page.
    expect(text.join('\n')).toContain('The footnote text, with emphasis.');
    expect(text.join('\n')).toContain('A quotation, set apart from the text.');

    const landscape = join(dir, 'lo', 'landscape.pdf');
    const size = pageSize(landscape);
    expect(size.width).toBeGreaterThan(size.height);
    expect(Math.round(size.width)).toBe(842);
  }, 120_000);
});

describe('PDF', () => {
  it('passes qpdf --check and has the headings, page numbers, marking and bookmarks', async () => {
    const file = join(dir, 'sample.pdf');
    writeFileSync(file, await renderPdf(sampleDoc()));
    run('qpdf', ['--check', file]);

    const text = pages(file);
    expect(text.length).toBeGreaterThanOrEqual(3);
    expectInOrder(text[0]!, ['Sample Report', 'Contents', ...HEADINGS]);
    expectInOrder(text.slice(1).join('\n'), [...HEADINGS, 'Notes', '1. The footnote text, with emphasis.']);
    text.forEach((page, i) => {
      expect(page.split(MARKING).length - 1, `marking twice on page ${i + 1}`).toBe(2);
      expect(page).toContain(`Page ${i + 1} of ${text.length}`);
    });
    const withRows = text.filter((page) => /Contact number \d+:/.test(page));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) expect(page).toMatch(/#\s+Date\s+Agency\s+Event/);

    // Bookmarks: one per heading, nested by level.
    type Outline = { title: string; kids: Outline[]; destpageposfrom1?: number };
    const json = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file])) as { outlines: Outline[] };
    const flat = (items: Outline[], depth = 0): string[] => items.flatMap((o) => [`${depth}:${o.title}`, ...flat(o.kids, depth + 1)]);
    expect(flat(json.outlines)).toEqual(['0:Introduction', '1:Background', '2:Detail', '0:Chronology', '0:Conclusions', '1:Findings', '0:Notes']);
    expect(json.outlines[0]!.destpageposfrom1).toBe(2);

    // Fonts: all embedded (no standard-14 font).
    const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/DejaVuSans\S*\s.*\byes\s+yes\s+yes\b/);

    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/^Title:\s+Sample Report$/m);
    expect(info).not.toMatch(/^Author:/m);

    // Page 1 rasterises.
    run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(1000);
  }, 120_000);

  it('never leaves a heading at the foot of a page', async () => {
    const blocks = Array.from({ length: 40 }, (_, i) => [
      heading(i % 3 === 0 ? 1 : 2, `Heading number ${i + 1}`),
      paragraph('Words of the section. '.repeat(10 + ((i * 7) % 23))),
    ]).flat();
    const file = join(dir, 'keep.pdf');
    writeFileSync(file, await renderPdf(createDoc({ title: 'Keep' }, blocks, { pageNumbers: true })));
    const text = pages(file);
    expect(text.length).toBeGreaterThan(3);
    text.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
      const body = lines.filter((l) => !/^Page \d+ of \d+$/.test(l));
      expect(body[body.length - 1], `last line of page ${i + 1}`).not.toMatch(/^Heading number/);
    });
  }, 60_000);

  it('lays out landscape pages', async () => {
    const file = join(dir, 'landscape.pdf');
    writeFileSync(file, await renderPdf(sampleDoc({ orientation: 'landscape' })));
    run('qpdf', ['--check', file]);
    const size = pageSize(file);
    expect(Math.round(size.width)).toBe(842);
    expect(Math.round(size.height)).toBe(595);
    for (const page of pages(file)) expect(page).toContain(MARKING);
  }, 60_000);
});

describe('HTML printed by Chromium', () => {
  it('prints with the marking and page numbers on every page and the headings in order', () => {
    const html = join(dir, 'sample.html');
    const pdf = join(dir, 'html.pdf');
    writeFileSync(html, renderHtml(sampleDoc()));
    run(
      'chromium',
      ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'chromium')}`, `--print-to-pdf=${pdf}`, `file://${html}`],
      { timeout: 90_000 },
    );
    expect(existsSync(pdf)).toBe(true);
    const text = pages(pdf);
    expect(text.length).toBeGreaterThanOrEqual(2);
    expectInOrder(text.join('\n'), ['Sample Report', 'Contents', ...HEADINGS, ...HEADINGS, 'Notes']);
    text.forEach((page, i) => {
      expect(page).toContain(MARKING);
      expect(page).toContain(`Page ${i + 1} of ${text.length}`);
    });
  }, 120_000);
});
