import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDocx } from './docx.js';
import { createDoc, heading, link, paragraph } from './model.js';
import { sampleDashboardBlocks, sampleDoc } from './sample.js';

const parts = (docx: Buffer): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(docx)).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));

afterEach(() => vi.unstubAllEnvs());

describe('renderDocx', () => {
  it('gives byte-identical output for the same document, whatever was rendered before', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', undefined);
    const first = await renderDocx(sampleDoc());
    // docx numbers bookmarks and links from counters that outlive one document.
    await renderDocx(createDoc({ title: 'Other' }, [heading(1, 'A'), paragraph(link('https://example.org', 'x'))], { toc: true }));
    const second = await renderDocx(sampleDoc());
    expect(second.equals(first)).toBe(true);
  }, 60_000);

  it('writes no dates without SOURCE_DATE_EPOCH, and the zip entries all carry 1980-01-01', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', undefined);
    const docx = await renderDocx(createDoc({ title: 'T' }, [paragraph('x')]));
    expect(parts(docx)['docProps/core.xml']).not.toMatch(/dcterms:(created|modified)/);
    // Local file headers: DOS time 0, date 1980-01-01 (0x0021) at offsets 10–13.
    expect(docx.readUInt16LE(10)).toBe(0);
    expect(docx.readUInt16LE(12)).toBe(0x21);
  });

  it('takes its dates from SOURCE_DATE_EPOCH', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', String(Date.UTC(2024, 4, 6, 7, 8, 10) / 1000));
    const docx = await renderDocx(createDoc({ title: 'T' }, [paragraph('x')]));
    const core = parts(docx)['docProps/core.xml']!;
    expect(core).toContain('>2024-05-06T07:08:10Z</dcterms:created>');
    expect(core).toContain('>2024-05-06T07:08:10Z</dcterms:modified>');
    expect(docx.readUInt16LE(12)).toBe(((2024 - 1980) << 9) | (5 << 5) | 6);
    expect(docx.readUInt16LE(10)).toBe((7 << 11) | (8 << 5) | 5);
  });

  it('uses Word styles, a TOC, footnotes, repeated table headers and the marking', async () => {
    const files = parts(await renderDocx(sampleDoc()));
    const body = files['word/document.xml']!;
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3']) expect(body).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(body).toContain('TOC \\h \\o &quot;1-3&quot;');
    expect(body).toContain('<w:tblHeader/>');
    expect(body).toMatch(/<w:footnoteReference w:id="1"\/>[\s\S]*<w:footnoteReference w:id="2"\/>/);
    expect(files['word/footnotes.xml']).toContain('The footnote text, with ');
    expect(files['word/header1.xml']).toContain('OFFICIAL-SENSITIVE — DRAFT');
    expect(files['word/footer1.xml']).toContain('OFFICIAL-SENSITIVE — DRAFT');
    expect(files['word/footer1.xml']).toMatch(/PAGE[\s\S]*NUMPAGES/);
    expect(body).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // Hyperlink relationships get stable ids.
    expect(files['word/_rels/document.xml.rels']).toContain('Id="rIdL1"');
    // The SVG is embedded with a PNG fallback drawn from it.
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['word/media/image1.svg', 'word/media/image1.png']));
    expect(files['docProps/core.xml']).toContain('<dc:title>Sample Report</dc:title>');
  }, 60_000);

  it('turns the page for landscape and leaves out the header when there is no marking', async () => {
    const files = parts(await renderDocx(sampleDoc({ orientation: 'landscape', marking: undefined, toc: false })));
    expect(files['word/document.xml']).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(files['word/header1.xml'] ?? '').not.toContain('OFFICIAL');
    expect(files['word/document.xml']).not.toContain('TOC \\h');
  }, 60_000);

  it("draws the draft watermark as Word's own, diagonally behind the text, named the same in every build", async () => {
    const doc = createDoc({ title: 'T' }, [paragraph('x')], { marking: 'OFFICIAL — DRAFT', watermark: 'DRAFT' });
    const [a, b] = [await renderDocx(doc), await renderDocx(doc)];
    expect(a.equals(b)).toBe(true);
    const header = parts(a)['word/header1.xml']!;
    // in the marking's paragraph: no line of its own in the header
    expect(header.match(/<w:p>/g)).toHaveLength(1);
    expect(header).toMatch(/<v:shape id="PowerPlusWaterMarkObject1"[^>]*rotation:315[^>]*>[\s\S]*string="DRAFT"/);
    // without a marking, in a paragraph of its own
    const alone = parts(await renderDocx(createDoc({ title: 'T' }, [paragraph('x')], { marking: undefined, watermark: 'DRAFT' })))['word/header1.xml']!;
    expect(alone).toContain('string="DRAFT"');
  });

  it('refuses an image with no data', async () => {
    await expect(renderDocx(createDoc({ title: 'T' }, [{ type: 'image', width: 10, alt: 'nothing' }]))).rejects.toThrow(/nothing/);
  });
});

describe('renderDocx: the blocks of a dashboard', () => {
  it('embeds the chart as SVG with a PNG fallback, shades badges and toned rows, and sets blocks in cells as table text', async () => {
    const files = parts(await renderDocx(createDoc({ title: 'T' }, sampleDashboardBlocks(), { orientation: 'landscape' })));
    const body = files['word/document.xml']!;
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['word/media/image1.svg', 'word/media/image1.png']));
    expect(files['word/media/image1.svg']).toContain('aria-label="Progress by team"');
    expect(body).toContain('Progress by team. North: 4 in all');
    // key figures as a table: labels in the header row, values in bold
    expect(body).toMatch(/<w:t xml:space="preserve">Tasks<\/w:t>[\s\S]*<w:t xml:space="preserve">10<\/w:t>/);
    // a badge on its fill, in its ink; a toned text in the tone's colour; the alert row shaded
    expect(body).toMatch(/<w:color w:val="1D2733"\/>[\s\S]{0,200}<w:shd w:fill="C5CFDB"[^>]*\/>[\s\S]{0,200}<w:t xml:space="preserve"> open <\/w:t>/);
    expect(body).toMatch(/<w:color w:val="8A5A00"\/>[\s\S]{0,100}<w:t xml:space="preserve">Figures may be incomplete.<\/w:t>/);
    expect(body).toContain('w:fill="FDF1F0"');
    // the list in a cell: numbered paragraphs in the table's text style
    expect(body).toMatch(/<w:pStyle w:val="TableText"\/><w:numPr>[\s\S]{0,400}2024-01-02 opened/);
  }, 60_000);
});
