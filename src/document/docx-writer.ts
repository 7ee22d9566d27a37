/**
 * The document model as `docx`'s objects: Word's own styles carry the structure — Title,
 * Heading1–3, a TOC field, real footnotes — so the navigation pane, "Update table" and
 * accessibility checkers work as in a document typed in Word. Also the page setup, header, footer
 * and styles that renderDocx (docx.ts) hands to `docx`'s Document.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  type Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
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
  type ISectionPropertiesOptions,
  type ParagraphChild,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { svgToPng } from './raster.js';
import type { Block, ColumnAlign, Doc, ImageBlock, Inline, Orientation, TableRow as ModelRow } from './model.js';
import { HEADER_DISTANCE, MARGIN, TONES, coveredCells, spanOf, textWidthFor, columnCount, columnFractions, headingAnchors, imageSize, isColour, isTone, keyFiguresTable, language } from './shared.js';
import { barChartImage } from './chart.js';
import { foldLineBreaks, planFastTable, type FastTable } from './docx-fast-table.js';

const FONT = 'Arial';
const MONO = 'Courier New';
const TWIPS_PER_POINT = 20;
/** A4 as Word writes it (210 × 297 mm in twentieths of a point). */
const A4_TWIPS = { width: 11906, height: 16838 };
/** Widest PNG fallback drawn for an SVG picture, in pixels. */
const FALLBACK_MAX_PX = 1500;
const COLOURS = { heading: '1F3864', rule: '808080', headerFill: '1F3864', keyFill: 'FFF2CC', marking: '000000' };

const twips = (points: number): number => Math.round(points * TWIPS_PER_POINT);

/** A section's page: A4 in the given orientation, with the writers' margins. */
export function pageProperties(orientation: Orientation): NonNullable<ISectionPropertiesOptions['page']> {
  return {
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
  };
}

function markingParagraph(marking: string, more: ParagraphChild[] = []): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: marking, bold: true, color: COLOURS.marking, size: 20 }), ...more],
  });
}

/**
 * The header: the marking, and the watermark as Word's own (Design > Watermark: grey text set
 * diagonally behind the text of every page, which Word can remove or replace), anchored in the
 * marking's paragraph, or in a paragraph of its own when there is no marking.
 */
export function header(doc: Doc): Paragraph[] {
  const marking = doc.options.marking;
  const watermark = doc.options.watermark
    ? [new TextWatermark({ text: doc.options.watermark, font: FONT, bold: true, color: '9A9A9A', opacity: 0.3, layout: 'diagonal' })]
    : [];
  if (marking) return [markingParagraph(marking, watermark)];
  return watermark.length ? [new Paragraph({ children: watermark })] : [];
}

export function footer(doc: Doc): Paragraph[] {
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

export function styles(doc: Doc): NonNullable<ConstructorParameters<typeof Document>[0]['styles']> {
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

/** Writes the blocks of one document as docx's objects (one writer per document: it counts footnotes and lists). */
export class DocxWriter {
  readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  private footnoteCount = 0;
  private listInstance = 0;
  private readonly orderedStarts = new Set<number>();
  private readonly anchors: Map<Block, string>;
  /** Large tables written from row templates (see {@link FAST_TABLE_ROWS}), in document order. */
  readonly fastTables: FastTable[] = [];
  /** Set while the blocks of a table cell are written: their paragraphs take the table's text style. */
  private inCell = false;

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
    const indented = quote ? { style: 'Quote' } : { ...(this.inCell ? { style: 'TableText' } : {}), ...(indent ? { indent: { left: 567 * indent } } : {}) };
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
      case 'section':
        return this.blocks(block.children, indent, quote);
      case 'table':
        return [this.table(block), new Paragraph({ spacing: { after: 0 }, children: [] })];
      case 'keyFigures':
        return [this.table(keyFiguresTable(block)), new Paragraph({ spacing: { after: 0 }, children: [] })];
      case 'image':
        return [new Paragraph({ ...indented, children: [this.image(block)] })];
      case 'barChart':
        return [new Paragraph({ ...indented, children: [this.image(barChartImage(block, textWidthFor(this.orientation)))] })];
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
              ...(this.inCell ? { style: 'TableText' } : {}),
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
          const fill = header ? COLOURS.headerFill : emphasis ? COLOURS.keyFill : isTone(r.tone) ? TONES[r.tone].shade.slice(1).toUpperCase() : undefined;
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
              ...(!header && c.blocks?.length ? this.cellBlocks(c.blocks) : []),
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

  /** Blocks below a cell's text, in the table's text style. */
  private cellBlocks(blocks: readonly Block[]): Array<Paragraph | Table> {
    const was = this.inCell;
    this.inCell = true;
    try {
      return this.blocks(blocks, 0);
    } finally {
      this.inCell = was;
    }
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
        case 'toned':
          out.push(...this.runs(node.children, format, isTone(node.tone) ? TONES[node.tone].ink.slice(1).toUpperCase() : colour));
          break;
        case 'badge': {
          const colours = isColour(node.fill) && isColour(node.ink);
          out.push(new TextRun({
            text: ` ${foldLineBreaks(node.text)} `,
            bold: true,
            ...(colours ? { color: node.ink.slice(1).toUpperCase(), shading: { type: ShadingType.CLEAR, color: 'auto', fill: node.fill.slice(1).toUpperCase() } } : {}),
          }));
          break;
        }
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
      text: foldLineBreaks(value),
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

