/**
 * The document model: what every writer (DOCX, PDF, HTML) reads, and what every report composes.
 *
 * Like Pandoc's AST, it knows nothing of reviews: a title, some options for the printed page and
 * a list of blocks. Keep it small — a writer must handle every node — and plain data (no classes),
 * so a document can be built by hand, compared in tests and serialised.
 */

/** Text-level content. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'link'; url: string; children: Inline[] }
  | { type: 'code'; text: string }
  /** A footnote, carried where it is referenced; writers number them in document order. */
  | { type: 'footnoteRef'; content: Inline[] }
  | { type: 'lineBreak' }
  /** Text in a tone (coloured where the format can: red for `alert`, grey for `muted`…). */
  | { type: 'toned'; tone: Tone; children: Inline[] }
  /** A short label on a coloured ground, e.g. a status; colours as `#rrggbb`. */
  | { type: 'badge'; text: string; fill: string; ink: string };

/**
 * What a piece of text, a row or a box says beside its words, drawn in the writers' own colours:
 * `good` (green), `alert` (red), `warn` (amber) and `muted` (grey).
 */
export type Tone = 'good' | 'alert' | 'warn' | 'muted';

/**
 * What a block or row is, for the writers that can say so — HTML as `id`, `class` and `data-*`
 * attributes — in the manner of Pandoc's Attr; the other writers leave it out. An id, a class or a
 * key that is not a plain name (a letter, then letters, digits, `-` or `_`) is left out too.
 */
export interface Attr {
  /** An anchor, unique in the document (heading anchors keep clear of it). */
  id?: string;
  /** What the thing is, e.g. `review` (HTML classes). */
  classes?: string[];
  /** Key–value pairs, e.g. `{ action: 'A2' }` (HTML `data-action="A2"`). */
  data?: Record<string, string>;
}

export type HeadingLevel = 1 | 2 | 3;

export interface TableCell {
  children: Inline[];
  /** Printed emphasised (bold, shaded), e.g. the cell that makes a row a key event. */
  emphasis?: boolean;
  /**
   * The cell runs down this many rows (merged cells), e.g. a recommendation beside each of its
   * actions. The rows below still hold a cell in this column, as a placeholder: writers skip it.
   */
  rowSpan?: number;
  /** Blocks below the cell's text, e.g. a list. Markdown folds them into the cell's line. */
  blocks?: Block[];
}

export interface TableRow {
  cells: TableCell[];
  /** The whole row is emphasised (bold, shaded): a "key" row. */
  emphasis?: boolean;
  /** The whole row is shaded in a tone, e.g. `alert` for an overdue action. */
  tone?: Tone;
  attr?: Attr;
}

export type ColumnAlign = 'left' | 'center' | 'right';

export interface TableColumn {
  /** Relative width (weights are scaled to the text width); equal widths when absent. */
  width?: number;
  align?: ColumnAlign;
  /** Keep the column's cells from wrapping, e.g. ids and dates (HTML; the other writers wrap as they must). */
  noWrap?: boolean;
}

/** Block-level content. */
export type Block =
  | { type: 'heading'; level: HeadingLevel; children: Inline[]; /** Anchor name; derived from the text when absent. */ id?: string }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; /** First number of an ordered list (default 1). */ start?: number; items: Block[][]; attr?: Attr }
  | {
      type: 'table';
      attr?: Attr;
      columns?: TableColumn[];
      /** Repeated at the top of every page the table runs onto. */
      header: TableRow[];
      rows: TableRow[];
    }
  | ImageBlock
  | BarChartBlock
  | { type: 'keyFigures'; items: KeyFigure[] }
  | { type: 'blockquote'; children: Block[] }
  /**
   * A part of the document: its blocks, kept together as one thing. The HTML writer writes a
   * <section> (boxed as a panel at the top of a dashboard, see DocOptions.layout; in a tone, set
   * apart as a note); the others write the blocks.
   */
  | { type: 'section'; attr?: Attr; tone?: Tone; children: Block[] }
  /** A new page; with `orientation`, that page and the ones after it turn (e.g. a landscape figure). */
  | { type: 'pageBreak'; orientation?: Orientation }
  | { type: 'thematicBreak' };

/**
 * A picture. Give `svg`, `png`, or both: PDF and HTML draw the SVG when there is one; DOCX embeds
 * the SVG with a PNG fallback (the one given, else the SVG rasterised), which LibreOffice and
 * Word before 2016 show. An image with neither is an error.
 */
export interface ImageBlock {
  type: 'image';
  svg?: string;
  png?: Uint8Array;
  /** Printed width in points (1/72 inch); clamped to the text width. */
  width: number;
  /** Printed height in points; from the picture's own proportions when absent. */
  height?: number;
  /** Alternative text, for screen readers and text extraction. */
  alt: string;
}

/**
 * Horizontal bars, one per row of figures, each cut into its series' values (stacked), scaled to
 * the largest total so the bars compare; the total follows each bar, then the `flag` count as a
 * badge when it is not 0. The chart is drawn by the writers (src/document/chart.ts): HTML as
 * inline SVG, PDF and DOCX as a picture, Markdown as a table of the figures.
 */
export interface BarChartBlock {
  type: 'barChart';
  /** What the chart shows, e.g. "Status of actions by review": its accessible name and alt text. */
  title: string;
  /** The parts of each bar, in order, with their colours (`#rrggbb`). */
  series: ChartSeries[];
  bars: ChartBar[];
  /** A count shown after each bar as a badge, e.g. "2 overdue" (the key names its class: `overdue-badge`). */
  flag?: ChartSeries;
  /** Written in place of a bar whose values are all 0; default "none". */
  empty?: string;
}

export interface ChartSeries {
  /** A plain name for the part (HTML classes `seg-<key>`, `<key>-badge`). */
  key: string;
  label: string;
  fill: string;
  /** The colour of a count written on the fill. */
  ink: string;
}

export interface ChartBar {
  label: string;
  /** A second, smaller line under the label (cut short, with the whole in a tooltip). */
  sublabel?: string;
  /** One value per series, in the series' order. */
  values: number[];
  /** The count for the chart's `flag`. */
  flag?: number;
}

/** One figure of a row of key figures ("15 actions in 3 reviews"): drawn as cards in HTML, a table elsewhere. */
export interface KeyFigure {
  value: string;
  label: string;
  note?: string;
  tone?: Tone;
}

export type Orientation = 'portrait' | 'landscape';

export interface DocMeta {
  title: string;
  subtitle?: string;
  /** BCP 47 language tag; default `en-GB`. */
  language?: string;
  /**
   * The document's date, written into its metadata (PDF CreationDate, DOCX core properties, zip
   * entries). When absent, `SOURCE_DATE_EPOCH` is used when set; otherwise no date is written and
   * fixed placeholders keep the output byte-identical from run to run.
   */
  date?: Date;
}

/** One line of a cover page; `title` and `subtitle` lines use the title styles. */
export interface CoverLine {
  text: string;
  style?: 'title' | 'subtitle' | 'normal' | 'strong';
}

export interface DocOptions {
  orientation: Orientation;
  /** Protective marking printed in the header and footer of every page, e.g. "OFFICIAL-SENSITIVE — DRAFT". */
  marking?: string;
  /** A word printed faintly across every page (PDF) or in the header (DOCX), e.g. "DRAFT". */
  watermark?: string;
  /**
   * A cover page: these lines alone on page 1, in place of the title and subtitle; the contents
   * (when `toc`) and the blocks start on the next page.
   */
  cover?: CoverLine[];
  /** Print the title (and subtitle) above the blocks; false for a letter, whose title is metadata only. Default true. */
  showTitle?: boolean;
  /** A table of contents (headings of levels 1–3) after the title. */
  toc: boolean;
  /** "Page N of M" in the footer. */
  pageNumbers: boolean;
  /**
   * How the HTML writer lays out the page: `document` (default) as the printed document, or
   * `dashboard`, a page to be read on screen first — wider, on a tinted ground, with the top-level
   * sections as panels and light table rules. It prints on A4 all the same. The other writers
   * ignore it.
   */
  layout?: 'document' | 'dashboard';
}

export interface Doc {
  meta: DocMeta;
  options: DocOptions;
  blocks: Block[];
}

export const defaultOptions: DocOptions = { orientation: 'portrait', toc: false, pageNumbers: true };

/** A document with the default options, overridden by `options`. */
export function createDoc(meta: DocMeta, blocks: Block[], options: Partial<DocOptions> = {}): Doc {
  return { meta, options: { ...defaultOptions, ...options }, blocks };
}

// Small builders, so composing a document reads like the document.

type InlineLike = Inline | string;
const inl = (xs: InlineLike[]): Inline[] => xs.map((x) => (typeof x === 'string' ? text(x) : x));

export const text = (value: string): Inline => ({ type: 'text', text: value });
export const strong = (...children: InlineLike[]): Inline => ({ type: 'strong', children: inl(children) });
export const emphasis = (...children: InlineLike[]): Inline => ({ type: 'emphasis', children: inl(children) });
export const link = (url: string, ...children: InlineLike[]): Inline => ({
  type: 'link',
  url,
  children: children.length ? inl(children) : [text(url)],
});
export const code = (value: string): Inline => ({ type: 'code', text: value });
export const footnote = (...content: InlineLike[]): Inline => ({ type: 'footnoteRef', content: inl(content) });
export const lineBreak = (): Inline => ({ type: 'lineBreak' });
export const toned = (tone: Tone, ...children: InlineLike[]): Inline => ({ type: 'toned', tone, children: inl(children) });
export const badge = (value: string, fill: string, ink: string): Inline => ({ type: 'badge', text: value, fill, ink });

export const heading = (level: HeadingLevel, ...children: InlineLike[]): Block => ({
  type: 'heading',
  level,
  children: inl(children),
});
export const paragraph = (...children: InlineLike[]): Block => ({ type: 'paragraph', children: inl(children) });
export const bulletList = (items: Block[][]): Block => ({ type: 'list', ordered: false, items });
export const orderedList = (items: Block[][], start?: number): Block => ({
  type: 'list',
  ordered: true,
  items,
  ...(start !== undefined && start !== 1 ? { start } : {}),
});
export const cell = (...children: InlineLike[]): TableCell => ({ children: inl(children) });
export const row = (cells: Array<TableCell | string>, emphasis?: boolean): TableRow => ({
  cells: cells.map((c) => (typeof c === 'string' ? cell(c) : c)),
  ...(emphasis ? { emphasis } : {}),
});
export const section = (children: Block[], attr?: Attr, tone?: Tone): Block => ({
  type: 'section',
  ...(attr ? { attr } : {}),
  ...(tone ? { tone } : {}),
  children,
});
export const pageBreak = (orientation?: Orientation): Block => (orientation ? { type: 'pageBreak', orientation } : { type: 'pageBreak' });

/** The plain text of some inlines (footnotes left out), e.g. for bookmarks and alt text. */
export function plainText(inlines: readonly Inline[]): string {
  let out = '';
  for (const node of inlines) {
    switch (node.type) {
      case 'text':
      case 'code':
        out += node.text;
        break;
      case 'strong':
      case 'emphasis':
      case 'link':
      case 'toned':
        out += plainText(node.children);
        break;
      case 'badge':
        out += node.text;
        break;
      case 'lineBreak':
        out += ' ';
        break;
      case 'footnoteRef':
        break;
    }
  }
  return out;
}

export const blockquoteOf = (children: Block[]): Block => ({ type: 'blockquote', children });
