/**
 * The PDF writer (pdfmake 0.2, server side).
 *
 * DejaVu fonts are embedded (no standard-14 font, no network); headings become bookmarks (the
 * outline) and named destinations; footnotes are printed as numbered notes at the end, linked
 * from their references, as pdfmake has no footnotes. The output is byte-identical for the same
 * document: the dates in the metadata are the document's (or none) and the file /ID is derived
 * from them.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type PdfPrinterClass from 'pdfmake';
import type {
  Content,
  ContentTable,
  ContentText,
  CustomTableLayout,
  TDocumentDefinitions,
  TableCell as PdfCell,
  StyleDictionary,
} from 'pdfmake/interfaces.js';
import { DEJAVU } from './fonts.js';
import type { Block, Doc, ImageBlock, Inline, TableRow } from './model.js';
import { plainText } from './model.js';
import { barChartImage } from './chart.js';
import {
  HEADER_DISTANCE,
  MARGIN,
  PLACEHOLDER_DATE,
  TONES,
  columnCount,
  columnFractions,
  coveredCells,
  documentDate,
  headingAnchors,
  imageSize,
  isColour,
  isTone,
  keyFiguresTable,
  language,
  spanOf,
  textWidth,
  textWidthFor,
} from './shared.js';

const FONT = 'DejaVuSans';
const MONO = 'DejaVuSansMono';
const COLOURS = { heading: '#1F3864', rule: '#808080', headerFill: '#1F3864', keyFill: '#FFF2CC', link: '#0563C1' };
const CELL_PADDING = { x: 4, y: 2.5 };
const RULE = 0.5;

/**
 * pdfkit parses each font file afresh for every document (PDFFontFactory.open calls
 * fontkit.create on the file's bytes): a build's three PDFs parsed DejaVu three times, and each
 * parse starts its glyph and layout tables cold (about a tenth of the PDFs' time). The parsed
 * fonts are kept and given again for the same bytes. What is per document (the subset embedded,
 * the widths written) lives in pdfkit's own objects, so the output is the same (pdf.test.ts: the
 * same bytes whatever was rendered before). When the modules are not where expected, nothing is
 * shared.
 */
function shareParsedFonts(): void {
  try {
    const require = createRequire(import.meta.url);
    const fromPdfkit = createRequire(createRequire(require.resolve('pdfmake')).resolve('@foliojs-fork/pdfkit'));
    const fontkit = fromPdfkit('@foliojs-fork/fontkit') as { create: (buffer: Buffer, postscriptName?: string) => unknown; dhrShared?: boolean };
    if (typeof fontkit.create !== 'function' || fontkit.dhrShared) return;
    const create = fontkit.create;
    const parsed = new Map<string, unknown>();
    fontkit.create = function (buffer: Buffer, postscriptName?: string) {
      const key = `${postscriptName ?? ''}\0${createHash('sha256').update(buffer).digest('hex')}`;
      let font = parsed.get(key);
      if (font === undefined) {
        font = create.call(this, buffer, postscriptName);
        parsed.set(key, font);
      }
      return font;
    };
    fontkit.dhrShared = true;
  } catch {
    // fonts parsed per document, as pdfkit does
  }
}
shareParsedFonts();

/**
 * pdfmake is CommonJS: required as such, its hundreds of modules skip the ES module loader's
 * detection and export scan (a tenth of a second of the worker's start).
 */
const PdfPrinter = createRequire(import.meta.url)('pdfmake') as typeof PdfPrinterClass;

const printer = new PdfPrinter({
  [FONT]: DEJAVU.sans,
  [MONO]: DEJAVU.mono,
});

const styles: StyleDictionary = {
  title: { fontSize: 24, bold: true, color: COLOURS.heading, margin: [0, 0, 0, 4] },
  coverTitle: { fontSize: 26, bold: true, color: COLOURS.heading, margin: [0, 150, 0, 10] },
  coverSubtitle: { fontSize: 18, bold: true, color: '#404040', margin: [0, 0, 0, 24] },
  coverLine: { fontSize: 12, margin: [0, 0, 0, 10] },
  subtitle: { fontSize: 13, color: '#404040', margin: [0, 0, 0, 18] },
  h1: { fontSize: 15, bold: true, color: COLOURS.heading, margin: [0, 16, 0, 6] },
  h2: { fontSize: 12.5, bold: true, color: COLOURS.heading, margin: [0, 12, 0, 5] },
  h3: { fontSize: 11, bold: true, color: COLOURS.heading, margin: [0, 10, 0, 4] },
  tocTitle: { fontSize: 15, bold: true, color: COLOURS.heading, margin: [0, 12, 0, 8] },
  toc1: { fontSize: 10 },
  toc2: { fontSize: 9.5 },
  toc3: { fontSize: 9 },
  paragraph: { margin: [0, 0, 0, 6] },
  tableText: { fontSize: 8, lineHeight: 1.1 },
  quote: { italics: true, color: '#404040' },
  note: { fontSize: 8.5, margin: [0, 0, 0, 3] },
  marking: { fontSize: 9, bold: true },
  pageNumber: { fontSize: 8.5 },
};

const gridLayout: CustomTableLayout = {
  hLineWidth: () => RULE,
  vLineWidth: () => RULE,
  hLineColor: () => COLOURS.rule,
  vLineColor: () => COLOURS.rule,
  paddingLeft: () => CELL_PADDING.x,
  paddingRight: () => CELL_PADDING.x,
  paddingTop: () => CELL_PADDING.y,
  paddingBottom: () => CELL_PADDING.y,
};

const quoteLayout: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? 2 : 0),
  vLineColor: () => '#A0A0A0',
  paddingLeft: () => 8,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

/** Writes a document as PDF. */
export async function renderPdf(doc: Doc): Promise<Buffer> {
  const writer = new PdfWriter(doc);
  const content = writer.content();
  const date = documentDate(doc);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: doc.options.orientation,
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    language: language(doc),
    ...(doc.options.watermark ? { watermark: { text: doc.options.watermark, color: '#9A9A9A', opacity: 0.18, bold: true, fontSize: 110, angle: -45 } } : {}),
    displayTitle: true,
    info: {
      title: doc.meta.title,
      ...(doc.meta.subtitle ? { subject: doc.meta.subtitle } : {}),
      creator: 'pdfmake',
      producer: 'pdfmake',
      // pdfkit derives the file /ID from the metadata, so a fixed date gives a fixed /ID.
      creationDate: date ?? PLACEHOLDER_DATE,
      modDate: date ?? PLACEHOLDER_DATE,
    },
    defaultStyle: { font: FONT, fontSize: 9.5, lineHeight: 1.2 },
    styles,
    header: () => (doc.options.marking ? marking(doc.options.marking, HEADER_DISTANCE - 4) : null),
    footer: (currentPage: number, pageCount: number) => {
      const lines: Content[] = [];
      if (doc.options.pageNumbers) {
        lines.push({ text: `Page ${currentPage} of ${pageCount}`, style: 'pageNumber', alignment: 'center' });
      }
      if (doc.options.marking) lines.push({ text: doc.options.marking, style: 'marking', alignment: 'center', margin: [0, 3, 0, 0] });
      return { stack: lines, margin: [MARGIN, 14, MARGIN, 0] };
    },
    // Keep a heading with what follows it. (A one-argument function: with more, pdfmake works out
    // every node's neighbours on its page, which is quadratic in the size of the document.)
    pageBreakBefore: (node) => writer.strandedHeading(node),
    content,
  };
  const pdf = printer.createPdfKitDocument(definition, { bufferPages: true });
  writer.addOutline(pdf);
  if (!date) {
    // No date to write: hide the placeholder from the Info dictionary, which pdfkit writes from
    // the enumerable keys (it still reads CreationDate itself, for the XMP it drafts).
    const info = (pdf as unknown as { info: Record<string, unknown> }).info;
    delete info.ModDate;
    Object.defineProperty(info, 'CreationDate', { enumerable: false });
  }
  return collect(pdf);
}

function marking(text: string, top: number): Content {
  return { text, style: 'marking', alignment: 'center', margin: [MARGIN, top, MARGIN, 0] };
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

/** pdfmake's text leaves, with the properties this writer uses. */
type Leaf = {
  text: string;
  bold?: boolean;
  italics?: boolean;
  font?: string;
  link?: string;
  color?: string;
  decoration?: 'underline';
  sup?: boolean;
  background?: string;
  fontSize?: number;
  linkToDestination?: string;
};

/** Any node, once laid out: pdfmake records where each of its lines went. */
type Positioned = { positions?: Array<{ pageNumber: number; left: number; top: number }> };

/** A text node; pdfmake 0.2 makes a named destination of its `id` (missing from its types). */
type TextNode = ContentText & { id?: string };

interface Format {
  bold?: boolean;
  italics?: boolean;
  color?: string;
}

interface HeadingNode {
  level: number;
  title: string;
  /** The pdfmake node: after layout, pdfmake has set `positions` on it. */
  node: TextNode & { positions?: Array<{ pageNumber: number; left: number; top: number }> };
}

class PdfWriter {
  private readonly anchors: Map<Block, string>;
  private readonly notes: Inline[][] = [];
  private readonly headings: HeadingNode[] = [];
  private readonly following = new Map<string, Positioned>();

  constructor(private readonly doc: Doc) {
    this.anchors = headingAnchors(doc.blocks);
  }

  content(): Content[] {
    const out: Content[] = [];
    const cover = this.doc.options.cover;
    if (cover?.length) {
      let titled = false;
      for (const line of cover) {
        const style = line.style === 'title' ? (titled ? 'coverSubtitle' : 'coverTitle') : line.style === 'subtitle' ? 'coverSubtitle' : 'coverLine';
        if (line.style === 'title') titled = true;
        out.push({ text: line.text, style, ...(line.style === 'strong' ? { bold: true } : {}) });
      }
      out.push({ text: '', pageBreak: 'after' });
    } else if (this.doc.options.showTitle !== false) {
      out.push({ text: this.doc.meta.title, style: 'title' });
      if (this.doc.meta.subtitle) out.push({ text: this.doc.meta.subtitle, style: 'subtitle' });
    }
    if (this.doc.options.toc) {
      out.push({ toc: { title: { text: 'Contents', style: 'tocTitle' } } });
      out.push({ text: '', pageBreak: 'after' });
    }
    // a page break may turn the pages after it: the text width follows
    let width = textWidth(this.doc);
    const top: Block[] = [];
    const flush = () => {
      for (const b of this.blocks(top, width)) out.push(b); // not push(...): a long document has many blocks
      top.length = 0;
    };
    for (const block of this.doc.blocks) {
      if (block.type === 'pageBreak' && block.orientation) {
        flush();
        out.push({ text: '', pageBreak: 'before', pageOrientation: block.orientation } as Content);
        width = textWidthFor(block.orientation);
      } else top.push(block);
    }
    flush();
    if (this.notes.length) out.push(...this.endnotes());
    return out;
  }

  /** Bookmarks for the headings, nested by level, pointing at the heading's place on its page. */
  addOutline(pdf: PDFKit.PDFDocument): void {
    type Item = { addItem(title: string): Item; outlineData: Record<string, unknown> };
    const kit = pdf as unknown as { outline: Item; switchToPage(n: number): void; page: { dictionary: unknown; height: number } };
    const parents: Array<{ level: number; item: Item }> = [];
    for (const heading of this.headings) {
      const position = heading.node.positions?.[0];
      if (!position) continue;
      while (parents.length && parents[parents.length - 1]!.level >= heading.level) parents.pop();
      kit.switchToPage(position.pageNumber - 1);
      const parent = parents.length ? parents[parents.length - 1]!.item : kit.outline;
      const item = parent.addItem(heading.title);
      item.outlineData.Dest = [kit.page.dictionary, 'XYZ', null, round(kit.page.height - position.top), null];
      parents.push({ level: heading.level, item });
    }
  }

  private blocks(blocks: readonly Block[], width: number): Content[] {
    const content = blocks.map((block) => this.block(block, width));
    // Remember what each heading (or run of headings) introduces, to keep them together.
    content.forEach((node, i) => {
      const id = (node as TextNode).headlineLevel !== undefined ? (node as TextNode).id : undefined;
      if (id === undefined) return;
      const next = content.slice(i + 1).find((c) => (c as TextNode).headlineLevel === undefined);
      if (next) this.following.set(id, next as Positioned);
    });
    return content;
  }

  /** Whether the heading `node` would start a page other than the content it introduces. */
  strandedHeading(node: { id?: string; headlineLevel?: number; pageNumbers?: number[] }): boolean {
    if (node.headlineLevel === undefined || node.id === undefined) return false;
    const next = this.following.get(node.id)?.positions?.[0]?.pageNumber;
    const page = node.pageNumbers?.[0];
    return next !== undefined && page !== undefined && next > page;
  }

  private block(block: Block, width: number): Content {
    switch (block.type) {
      case 'heading': {
        const id = this.anchors.get(block)!;
        const node: HeadingNode['node'] = {
          text: this.inlines(block.children),
          style: `h${block.level}`,
          headlineLevel: block.level,
          id,
          ...(this.doc.options.toc
            ? {
                tocItem: true,
                tocStyle: `toc${block.level}`,
                tocMargin: [(block.level - 1) * 12, block.level === 1 ? 4 : 1, 0, 1],
              }
            : {}),
        };
        this.headings.push({ level: block.level, title: plainText(block.children), node });
        return node;
      }
      case 'paragraph':
        return { text: this.inlines(block.children), style: 'paragraph' };
      case 'list':
        return this.list(block, width);
      case 'blockquote':
        return {
          table: { widths: ['*'], body: [[{ stack: this.blocks(block.children, width - 20), style: 'quote' }]] },
          layout: quoteLayout,
          margin: [12, 0, 12, 6],
        };
      case 'section':
        return { stack: this.blocks(block.children, width) };
      case 'table':
        return this.table(block, width);
      case 'keyFigures':
        return this.table(keyFiguresTable(block), width);
      case 'image':
        return this.image(block, width);
      case 'barChart':
        return this.image(barChartImage(block, width), width);
      case 'pageBreak':
        return block.orientation ? ({ text: '', pageBreak: 'before', pageOrientation: block.orientation } as Content) : { text: '', pageBreak: 'after' };
      case 'thematicBreak':
        return {
          canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: RULE, lineColor: COLOURS.rule }],
          margin: [0, 6, 0, 12],
        };
    }
  }

  private list(list: Extract<Block, { type: 'list' }>, width: number, depth = 0): Content {
    const items = list.items.map((item) => {
      const content = item.map((block) =>
        block.type === 'list' ? this.list(block, width - 18, depth + 1) : this.block(block, width - 18),
      );
      return content.length === 1 ? content[0]! : { stack: content };
    });
    const margin: [number, number, number, number] = depth ? [0, 0, 0, 0] : [6, 0, 0, 6];
    return list.ordered
      ? { ol: items, ...(list.start !== undefined ? { start: list.start } : {}), margin }
      : { ul: items, type: (['disc', 'circle', 'square'] as const)[depth % 3], margin };
  }

  private table(table: Extract<Block, { type: 'table' }>, width: number): ContentTable {
    const count = columnCount(table);
    // pdfmake's widths leave out the padding and the rules, so take them off first.
    const available = width - count * 2 * CELL_PADDING.x - (count + 1) * RULE;
    const widths = columnFractions(table.columns, count).map((f) => round(f * available));
    const covered = coveredCells(table.rows);
    const row = (r: TableRow, header: boolean, index = -1): PdfCell[] =>
      Array.from({ length: count }, (_, i) => {
        // a cell under a merged cell: pdfmake wants a placeholder there
        if (!header && covered[index]?.has(i)) return { text: '' };
        const c = r.cells[i] ?? { children: [] };
        const emphasis = !header && (r.emphasis || c.emphasis);
        const align = table.columns?.[i]?.align;
        const span = header ? 1 : spanOf(c.rowSpan, index, table.rows.length);
        const text = this.inlines(c.children, header ? { bold: true, color: '#FFFFFF' } : emphasis ? { bold: true } : {});
        // blocks below the text: a stack in the cell's width (less its padding)
        const blocks = !header && c.blocks?.length ? this.blocks(c.blocks, widths[i]!) : [];
        return {
          ...(blocks.length ? { stack: [{ text }, ...blocks] } : { text }),
          style: 'tableText',
          ...(span > 1 ? { rowSpan: span } : {}),
          ...(align ? { alignment: align } : {}),
          ...(header ? { fillColor: COLOURS.headerFill } : emphasis ? { fillColor: COLOURS.keyFill } : isTone(r.tone) ? { fillColor: TONES[r.tone].shade } : {}),
        } as PdfCell;
      });
    return {
      table: {
        headerRows: table.header.length,
        keepWithHeaderRows: table.header.length ? 1 : 0,
        dontBreakRows: true,
        widths,
        body: [...table.header.map((r) => row(r, true)), ...table.rows.map((r, i) => row(r, false, i))],
      },
      layout: gridLayout,
      margin: [0, 2, 0, 8],
    };
  }

  private image(image: ImageBlock, width: number): Content {
    const size = imageSize(image, width);
    if (image.svg !== undefined) {
      return { svg: image.svg, width: size.width, height: size.height, margin: [0, 2, 0, 8], font: FONT } as Content;
    }
    if (!image.png) throw new Error(`image "${image.alt}" has neither SVG nor PNG data`);
    return {
      image: `data:image/png;base64,${Buffer.from(image.png).toString('base64')}`,
      width: size.width,
      height: size.height,
      margin: [0, 2, 0, 8],
    };
  }

  private inlines(inlines: readonly Inline[], format: Format = {}): Leaf[] {
    const out: Leaf[] = [];
    const leaf = (text: string, extra: Partial<Leaf> = {}): Leaf => ({
      text,
      ...(format.bold ? { bold: true } : {}),
      ...(format.italics ? { italics: true } : {}),
      ...(format.color ? { color: format.color } : {}),
      ...extra,
    });
    for (const node of inlines) {
      switch (node.type) {
        case 'text':
          out.push(leaf(node.text.replace(/\s*\n\s*/g, ' ')));
          break;
        case 'code':
          out.push(leaf(node.text, { font: MONO }));
          break;
        case 'strong':
          out.push(...this.inlines(node.children, { ...format, bold: true }));
          break;
        case 'emphasis':
          out.push(...this.inlines(node.children, { ...format, italics: true }));
          break;
        case 'lineBreak':
          out.push(leaf('\n'));
          break;
        case 'toned':
          out.push(...this.inlines(node.children, isTone(node.tone) ? { ...format, color: TONES[node.tone].ink } : format));
          break;
        case 'badge':
          out.push(leaf(` ${node.text.replace(/\s*\n\s*/g, ' ')} `, {
            bold: true,
            ...(isColour(node.fill) && isColour(node.ink) ? { background: node.fill, color: node.ink } : {}),
          }));
          break;
        case 'link':
          out.push(
            ...this.inlines(node.children, format).map((l) => ({
              ...l,
              link: node.url,
              ...(format.color ? {} : { color: COLOURS.link, decoration: 'underline' as const }),
            })),
          );
          break;
        case 'footnoteRef': {
          this.notes.push(node.content);
          const n = this.notes.length;
          out.push(leaf(String(n), { sup: true, linkToDestination: `note_${n}`, color: COLOURS.link }));
          break;
        }
      }
    }
    return out;
  }

  /** The footnotes, as numbered notes after the last block. */
  private endnotes(): Content[] {
    const title = 'Notes';
    const node: HeadingNode['node'] = {
      text: title,
      style: 'h1',
      headlineLevel: 1,
      id: 'notes_title', // heading anchors never have an underscore
      ...(this.doc.options.toc ? { tocItem: true, tocStyle: 'toc1', tocMargin: [0, 4, 0, 1] } : {}),
    };
    this.headings.push({ level: 1, title, node });
    const notes: Content[] = [];
    // A note may itself hold a footnote reference; those are numbered on, so read until done.
    for (let i = 0; i < this.notes.length; i++) {
      const note: TextNode = { text: [{ text: `${i + 1}. `, bold: true }, ...this.inlines(this.notes[i]!)], style: 'note', id: `note_${i + 1}` };
      notes.push(note);
    }
    return [node, ...notes];
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;
