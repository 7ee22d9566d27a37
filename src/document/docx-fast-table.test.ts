/**
 * Large tables are written from row templates (DocxOptions.fastTables): the document must be the
 * same as the one docx writes row by row, part for part.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FAST_TABLE_ROWS, renderDocx } from './docx.js';
import { code, createDoc, emphasis, heading, link, paragraph, strong, text, type Block, type Inline, type TableRow } from './model.js';

const parts = (docx: Buffer): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(docx)).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));

/** Rows of every shape the templates must get right. */
function rows(n: number, extra: (i: number) => Inline[] = () => []): TableRow[] {
  const texts = ['Adult A & Adult B <at home>', 'said "no" and \'maybe\'', '', '  spaced  ', 'line one\nline two\r\nthree',
    'tab\there', 'control\u0001char\u001f', 'Zoë — “quoted” £5', 'ends with a newline\n', '_Toc is fine alone'];
  return Array.from({ length: n }, (_, i) => {
    const t = (k: number) => texts[(i + k) % texts.length]!;
    const cells = [
      { children: [text(String(i + 1))] },
      { children: [text(t(0))] },
      { children: i % 3 ? [text(t(1)), { type: 'lineBreak' as const }, text(t(2))] : [strong(t(3)), emphasis(text(t(4)), code(t(5)))] },
      { children: [...extra(i)], ...(i % 7 === 0 ? { emphasis: true } : {}) },
      ...(i % 5 === 0 ? [] : [{ children: [text(t(6))] }]),
      { children: [text('beyond the columns')] },
    ];
    return { cells, ...(i % 4 === 0 ? { emphasis: true } : {}) };
  });
}

function doc(body: TableRow[]) {
  const blocks: Block[] = [
    heading(1, 'Master chronology'),
    paragraph('Before the table.'),
    { type: 'table', columns: [{ width: 1 }, { width: 4 }, { width: 4 }, { width: 2, align: 'right' }, { width: 3 }],
      header: [{ cells: ['Ref', 'Event', 'Action', 'Key', 'Comment'].map((h) => ({ children: [text(h)] })) }], rows: body },
    paragraph('Between the tables.'),
    { type: 'table', header: [], rows: rows(FAST_TABLE_ROWS + 3).map((r) => ({ cells: r.cells.slice(0, 2) })) },
    paragraph('After the tables.'),
  ];
  return createDoc({ title: 'Fast tables' }, blocks, { orientation: 'landscape', pageNumbers: true, marking: 'OFFICIAL' });
}

/** True when the zip was written streaming (general purpose flag bit 3), as only the template path does. */
const streamed = (docx: Buffer) => (docx.readUInt16LE(6) & 8) !== 0;

async function expectSameAsSlow(d: ReturnType<typeof doc>, templates = true): Promise<void> {
  const fastDocx = await renderDocx(d);
  const slowDocx = await renderDocx(d, { fastTables: false });
  expect(streamed(fastDocx)).toBe(templates);
  expect(streamed(slowDocx)).toBe(false);
  const fast = parts(fastDocx);
  const slow = parts(slowDocx);
  expect(Object.keys(fast).sort()).toEqual(Object.keys(slow).sort());
  for (const k of Object.keys(slow)) expect(fast[k], k).toBe(slow[k]);
}

describe('DOCX tables written from row templates', () => {
  it('writes the same document as docx does row by row', async () => {
    await expectSameAsSlow(doc(rows(FAST_TABLE_ROWS * 2)));
  }, 120_000);

  it('falls back to docx for cells with links, and for text that looks like a template marker', async () => {
    await expectSameAsSlow(doc(rows(FAST_TABLE_ROWS + 10, (i) => (i === 50 ? [link('https://example.org', 'x')] : []))));
    // marker-like text in a table row is just text; outside the tables it makes the writer use docx throughout
    await expectSameAsSlow(doc(rows(FAST_TABLE_ROWS + 10, (i) => (i === 7 ? [text('DHRFAST0S0X0Q')] : []))));
    const d = doc(rows(FAST_TABLE_ROWS + 10));
    d.blocks.push(paragraph('DHRFAST1S0X0Q'));
    await expectSameAsSlow(d, false);
  }, 120_000);

  it("takes a row's tone into its shape, and falls back to docx for blocks in a cell", async () => {
    await expectSameAsSlow(doc(rows(FAST_TABLE_ROWS + 10).map((r, i) => (i % 3 ? r : { ...r, tone: i % 2 ? 'alert' : 'muted' }))));
    const listed = rows(FAST_TABLE_ROWS + 10);
    listed[9] = { ...listed[9]!, cells: [{ children: [text('10')], blocks: [{ type: 'list', ordered: true, items: [[paragraph('one')], [paragraph('two')]] }] }, ...listed[9]!.cells.slice(1)] };
    await expectSameAsSlow(doc(listed), true); // the second table still has templates
  }, 120_000);

  it('is deterministic', async () => {
    const d = doc(rows(FAST_TABLE_ROWS + 50));
    expect((await renderDocx(d)).equals(await renderDocx(d))).toBe(true);
  }, 120_000);
});
