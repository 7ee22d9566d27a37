/**
 * The DOCX writer (the `docx` package).
 *
 * Word's own styles carry the structure — Title, Heading1–3, a TOC field, real footnotes — so the
 * navigation pane, "Update table" and accessibility checkers work as in a document typed in Word.
 * The output is byte-identical for the same document: the zip is rewritten with fixed entry dates
 * and the core properties get the document's date (or none).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
  type INumberingOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { unzipSync, Zip, ZipPassThrough, zipSync, type FlateError, type Zippable } from 'fflate';
import zlib from 'node:zlib';
import { svgToPng } from './raster.js';
import type { Block, ColumnAlign, Doc, ImageBlock, Inline, TableRow as ModelRow } from './model.js';
import {
  HEADER_DISTANCE,
  MARGIN,
  PLACEHOLDER_DATE,
  coveredCells,
  spanOf,
  textWidthFor,
  columnCount,
  columnFractions,
  documentDate,
  headingAnchors,
  imageSize,
  language,
  textWidth,
} from './shared.js';

const FONT = 'Arial';
const MONO = 'Courier New';
const TWIPS_PER_POINT = 20;
/** A4 as Word writes it (210 × 297 mm in twentieths of a point). */
const A4_TWIPS = { width: 11906, height: 16838 };
/** Widest PNG fallback drawn for an SVG picture, in pixels. */
const FALLBACK_MAX_PX = 1500;
const COLOURS = { heading: '1F3864', rule: '808080', headerFill: '1F3864', keyFill: 'FFF2CC', marking: '000000' };

export interface DocxOptions {
  /**
   * Work out the page numbers of the table of contents while writing, so it is complete without
   * Word (or LibreOffice) updating fields. `docx`'s layout is slow (about 75 ms a paragraph), so
   * the default, `'auto'`, does it for documents of up to {@link ESTIMATE_LIMIT} paragraphs and
   * table rows; otherwise Word is asked to update the fields when it opens the document.
   */
  estimatePageNumbers?: boolean | 'auto';
  /**
   * Write tables of more than {@link FAST_TABLE_ROWS} rows of plain or bold/italic text from row
   * templates rather than through `docx`'s objects (default true): the same XML, in a fraction of
   * the time and memory — a 100,000-row master chronology would otherwise need gigabytes. A table
   * with links or footnotes in its cells is always written through `docx`.
   */
  fastTables?: boolean;
}

/** Paragraphs and table rows up to which `'auto'` works out the table of contents' page numbers. */
export const ESTIMATE_LIMIT = 150;

/** Writes a document as DOCX. */
export async function renderDocx(doc: Doc, options: DocxOptions = {}): Promise<Buffer> {
  const choice = options.estimatePageNumbers ?? 'auto';
  const estimate = choice === 'auto' ? size(doc.blocks) <= ESTIMATE_LIMIT : choice;
  // page numbers are worked out from docx's objects, which hold only sample rows of a fast table
  const writer = new DocxWriter(doc, (options.fastTables ?? true) && !estimate);
  const body = writer.body();
  const document = new Document({
    title: doc.meta.title,
    ...(doc.meta.subtitle ? { subject: doc.meta.subtitle } : {}),
    creator: '',
    lastModifiedBy: '',
    revision: 1,
    styles: styles(doc),
    numbering: writer.numbering(),
    footnotes: writer.footnotes,
    ...(doc.options.toc && !estimate ? { features: { updateFields: true } } : {}),
    // docx/layout is large: load it only when it is used.
    ...(doc.options.toc && estimate ? { pageNumbers: (await import('docx/layout')).estimatePageNumbers } : {}),
    // a page break that turns the page starts a new section with that orientation
    sections: writer.sections(body).map(({ orientation, children }) => ({
      properties: {
        page: {
          size: {
            width: A4_TWIPS.width,
            height: A4_TWIPS.height,
            orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: {
            top: twips(MARGIN),
            bottom: twips(MARGIN),
            left: twips(MARGIN),
            right: twips(MARGIN),
            header: twips(HEADER_DISTANCE),
            footer: twips(HEADER_DISTANCE),
          },
        },
      },
      // An empty header or footer part is left out altogether (the page-number layout rejects one).
      ...(header(doc).length ? { headers: { default: new Header({ children: header(doc) }) } } : {}),
      ...(footer(doc).length ? { footers: { default: new Footer({ children: footer(doc) }) } } : {}),
      children,
    })),
  });
  const zipped = await Packer.toBuffer(document);
  const out = normaliseZip(zipped, documentDate(doc), writer.fastTables);
  // a fast table whose rows could not be found again (text that looks like a marker): write it the slow way
  return out ?? renderDocx(doc, { ...options, fastTables: false });
}

/** Paragraphs and table rows, roughly what the page layout costs. */
function size(blocks: readonly Block[]): number {
  let n = 0;
  for (const block of blocks) {
    if (block.type === 'table') n += block.header.length + block.rows.length;
    else if (block.type === 'list') n += block.items.reduce((sum, item) => sum + size(item), 0);
    else if (block.type === 'blockquote') n += size(block.children);
    else n += 1;
  }
  return n;
}

const twips = (points: number): number => Math.round(points * TWIPS_PER_POINT);

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: marking, bold: true, color: COLOURS.marking, size: 20 })],
  });
}

function header(doc: Doc): Paragraph[] {
  const out: Paragraph[] = [];
  if (doc.options.marking) out.push(markingParagraph(doc.options.marking));
  if (doc.options.watermark) {
    out.push(new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: doc.options.watermark, bold: true, color: 'A6A6A6', size: 28 })],
    }));
  }
  return out;
}

function footer(doc: Doc): Paragraph[] {
  const out: Paragraph[] = [];
  if (doc.options.pageNumbers) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    );
  }
  if (doc.options.marking) out.push(markingParagraph(doc.options.marking));
  return out;
}

function styles(doc: Doc): NonNullable<ConstructorParameters<typeof Document>[0]['styles']> {
  // The outline level is what Word's navigation pane and a TOC field's \o switch read.
  const heading = (size: number, before: number, outlineLevel: number) => ({
    run: { font: FONT, size, bold: true, color: COLOURS.heading },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true, outlineLevel },
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: 22, language: { value: language(doc) } },
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
      },
      title: {
        run: { font: FONT, size: 48, bold: true, color: COLOURS.heading },
        paragraph: { spacing: { after: 120 } },
      },
      heading1: heading(32, 360, 0),
      heading2: heading(26, 240, 1),
      heading3: heading(23, 200, 2),
      hyperlink: { run: { color: '0563C1', underline: {} } },
    },
    paragraphStyles: [
      {
        id: 'Subtitle',
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 28, color: '404040' },
        paragraph: { spacing: { after: 360 } },
      },
      {
        id: 'TOCHeading',
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { size: 32, bold: true, color: COLOURS.heading },
        paragraph: { spacing: { before: 240, after: 120 } },
      },
      {
        id: 'TableText',
        name: 'Table Text',
        basedOn: 'Normal',
        run: { size: 18 },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
      {
        id: 'Quote',
        name: 'Quote',
        basedOn: 'Normal',
        run: { italics: true, color: '404040' },
        paragraph: {
          indent: { left: 567, right: 567 },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A0A0A0', space: 8 } },
        },
      },
    ],
  };
}

type Run = ParagraphChild;
interface Format {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
  link?: boolean;
}

class DocxWriter {
  readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  private footnoteCount = 0;
  private listInstance = 0;
  private readonly orderedStarts = new Set<number>();
  private readonly anchors: Map<Block, string>;
  /** Large tables written from row templates (see {@link FAST_TABLE_ROWS}), in document order. */
  readonly fastTables: FastTable[] = [];

  constructor(private readonly doc: Doc, private readonly fast = true) {
    this.anchors = headingAnchors(doc.blocks);
    this.orientation = doc.options.orientation;
  }

  body(): Array<Paragraph | Table | TableOfContents> {
    const out: Array<Paragraph | Table | TableOfContents> = [];
    const cover = this.doc.options.cover;
    if (cover?.length) {
      let titled = false;
      for (const line of cover) {
        if (line.style === 'title' && !titled) {
          titled = true;
          out.push(new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 3000 }, children: [new TextRun(line.text)] }));
        } else if (line.style === 'title' || line.style === 'subtitle') {
          out.push(new Paragraph({ style: 'Subtitle', children: [new TextRun({ text: line.text, bold: true })] }));
        } else {
          out.push(new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: line.text, size: 24, ...(line.style === 'strong' ? { bold: true } : {}) })] }));
        }
      }
      out.push(new Paragraph({ children: [new PageBreak()] }));
    } else if (this.doc.options.showTitle !== false) {
      out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(this.doc.meta.title)] }));
      if (this.doc.meta.subtitle) out.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(this.doc.meta.subtitle)] }));
    }
    if (this.doc.options.toc) {
      out.push(new Paragraph({ style: 'TOCHeading', children: [new TextRun('Contents')] }));
      out.push(new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }));
      out.push(new Paragraph({ children: [new PageBreak()] }));
    }
    for (const b of this.blocks(this.doc.blocks, 0)) out.push(b); // not push(...): a long document has many blocks
    return out;
  }

  /** Where the body is cut into sections: at each page break that turns the page. */
  private readonly turns: Array<{ at: Paragraph; orientation: 'portrait' | 'landscape' }> = [];
  private orientation: 'portrait' | 'landscape';

  /** The body cut into sections, each with its orientation. */
  sections(body: Array<Paragraph | Table | TableOfContents>): Array<{ orientation: 'portrait' | 'landscape'; children: Array<Paragraph | Table | TableOfContents> }> {
    const out = [{ orientation: this.doc.options.orientation, children: [] as Array<Paragraph | Table | TableOfContents> }];
    for (const b of body) {
      const turn = this.turns.find((t) => t.at === b);
      if (turn) out.push({ orientation: turn.orientation, children: [] });
      else out[out.length - 1]!.children.push(b);
    }
    return out.filter((s, i) => i === 0 || s.children.length);
  }

  numbering(): INumberingOptions {
    const bullets = ['•', '◦', '▪'];
    const ordered = (start: number): INumberingOptions['config'][number] => ({
      reference: `ordered-${start}`,
      levels: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN].map((format, level) => ({
        level,
        format,
        text: `%${level + 1}.`,
        start: level === 0 ? start : 1,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 425 } } },
      })),
    });
    return {
      config: [
        {
          reference: 'bullet',
          levels: bullets.map((text, level) => ({
            level,
            format: LevelFormat.BULLET,
            text,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 284 } } },
          })),
        },
        ...[...this.orderedStarts].sort((a, b) => a - b).map(ordered),
      ],
    };
  }

  private blocks(blocks: readonly Block[], indent: number, quote = false): Array<Paragraph | Table> {
    return blocks.flatMap((block) => this.block(block, indent, quote));
  }

  /** One block; `indent` counts list levels, `quote` is set inside a blockquote. */
  private block(block: Block, indent: number, quote = false): Array<Paragraph | Table> {
    const indented = quote ? { style: 'Quote' } : indent ? { indent: { left: 567 * indent } } : {};
    switch (block.type) {
      case 'heading': {
        const level = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][block.level - 1];
        // Word's bookmark names take letters, digits and underscores.
        const id = this.anchors.get(block)!.replace(/-/g, '_');
        return [new Paragraph({ heading: level, children: [new Bookmark({ id, children: this.runs(block.children) })] })];
      }
      case 'paragraph':
        return [new Paragraph({ ...indented, children: this.runs(block.children) })];
      case 'list':
        return this.list(block, 0, indent);
      case 'blockquote':
        return this.blocks(block.children, indent, true);
      case 'table':
        return [this.table(block), new Paragraph({ spacing: { after: 0 }, children: [] })];
      case 'image':
        return [new Paragraph({ ...indented, children: [this.image(block)] })];
      case 'pageBreak': {
        if (!block.orientation || indent || quote) return [new Paragraph({ children: [new PageBreak()] })];
        // a section break (see sections()): a marker paragraph, never written
        const at = new Paragraph({ children: [] });
        this.turns.push({ at, orientation: block.orientation });
        this.orientation = block.orientation;
        return [at];
      }
      case 'thematicBreak':
        return [
          new Paragraph({
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: COLOURS.rule, space: 1 } },
            children: [],
          }),
        ];
    }
  }

  private list(list: Extract<Block, { type: 'list' }>, level: number, indent: number): Array<Paragraph | Table> {
    const out: Array<Paragraph | Table> = [];
    let reference = 'bullet';
    let instance = 0;
    if (list.ordered) {
      const start = list.start ?? 1;
      this.orderedStarts.add(start);
      reference = `ordered-${start}`;
      instance = ++this.listInstance; // a new instance restarts the numbering
    }
    const depth = Math.min(level, 2);
    for (const item of list.items) {
      let first = true;
      for (const block of item) {
        if (block.type === 'paragraph' && first) {
          out.push(
            new Paragraph({
              numbering: { reference, level: depth, ...(list.ordered ? { instance } : {}) },
              children: this.runs(block.children),
            }),
          );
        } else if (block.type === 'list') {
          out.push(...this.list(block, level + 1, indent));
        } else {
          out.push(...this.block(block, indent + depth + 1));
        }
        first = false;
      }
    }
    return out;
  }

  private table(table: Extract<Block, { type: 'table' }>): Table {
    const count = columnCount(table);
    const total = twips(textWidthFor(this.orientation));
    const widths = columnFractions(table.columns, count).map((f) => Math.floor(f * total));
    const border = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.rule };
    // a large table: docx writes one sample row of each shape, whose XML then serves as the template
    const plan = this.fast ? planFastTable(table, count, this.fastTables.length) : undefined;
    if (plan) this.fastTables.push(plan);
    const body = plan ? plan.samples : table.rows;
    const covered = plan ? [] : coveredCells(body);
    const row = (r: ModelRow, header: boolean, index = -1): TableRow =>
      new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: Array.from({ length: count }, (_, i) => {
          const under = !header && covered[index]?.has(i);
          if (under) {
            return new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              verticalMerge: VerticalMergeType.CONTINUE,
              children: [new Paragraph({ style: 'TableText', children: [] })],
            });
          }
          const c = r.cells[i] ?? { children: [] };
          const span = header ? 1 : spanOf(c.rowSpan, index, body.length);
          const emphasis = !header && (r.emphasis || c.emphasis);
          const fill = header ? COLOURS.headerFill : emphasis ? COLOURS.keyFill : undefined;
          return new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            margins: { top: 40, bottom: 40, left: 80, right: 80 },
            ...(span > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
            ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
            children: [
              new Paragraph({
                style: 'TableText',
                alignment: alignment(table.columns?.[i]?.align),
                children: this.runs(c.children, header ? { bold: true } : emphasis ? { bold: true } : {}, header ? 'FFFFFF' : undefined),
              }),
            ],
          });
        }),
      });
    return new Table({
      width: { size: total, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: [...table.header.map((r) => row(r, true)), ...body.map((r, i) => row(r, false, i))],
    });
  }

  private image(image: ImageBlock): ImageRun {
    const size = imageSize(image, textWidthFor(this.orientation));
    // docx sizes pictures in pixels at 96 to the inch.
    const transformation = { width: Math.round((size.width * 96) / 72), height: Math.round((size.height * 96) / 72) };
    const altText = { name: image.alt.slice(0, 60), description: image.alt, title: image.alt.slice(0, 60) };
    if (image.svg !== undefined) {
      // The fallback is drawn at twice the printed size, so it stays sharp when printed — at most
      // 1,500 px wide (about 150 dpi across a landscape page): a wider one costs time for no gain.
      const fallback = image.png ?? svgToPng(image.svg, Math.min(transformation.width * 2, Math.max(transformation.width, FALLBACK_MAX_PX)));
      return new ImageRun({
        type: 'svg',
        data: Buffer.from(image.svg, 'utf8'),
        fallback: { type: 'png', data: fallback },
        transformation,
        altText,
      });
    }
    if (!image.png) throw new Error(`image "${image.alt}" has neither SVG nor PNG data`);
    return new ImageRun({ type: 'png', data: image.png, transformation, altText });
  }

  /** Inlines as runs; `colour` is for text on a dark fill. */
  private runs(inlines: readonly Inline[], format: Format = {}, colour?: string): Run[] {
    const out: Run[] = [];
    for (const node of inlines) {
      switch (node.type) {
        case 'text':
          out.push(this.textRun(node.text, format, colour));
          break;
        case 'code':
          out.push(this.textRun(node.text, { ...format, code: true }, colour));
          break;
        case 'strong':
          out.push(...this.runs(node.children, { ...format, bold: true }, colour));
          break;
        case 'emphasis':
          out.push(...this.runs(node.children, { ...format, italics: true }, colour));
          break;
        case 'lineBreak':
          out.push(new TextRun({ break: 1 }));
          break;
        case 'link':
          out.push(
            new ExternalHyperlink({
              link: node.url,
              children: this.runs(node.children, { ...format, link: true }, colour) as TextRun[],
            }),
          );
          break;
        case 'footnoteRef': {
          const id = ++this.footnoteCount;
          this.footnotes[id] = { children: [new Paragraph({ children: this.runs(node.content) })] };
          out.push(new FootnoteReferenceRun(id));
          break;
        }
      }
    }
    return out;
  }

  private textRun(value: string, format: Format, colour?: string): TextRun {
    return new TextRun({
      text: value.replace(/\s*\n\s*/g, ' '),
      ...(format.bold ? { bold: true } : {}),
      ...(format.italics ? { italics: true } : {}),
      ...(format.code ? { font: MONO } : {}),
      ...(format.link ? { style: 'Hyperlink' } : colour ? { color: colour } : {}),
    });
  }
}

function alignment(align: ColumnAlign | undefined): IParagraphOptions['alignment'] {
  return align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
}

/**
 * Rewrites the zip so the same document gives the same bytes: every entry gets one fixed date
 * (the zip format stores local time, so the UTC fields are written as they are), the random ids
 * `docx` gives some relationships (hyperlinks) are renumbered in order, and the core properties
 * carry the document's date or, when it has none, no dates at all.
 */
function normaliseZip(zipped: Uint8Array, date: Date | undefined, fastTables: readonly FastTable[] = []): Buffer | undefined {
  const files = unzipSync(zipped);
  const text = (path: string): string | undefined => (files[path] ? Buffer.from(files[path]!).toString('utf8') : undefined);
  const core = text('docProps/core.xml');
  if (core !== undefined) {
    const stamp = date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
    let xml = core;
    for (const name of ['dcterms:created', 'dcterms:modified']) {
      const element = new RegExp(`<${name}\\b[^>]*>[^<]*</${name}>`);
      xml = stamp ? xml.replace(element, (m) => m.replace(/>[^<]*</, `>${stamp}<`)) : xml.replace(element, '');
    }
    files['docProps/core.xml'] = Buffer.from(xml, 'utf8');
  }
  for (const rels of Object.keys(files).filter((p) => p.endsWith('.rels'))) {
    const part = rels.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2');
    let relsXml = text(rels)!;
    let partXml = text(part);
    let n = 0;
    for (const [, id] of relsXml.matchAll(/\bId="([^"]+)"/g)) {
      if (/^rId\d+$/.test(id!)) continue;
      const stable = `rIdL${++n}`;
      relsXml = relsXml.split(`"${id}"`).join(`"${stable}"`);
      if (partXml !== undefined) partXml = partXml.split(`"${id}"`).join(`"${stable}"`);
    }
    if (n) {
      files[rels] = Buffer.from(relsXml, 'utf8');
      if (partXml !== undefined) files[part] = Buffer.from(partXml, 'utf8');
    }
  }
  const body = text('word/document.xml');
  if (body !== undefined) files['word/document.xml'] = Buffer.from(renumberCounters(body), 'utf8');
  const d = clampZipDate(date ?? PLACEHOLDER_DATE);
  const mtime = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  // The content types first, then the package relationships, as Word itself writes them.
  const rank = (p: string): number => (p === '[Content_Types].xml' ? 0 : p === '_rels/.rels' ? 1 : 2);
  const order = Object.keys(files).sort((a, b) => rank(a) - rank(b));
  if (fastTables.length && body !== undefined) {
    const pieces = spliceFastTables(renumberCounters(body), fastTables);
    return pieces ? zipStreaming(order, files, 'word/document.xml', pieces, mtime) : undefined;
  }
  const entries: Zippable = {};
  for (const path of order) entries[path] = [files[path]!, { mtime }];
  return Buffer.from(zipSync(entries, { level: 6 }));
}

// ---------------------------------------------------------------- large tables from row templates

/** Tables with more body rows than this are written from row templates (see DocxOptions.fastTables). */
export const FAST_TABLE_ROWS = 200;
/** More distinct row shapes than this and the table is written through docx after all. */
const MAX_SHAPES = 500;

interface FastTable {
  id: number;
  headerRows: number;
  /** Columns written (cells beyond are dropped, as docx's path drops them). */
  count: number;
  rows: readonly ModelRow[];
  /** One row per shape, its texts replaced by markers, for docx to write. */
  samples: ModelRow[];
  slots: number[];
  /** The shape of each body row. */
  shapeOf: Int32Array;
}

const marker = (table: number, shape: number, slot: number) => `DHRFAST${table}S${shape}X${slot}Q`;
const MARKER = /DHRFAST(\d+)S(\d+)X(\d+)Q/g;

/**
 * The shape of a row is what its XML depends on besides its texts: each cell's emphasis and the
 * nesting of its inlines. Undefined when a cell holds a link or a footnote (they add relationships
 * and numbered parts) or a text that the counters' renumbering would touch.
 */
function planFastTable(table: Extract<Block, { type: 'table' }>, count: number, id: number): FastTable | undefined {
  if (table.rows.length <= FAST_TABLE_ROWS || table.rows.some((r) => r.cells.some((c) => c.rowSpan))) return undefined;
  const shapes = new Map<string, number>();
  const samples: ModelRow[] = [];
  const slots: number[] = [];
  const shapeOf = new Int32Array(table.rows.length);
  const sig = (inlines: readonly Inline[]): string | undefined => {
    let out = '';
    for (const node of inlines) {
      switch (node.type) {
        case 'text':
        case 'code':
          if (/_Toc\d/.test(node.text)) return undefined;
          out += node.type === 'text' ? 't' : 'c';
          break;
        case 'strong':
        case 'emphasis': {
          const inner = sig(node.children);
          if (inner === undefined) return undefined;
          out += `${node.type === 'strong' ? 's' : 'e'}(${inner})`;
          break;
        }
        case 'lineBreak':
          out += 'b';
          break;
        default:
          return undefined;
      }
    }
    return out;
  };
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    let key = '';
    for (let i = 0; i < count; i++) {
      const c = row.cells[i];
      const inner = sig(c?.children ?? []);
      if (inner === undefined) return undefined;
      key += `${row.emphasis || c?.emphasis ? 'E' : 'N'}[${inner}]`;
    }
    let s = shapes.get(key);
    if (s === undefined) {
      if (shapes.size >= MAX_SHAPES) return undefined;
      s = shapes.size;
      shapes.set(key, s);
      let slot = 0;
      const mark = (inlines: readonly Inline[]): Inline[] => inlines.map((node): Inline => {
        if (node.type === 'text' || node.type === 'code') return { ...node, text: marker(id, s!, slot++) };
        if (node.type === 'strong' || node.type === 'emphasis') return { ...node, children: mark(node.children) };
        return node;
      });
      samples.push({
        cells: Array.from({ length: count }, (_, i) => {
          const c = row.cells[i];
          return { children: mark(c?.children ?? []), ...(row.emphasis || c?.emphasis ? { emphasis: true } : {}) };
        }),
      });
      slots.push(slot);
    }
    shapeOf[r] = s;
  }
  // a table of empty rows has nothing to find its samples by
  if (!slots.some((n) => n > 0)) return undefined;
  return { id, headerRows: table.header.length, count, rows: table.rows, samples, slots, shapeOf };
}

/** A sample row's XML cut at its markers: the static parts between slots 0, 1, 2 … in order. */
function templateOf(xml: string, table: number, shape: number, slots: number): string[] | undefined {
  const parts: string[] = [];
  let from = 0;
  let next = 0;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(xml); m; m = MARKER.exec(xml)) {
    if (Number(m[1]) !== table || Number(m[2]) !== shape || Number(m[3]) !== next) return undefined;
    parts.push(xml.slice(from, m.index));
    from = m.index + m[0].length;
    next++;
  }
  if (next !== slots) return undefined;
  parts.push(xml.slice(from));
  return parts;
}

type Piece = string | { table: FastTable; templates: string[][] };

/**
 * The document XML cut around each fast table's sample rows, which give the templates. Undefined
 * when the samples cannot be found exactly (then the document is written without templates).
 */
function spliceFastTables(xml: string, tables: readonly FastTable[]): Piece[] | undefined {
  const out: Piece[] = [];
  let from = 0;
  for (const t of tables) {
    const first = xml.indexOf(`DHRFAST${t.id}S`, from);
    const start = first < 0 ? -1 : xml.lastIndexOf('<w:tbl>', first);
    const end = xml.indexOf('</w:tbl>', first);
    if (first < 0 || start < from || end < 0) return undefined;
    const rows: Array<[number, number]> = [];
    const tr = /<w:tr[ >]/g;
    tr.lastIndex = start;
    for (let m = tr.exec(xml); m && m.index < end; m = tr.exec(xml)) {
      const close = xml.indexOf('</w:tr>', m.index);
      if (close < 0 || close > end) return undefined;
      rows.push([m.index, close + '</w:tr>'.length]);
      tr.lastIndex = close;
    }
    if (rows.length !== t.headerRows + t.samples.length) return undefined;
    const templates: string[][] = [];
    for (let s = 0; s < t.samples.length; s++) {
      const [a, b] = rows[t.headerRows + s]!;
      const parts = templateOf(xml.slice(a, b), t.id, s, t.slots[s]!);
      if (!parts) return undefined;
      templates.push(parts);
    }
    out.push(xml.slice(from, rows[t.headerRows]![0]), { table: t, templates });
    from = rows[rows.length - 1]![1];
  }
  out.push(xml.slice(from));
  // every marker was one of a sample row's: the text around the tables holds none
  if (out.some((p) => typeof p === 'string' && p.includes('DHRFAST'))) return undefined;
  return out;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** A run's text as docx writes it: line breaks folded (as textRun does), then escaped as docx escapes. */
function runText(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ').replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');
}

/** The texts of a row's cells, in the order its template's slots take them. */
function rowTexts(row: ModelRow, count: number): string[] {
  const out: string[] = [];
  const walk = (inlines: readonly Inline[]) => {
    for (const node of inlines) {
      if (node.type === 'text' || node.type === 'code') out.push(node.text);
      else if (node.type === 'strong' || node.type === 'emphasis') walk(node.children);
    }
  };
  for (let i = 0; i < count; i++) walk(row.cells[i]?.children ?? []);
  return out;
}

/** The document XML, a few hundred rows at a time (a 100,000-row table is too long for one string). */
function* documentChunks(pieces: readonly Piece[]): Generator<Uint8Array> {
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      yield Buffer.from(piece, 'utf8');
      continue;
    }
    const { table, templates } = piece;
    let batch = '';
    for (let r = 0; r < table.rows.length; r++) {
      const parts = templates[table.shapeOf[r]!]!;
      const texts = rowTexts(table.rows[r]!, table.count);
      batch += parts[0];
      for (let k = 1; k < parts.length; k++) batch += runText(texts[k - 1]!) + parts[k];
      if (batch.length > 1 << 20) {
        yield Buffer.from(batch, 'utf8');
        batch = '';
      }
    }
    if (batch) yield Buffer.from(batch, 'utf8');
  }
}

/**
 * A zip entry deflated by Node's own zlib (native, about four times fflate's speed on a large
 * document) as it streams: each block of at least BLOCK bytes is compressed with a sync flush, so
 * the blocks join into one valid DEFLATE stream without holding the whole entry in memory.
 */
class NativeZipDeflate extends ZipPassThrough {
  private static readonly BLOCK = 1 << 20;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private crcSoFar = 0;

  constructor(filename: string, private readonly level = 6) {
    super(filename);
    this.compression = 8;
  }

  override push(chunk: Uint8Array, final = false): void {
    this.crcSoFar = zlib.crc32(chunk, this.crcSoFar);
    this.size += chunk.length;
    if (final) this.crc = this.crcSoFar;
    this.process(chunk as Uint8Array<ArrayBuffer>, final);
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (chunk.length) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    if (!final && this.pendingBytes < NativeZipDeflate.BLOCK) return;
    const block = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    try {
      const flush = final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH;
      const out = zlib.deflateRawSync(block, { level: this.level, finishFlush: flush });
      this.ondata(null, out, final);
    } catch (e) {
      this.ondata(e as FlateError, new Uint8Array(0), final);
    }
  }
}

/** The zip with `streamed` written from pieces (every entry deflated at level 6, as zipSync does). */
function zipStreaming(order: string[], files: Record<string, Uint8Array>, streamed: string, pieces: Piece[], mtime: Date): Buffer {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  for (const path of order) {
    const entry = new NativeZipDeflate(path, 6);
    entry.mtime = mtime;
    zip.add(entry);
    if (path === streamed) {
      for (const chunk of documentChunks(pieces)) entry.push(chunk);
      entry.push(new Uint8Array(0), true);
    } else entry.push(files[path]!, true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}

/**
 * `docx` numbers bookmarks, the table of contents' `_Toc` bookmarks and drawings from counters
 * that live as long as the process, so a second document would get other numbers: number them
 * again, in the order they appear.
 */
function renumberCounters(xml: string): string {
  const renumber = (input: string, pattern: RegExp, format: (n: number) => string): string => {
    const seen = new Map<string, number>();
    return input.replace(pattern, (match, prefix: string, id: string) => {
      if (!seen.has(id)) seen.set(id, seen.size + 1);
      return prefix + format(seen.get(id)!);
    });
  };
  let out = renumber(xml, /(_Toc)(\d+)/g, (n) => String(n));
  out = renumber(out, /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)/g, (n) => String(n));
  out = renumber(out, /(<wp:docPr\b[^>]*?\bid=")(\d+)/g, (n) => String(n));
  return out;
}

function clampZipDate(date: Date): Date {
  const min = PLACEHOLDER_DATE.getTime();
  const max = Date.UTC(2099, 11, 31, 23, 59, 58);
  return new Date(Math.min(max, Math.max(min, date.getTime())));
}
