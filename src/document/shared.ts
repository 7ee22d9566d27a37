/**
 * What the writers share: the page geometry, the document's date, anchors for headings, sizes of
 * pictures and table column widths. Internal to src/document (not re-exported by index.ts).
 */
import type { Attr, Block, Doc, ImageBlock, TableColumn, Tone } from './model.js';
import { cell, lineBreak, plainText, row, strong, toned } from './model.js';

/** A4 in points, and the margins every writer uses (2 cm; header and footer 1 cm from the edge). */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 56.69;
export const HEADER_DISTANCE = 28.35;

export function pageSize(doc: Doc): { width: number; height: number } {
  return doc.options.orientation === 'landscape' ? { width: A4.height, height: A4.width } : { ...A4 };
}

/** Width available to text, in points. */
export function textWidth(doc: Doc): number {
  return pageSize(doc).width - 2 * MARGIN;
}

export function language(doc: Doc): string {
  return doc.meta.language ?? 'en-GB';
}

/**
 * The date to write into the document's metadata: `meta.date`, else `SOURCE_DATE_EPOCH` (seconds
 * since 1970, the reproducible-builds convention), else none.
 */
export function documentDate(doc: Doc, env: NodeJS.ProcessEnv = process.env): Date | undefined {
  if (doc.meta.date) return doc.meta.date;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return undefined;
}

/** When a format needs some date and the document has none: the first date a zip file can hold. */
export const PLACEHOLDER_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/**
 * A unique anchor for every heading, in document order: its own `id`, or one made from its text.
 * The ids are valid as HTML ids and PDF destination names, and as Word bookmark names once `-` is
 * written `_` (a letter first, at most 40 characters). An `id` that is not is made valid. They
 * never hold `_`, so ids the writers make for themselves (`note_1`) cannot clash with them.
 */
export function headingAnchors(blocks: readonly Block[]): Map<Block, string> {
  const anchors = new Map<Block, string>();
  // the ids sections give themselves are taken first, wherever they stand
  const used = new Set<string>(sectionIds(blocks));
  const visit = (list: readonly Block[]): void => {
    for (const block of list) {
      if (block.type === 'section') visit(block.children);
      else if (block.type === 'heading') {
        const base = block.id !== undefined && /^[A-Za-z][A-Za-z0-9-]{0,35}$/.test(block.id) ? block.id : slug(block.id ?? plainText(block.children));
        let id = base;
        for (let n = 2; used.has(id); n++) id = `${base.slice(0, 36)}-${n}`;
        used.add(id);
        anchors.set(block, id);
      } else if (block.type === 'blockquote') visit(block.children);
      else if (block.type === 'list') block.items.forEach(visit);
    }
  };
  visit(blocks);
  return anchors;
}

function sectionIds(blocks: readonly Block[], out: string[] = []): string[] {
  for (const b of blocks) {
    if (b.type !== 'section') continue;
    const id = cleanAttr(b.attr).id;
    if (id) out.push(id);
    sectionIds(b.children, out);
  }
  return out;
}

function slug(value: string): string {
  const s = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return /^[a-z]/.test(s) ? s : `h-${s || 'section'}`;
}

/** Column widths as fractions that add up to 1. */
export function columnFractions(columns: readonly TableColumn[] | undefined, count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => {
    const w = columns?.[i]?.width;
    return w !== undefined && w > 0 ? w : 1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

/** Number of columns of a table: the widest row. */
export function columnCount(table: Extract<Block, { type: 'table' }>): number {
  // a loop, not Math.max(...rows): a 200,000-row table is more arguments than a call can take
  let n = Math.max(1, table.columns?.length ?? 0);
  for (const r of table.header) n = Math.max(n, r.cells.length);
  for (const r of table.rows) n = Math.max(n, r.cells.length);
  return n;
}

/** The printed size of a picture in points: its width clamped to `maxWidth`, its own proportions. */
export function imageSize(image: ImageBlock, maxWidth: number): { width: number; height: number } {
  const natural = image.svg !== undefined ? svgSize(image.svg) : image.png ? pngSize(image.png) : undefined;
  const ratio = natural && natural.width > 0 ? natural.height / natural.width : 0.75;
  let width = Math.max(1, image.width);
  let height = image.height ?? width * ratio;
  if (width > maxWidth) {
    height = (height * maxWidth) / width;
    width = maxWidth;
  }
  return { width: round2(width), height: round2(height) };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Intrinsic size of an SVG from its viewBox, else its width/height attributes. */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const tag = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!tag) return undefined;
  const attr = (name: string): string | undefined =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
  const viewBox = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0) {
    return { width: viewBox[2]!, height: viewBox[3]! };
  }
  const w = parseFloat(attr('width') ?? '');
  const h = parseFloat(attr('height') ?? '');
  return Number.isFinite(w) && Number.isFinite(h) && w > 0 && h > 0 ? { width: w, height: h } : undefined;
}

/** Pixel size of a PNG, from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  if (png.length < 24 || png[0] !== 0x89 || png[1] !== 0x50) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * For each row of a table body, the columns whose cell is covered by a cell above with a `rowSpan`
 * (placeholders the writers skip). Spans are clamped to the rows there are.
 */
export function coveredCells(rows: ReadonlyArray<{ cells: ReadonlyArray<{ rowSpan?: number }> }>): Array<Set<number>> {
  const left = new Map<number, number>();
  return rows.map((r) => {
    const covered = new Set<number>();
    for (const [col, n] of [...left]) {
      covered.add(col);
      if (n <= 1) left.delete(col);
      else left.set(col, n - 1);
    }
    r.cells.forEach((c, col) => {
      if (!covered.has(col) && c.rowSpan && c.rowSpan > 1) left.set(col, c.rowSpan - 1);
    });
    return covered;
  });
}

/** The text width of a page of the given orientation. */
export function textWidthFor(orientation: 'portrait' | 'landscape'): number {
  return (orientation === 'landscape' ? A4.height : A4.width) - 2 * MARGIN;
}

/** How many rows a cell really spans (its `rowSpan`, clamped to the rows left). */
export function spanOf(rowSpan: number | undefined, rowIndex: number, rowCount: number): number {
  return Math.max(1, Math.min(rowSpan ?? 1, rowCount - rowIndex));
}

/** A name fit for an id, a class or a data-* key: a letter, then letters, digits, `-` or `_`. */
export function isPlainName(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(value);
}

/** A colour as `#rrggbb`. */
export function isColour(value: string): boolean {
  return /^#[0-9A-Fa-f]{6}$/.test(value);
}

/** An Attr with what is not a plain name left out (data keys lower-cased, as HTML reads them). */
export function cleanAttr(attr: Attr | undefined): { id?: string; classes: string[]; data: Array<[string, string]> } {
  const id = attr?.id !== undefined && isPlainName(attr.id) ? attr.id : undefined;
  return {
    ...(id ? { id } : {}),
    classes: (attr?.classes ?? []).filter(isPlainName),
    data: Object.entries(attr?.data ?? {})
      .filter(([k]) => isPlainName(k))
      .map(([k, v]) => [k.toLowerCase(), String(v)]),
  };
}

/** One of the tones (a document read from JSON could hold any string there). */
export function isTone(value: unknown): value is Tone {
  return typeof value === 'string' && Object.hasOwn(TONES, value);
}

/** The colour of text in a tone, and the shade of a row in a tone (`#rrggbb`). */
export const TONES: Record<Tone, { ink: string; shade: string }> = {
  good: { ink: '#1a7f5a', shade: '#eaf5ef' },
  alert: { ink: '#b42318', shade: '#fdf1f0' },
  warn: { ink: '#8a5a00', shade: '#fff8e5' },
  muted: { ink: '#5b6775', shade: '#f3f5f7' },
};

/** Key figures as a table, for the writers that draw no cards: a column per figure, its value in bold over its note. */
export function keyFiguresTable(block: Extract<Block, { type: 'keyFigures' }>): Extract<Block, { type: 'table' }> {
  return {
    type: 'table',
    header: [row(block.items.map((f) => f.label))],
    rows: [
      row(block.items.map((f) => {
        const value = isTone(f.tone) ? toned(f.tone, strong(f.value)) : strong(f.value);
        return cell(value, ...(f.note ? [lineBreak(), f.note] : []));
      })),
    ],
  };
}
