/**
 * Escaping for XML and HTML — every page, picture and document part the tool writes as markup
 * (the HTML writer, and so the audit dashboard; the charts; the SVG timeline) goes through the
 * first two — and for a cell of a Markdown table (the master chronology, the GitHub job summary).
 *
 * Characters XML 1.0 cannot hold (most C0 controls, U+FFFE/U+FFFF, lone surrogate halves) are
 * dropped: HTML parsers reject them too, and a stray one would make an SVG unreadable.
 */

/** Drops the characters XML 1.0 cannot hold, keeping well-formed surrogate pairs. */
function xmlChars(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => {
      const code = c.charCodeAt(0);
      if (code <= 0xdbff) {
        const next = all.charCodeAt(i + 1);
        return next >= 0xdc00 && next <= 0xdfff ? c : '';
      }
      const prev = all.charCodeAt(i - 1);
      return prev >= 0xd800 && prev <= 0xdbff ? c : '';
    });
}

/** Text as element content (`<p>…</p>`): `&`, `<` and `>` escaped. */
export function escapeXmlText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text safe anywhere in markup, attribute values included: quotes escaped as well. */
export function escapeXml(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Text as one cell of a GFM table: no accidental formatting, no `|` ending the cell, no HTML, line breaks as `<br>`. */
export function escapeMarkdownCell(s: string): string {
  if (!MARKDOWN_SPECIAL.test(s)) return s; // most cells: one scan, no copies
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]|~])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A character escapeMarkdownCell changes. */
const MARKDOWN_SPECIAL = /[\\`*_[\]|~<>\r\n]/;
