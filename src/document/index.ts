/**
 * The document layer: one model, and writers that know nothing of where a document came from.
 * Reports compose a `Doc` (by hand or from Markdown) and hand it to `renderDocx`, `renderPdf` or
 * `renderHtml`.
 */
export * from './model.js';
export { markdownToBlocks, mdastToBlocks, parseMarkdown, type MarkdownOptions } from './markdown.js';
export { renderDocx, type DocxOptions } from './docx.js';
export { renderPdf } from './pdf.js';
export { renderHtml, type HtmlOptions } from './html.js';
export { svgToPng } from './raster.js';
export { renderMarkdown, type MarkdownWriterOptions } from './markdown-writer.js';
export { escapeMarkdownCell, escapeXml, escapeXmlText } from './escape.js';
