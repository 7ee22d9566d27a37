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
  WidthType,
  type INumberingOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { svgToPng } from './raster.js';
import type { Block, ColumnAlign, Doc, ImageBlock, Inline, TableRow as ModelRow } from './model.js';
import {
  HEADER_DISTANCE,
  MARGIN,
  PLACEHOLDER_DATE,
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
const COLOURS = { heading: '1F3864', rule: '808080', headerFill: '1F3864', keyFill: 'FFF2CC', marking: '000000' };

export interface DocxOptions {
  /**
   * Work out the page numbers of the table of contents while writing, so it is complete without
   * Word (or LibreOffice) updating fields. `docx`'s layout is slow (about 75 ms a paragraph), so
   * the default, `'auto'`, does it for documents of up to {@link ESTIMATE_LIMIT} paragraphs and
   * table rows; otherwise Word is asked to update the fields when it opens the document.
   */
  estimatePageNumbers?: boolean | 'auto';
}

/** Paragraphs and table rows up to which `'auto'` works out the table of contents' page numbers. */
export const ESTIMATE_LIMIT = 150;

/** Writes a document as DOCX. */
export async function renderDocx(doc: Doc, options: DocxOptions = {}): Promise<Buffer> {
  const writer = new DocxWriter(doc);
  const body = writer.body();
  const choice = options.estimatePageNumbers ?? 'auto';
  const estimate = choice === 'auto' ? size(doc.blocks) <= ESTIMATE_LIMIT : choice;
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
    sections: [
      {
        properties: {
          page: {
            size: {
              width: A4_TWIPS.width,
              height: A4_TWIPS.height,
              orientation: doc.options.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
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
        ...(doc.options.marking ? { headers: { default: new Header({ children: [markingParagraph(doc.options.marking)] }) } } : {}),
        ...(footer(doc).length ? { footers: { default: new Footer({ children: footer(doc) }) } } : {}),
        children: body,
      },
    ],
  });
  const zipped = await Packer.toBuffer(document);
  return normaliseZip(zipped, documentDate(doc));
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

  constructor(private readonly doc: Doc) {
    this.anchors = headingAnchors(doc.blocks);
  }

  body(): Array<Paragraph | Table | TableOfContents> {
    const out: Array<Paragraph | Table | TableOfContents> = [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(this.doc.meta.title)] }),
    ];
    if (this.doc.meta.subtitle) out.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(this.doc.meta.subtitle)] }));
    if (this.doc.options.toc) {
      out.push(new Paragraph({ style: 'TOCHeading', children: [new TextRun('Contents')] }));
      out.push(new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }));
      out.push(new Paragraph({ children: [new PageBreak()] }));
    }
    out.push(...this.blocks(this.doc.blocks, 0));
    return out;
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
      case 'pageBreak':
        return [new Paragraph({ children: [new PageBreak()] })];
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
    const total = twips(textWidth(this.doc));
    const widths = columnFractions(table.columns, count).map((f) => Math.floor(f * total));
    const border = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.rule };
    const row = (r: ModelRow, header: boolean): TableRow =>
      new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: Array.from({ length: count }, (_, i) => {
          const c = r.cells[i] ?? { children: [] };
          const emphasis = !header && (r.emphasis || c.emphasis);
          const fill = header ? COLOURS.headerFill : emphasis ? COLOURS.keyFill : undefined;
          return new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            margins: { top: 40, bottom: 40, left: 80, right: 80 },
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
      rows: [...table.header.map((r) => row(r, true)), ...table.rows.map((r) => row(r, false))],
    });
  }

  private image(image: ImageBlock): ImageRun {
    const size = imageSize(image, textWidth(this.doc));
    // docx sizes pictures in pixels at 96 to the inch.
    const transformation = { width: Math.round((size.width * 96) / 72), height: Math.round((size.height * 96) / 72) };
    const altText = { name: image.alt.slice(0, 60), description: image.alt, title: image.alt.slice(0, 60) };
    if (image.svg !== undefined) {
      // The fallback is drawn at twice the printed size, so it stays sharp when printed.
      const fallback = image.png ?? svgToPng(image.svg, transformation.width * 2);
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
function normaliseZip(zipped: Uint8Array, date: Date | undefined): Buffer {
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
  const entries: Zippable = {};
  for (const path of Object.keys(files).sort((a, b) => rank(a) - rank(b))) entries[path] = [files[path]!, { mtime }];
  return Buffer.from(zipSync(entries, { level: 6 }));
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
