import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDoc, heading, paragraph } from './model.js';
import { renderPdf } from './pdf.js';
import { sampleDashboardBlocks, sampleDoc } from './sample.js';

afterEach(() => vi.unstubAllEnvs());

const latin1 = (pdf: Buffer): string => pdf.toString('latin1');

describe('renderPdf', () => {
  it('gives byte-identical output for the same document, whatever was rendered before', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', undefined);
    const first = await renderPdf(sampleDoc());
    await renderPdf(createDoc({ title: 'Other' }, [heading(1, 'A'), paragraph('b')], { toc: true }));
    const second = await renderPdf(sampleDoc());
    expect(second.equals(first)).toBe(true);
    expect(latin1(first)).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  }, 60_000);

  it('writes no dates without SOURCE_DATE_EPOCH, and the given date with it', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', undefined);
    const undated = latin1(await renderPdf(createDoc({ title: 'T' }, [paragraph('x')])));
    expect(undated).not.toMatch(/CreationDate|ModDate/);
    vi.stubEnv('SOURCE_DATE_EPOCH', String(Date.UTC(2024, 4, 6, 7, 8, 9) / 1000));
    const dated = latin1(await renderPdf(createDoc({ title: 'T' }, [paragraph('x')])));
    // pdfkit writes each Info value as an object of its own.
    expect(dated).toMatch(/\/CreationDate \d+ 0 R/);
    expect(dated).toMatch(/\/ModDate \d+ 0 R/);
    expect(dated).toContain('(D:20240506070809Z)');
  });

  it('writes the title, the outline and only embedded DejaVu fonts', async () => {
    const pdf = latin1(await renderPdf(sampleDoc()));
    expect(pdf).toContain('(Sample Report)');
    expect(pdf).not.toMatch(/\/Author/);
    expect(pdf).toContain('/PageMode /UseOutlines');
    for (const title of ['Introduction', 'Background', 'Detail', 'Chronology', 'Conclusions', 'Findings', 'Notes']) {
      expect(pdf).toContain(`/Title (${title})`);
    }
    const fonts = [...pdf.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+DejaVuSans/);
  }, 60_000);

  it('turns the page for landscape', async () => {
    const pdf = latin1(await renderPdf(createDoc({ title: 'T' }, [paragraph('x')], { orientation: 'landscape' })));
    expect(pdf).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });
});

describe('renderPdf: the blocks of a dashboard', () => {
  it('writes a chart, key figures, sections, tones, badges and blocks in cells, quietly and the same each time', async () => {
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    const pdf = await renderPdf(createDoc({ title: 'T' }, sampleDashboardBlocks(), { orientation: 'landscape' }));
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await renderPdf(createDoc({ title: 'T' }, sampleDashboardBlocks(), { orientation: 'landscape' }))).equals(pdf)).toBe(true);
    vi.restoreAllMocks();
  }, 60_000);
});
