/**
 * The DOCX writer (the `docx` package).
 *
 * docx-writer.ts turns the document model into `docx`'s objects, with Word's own styles carrying
 * the structure; large tables are written from row templates (docx-fast-table.ts); and the
 * package is normalised and zipped so that the output is byte-identical for the same document
 * (docx-zip.ts): fixed entry dates, and the core properties get the document's date (or none).
 */
import { Document, Footer, Header, Packer, type PageNumberEstimator } from 'docx';
import type { Block, Doc } from './model.js';
import { documentDate } from './shared.js';
import { DocxWriter, footer, header, pageProperties, styles } from './docx-writer.js';
import { documentChunks, spliceFastTables } from './docx-fast-table.js';
import { DOCUMENT_PART, normaliseParts, zipParts, zipPartsStreaming } from './docx-zip.js';

export { FAST_TABLE_ROWS } from './docx-fast-table.js';

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
  const pieces = await renderDocxPieces(doc, options);
  return pieces.length === 1 && Buffer.isBuffer(pieces[0]) ? pieces[0] : Buffer.concat(pieces);
}

/** `renderDocx` in pieces, to be written one after another: a document with a large table is never copied whole. */
export async function renderDocxPieces(doc: Doc, options: DocxOptions = {}): Promise<Uint8Array[]> {
  const choice = options.estimatePageNumbers ?? 'auto';
  const estimate = choice === 'auto' ? size(doc.blocks) <= ESTIMATE_LIMIT : choice;
  // page numbers are worked out from docx's objects, which hold only sample rows of a fast table
  const writer = new DocxWriter(doc, (options.fastTables ?? true) && !estimate);
  const body = writer.body();
  const headerParagraphs = header(doc);
  const footerParagraphs = footer(doc);
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
    // without its `listNumbers` (the list numbers of numbered headings, read from a second pass over
    // the document): this writer's headings are never list items, so that pass would find none
    ...(doc.options.toc && estimate ? { pageNumbers: withoutListNumbers((await import('docx/layout')).estimatePageNumbers) } : {}),
    // a page break that turns the page starts a new section with that orientation
    sections: writer.sections(body).map(({ orientation, children }) => ({
      properties: { page: pageProperties(orientation) },
      // An empty header or footer part is left out altogether (the page-number layout rejects one).
      ...(headerParagraphs.length ? { headers: { default: new Header({ children: header(doc) }) } } : {}),
      ...(footerParagraphs.length ? { footers: { default: new Footer({ children: footer(doc) }) } } : {}),
      children,
    })),
  });
  const parts = normaliseParts(await packageParts(document), documentDate(doc));
  if (!writer.fastTables.length) return [zipParts(parts)];
  const xml = parts.files[DOCUMENT_PART];
  const pieces = xml && spliceFastTables(Buffer.from(xml).toString('utf8'), writer.fastTables);
  // a fast table whose rows could not be found again (text that looks like a marker): write it the slow way
  if (!pieces) return renderDocxPieces(doc, { ...options, fastTables: false });
  return zipPartsStreaming(parts, DOCUMENT_PART, documentChunks(pieces));
}

/**
 * The files of the package `docx` would zip, by path in order, taken from its compiler (zipping
 * them and unzipping them again cost more than writing the XML); from its zip instead if a version
 * of `docx` no longer has the compiler where 9.x keeps it.
 */
async function packageParts(document: Document): Promise<Map<string, string | Uint8Array> | Buffer> {
  const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => unknown } }).compiler;
  if (typeof compiler?.compile === 'function') {
    const files = compiler.compile(document);
    if (files instanceof Map) return files as Map<string, string | Uint8Array>;
  }
  return Packer.toBuffer(document);
}

/** The page-number estimator alone, without the list-number reader attached to it. */
function withoutListNumbers(estimate: PageNumberEstimator): PageNumberEstimator {
  return (body, context) => estimate(body, context);
}

/** Paragraphs and table rows, roughly what the page layout costs. */
function size(blocks: readonly Block[]): number {
  let n = 0;
  for (const block of blocks) {
    if (block.type === 'table') n += block.header.length + block.rows.length;
    else if (block.type === 'list') n += block.items.reduce((sum, item) => sum + size(item), 0);
    else if (block.type === 'blockquote' || block.type === 'section') n += size(block.children);
    else n += 1;
  }
  return n;
}
