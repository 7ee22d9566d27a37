/**
 * The HTML writer: one self-contained, printable page — inline CSS, pictures as data URIs, charts
 * as inline SVG, no script and nothing fetched (a Content-Security-Policy forbids it) — for
 * previews and dashboards (DocOptions.layout). The same document gives the same bytes.
 *
 * Headings are shifted down one level (the document title is the page's only <h1>). When printed,
 * the marking and page numbers go in the page margins (CSS @page margin boxes); on screen the
 * marking is a banner at the top and bottom.
 */
import type { Attr, Block, Doc, ImageBlock, Inline, KeyFigure, TableRow, Tone } from './model.js';
import { plainText } from './model.js';
import { escapeXml, escapeXmlText } from './escape.js';
import { barChartSvg } from './chart.js';
import { TONES, cleanAttr, columnCount, columnFractions, coveredCells, headingAnchors, imageSize, isColour, isTone, language, spanOf, textWidth } from './shared.js';

/** Nothing may be fetched or run: styles are inline, pictures data URIs. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface HtmlOptions {
  /** Extra CSS appended after the built-in style sheet. */
  css?: string;
}

/** Writes a document as a complete HTML page. */
export function renderHtml(doc: Doc, options: HtmlOptions = {}): string {
  const writer = new HtmlWriter(doc);
  const body = writer.blocks(doc.blocks);
  const notes = writer.endnotes();
  const marking = doc.options.marking;
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${attr(language(doc))}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<title>${esc(doc.meta.title)}</title>`,
    `<style>${stylesheet(doc)}${options.css ?? ''}</style>`,
    '</head>',
    '<body>',
    marking ? `<div class="marking marking-top">${esc(marking)}</div>` : '',
    '<main>',
    '<header>',
    ...(doc.options.cover?.length
      ? doc.options.cover.map((l, i) => (i === 0 ? `<h1 class="title">${esc(l.text)}</h1>` : `<p class="${l.style === 'title' || l.style === 'subtitle' ? 'subtitle' : 'cover'}">${esc(l.text)}</p>`))
      : doc.options.showTitle === false ? [] : [`<h1 class="title">${esc(doc.meta.title)}</h1>`, doc.meta.subtitle ? `<p class="subtitle">${esc(doc.meta.subtitle)}</p>` : '']),
    '</header>',
    doc.options.toc ? writer.toc() : '',
    body,
    notes,
    '</main>',
    marking ? `<div class="marking marking-bottom">${esc(marking)}</div>` : '',
    '</body>',
    '</html>',
    '',
  ];
  return parts.filter((p) => p !== '').join('\n');
}

class HtmlWriter {
  private readonly anchors: Map<Block, string>;
  private readonly notes: string[] = [];
  // Ids this writer makes itself have an underscore, which heading anchors never have.

  constructor(private readonly doc: Doc) {
    this.anchors = headingAnchors(doc.blocks);
  }

  toc(): string {
    const items: string[] = [];
    let depth = 0;
    for (const [block, id] of this.anchors) {
      if (block.type !== 'heading') continue;
      // Open or close nested lists to reach the heading's level.
      while (depth < block.level) {
        items.push(depth === 0 ? '<ol>' : '<li class="toc-nest"><ol>');
        depth++;
      }
      while (depth > block.level) {
        items.push(depth === 1 ? '</ol>' : '</ol></li>');
        depth--;
      }
      items.push(`<li><a href="#${attr(id)}">${esc(plainText(block.children))}</a></li>`);
    }
    while (depth > 0) {
      items.push(depth === 1 ? '</ol>' : '</ol></li>');
      depth--;
    }
    return `<nav class="toc" aria-labelledby="toc_title"><h2 id="toc_title">Contents</h2>\n${items.join('\n')}\n</nav>`;
  }

  blocks(blocks: readonly Block[]): string {
    return blocks.map((b) => this.block(b)).join('\n');
  }

  private block(block: Block): string {
    switch (block.type) {
      case 'heading': {
        const tag = `h${block.level + 1}`;
        return `<${tag} id="${attr(this.anchors.get(block)!)}">${this.inlines(block.children)}</${tag}>`;
      }
      case 'paragraph':
        return `<p>${this.inlines(block.children)}</p>`;
      case 'list': {
        const items = block.items.map((item) => `<li>${this.item(item)}</li>`).join('\n');
        if (!block.ordered) return `<ul${attributes(block.attr)}>\n${items}\n</ul>`;
        return `<ol${attributes(block.attr)}${block.start !== undefined && block.start !== 1 ? ` start="${block.start}"` : ''}>\n${items}\n</ol>`;
      }
      case 'blockquote':
        return `<blockquote>\n${this.blocks(block.children)}\n</blockquote>`;
      case 'section':
        return `<section${attributes(block.attr, isTone(block.tone) ? ['callout', `callout-${block.tone}`] : [])}>\n${this.blocks(block.children)}\n</section>`;
      case 'table':
        return this.table(block);
      case 'image':
        return this.image(block);
      case 'barChart':
        return `<figure class="chart">${barChartSvg(block, { inline: true })}</figure>`;
      case 'keyFigures':
        return `<div class="key-figures">${block.items.map(keyFigure).join('')}</div>`;
      case 'pageBreak':
        return '<div class="page-break"></div>';
      case 'thematicBreak':
        return '<hr>';
    }
  }

  /** A list item: a lone paragraph is written without <p>, so the list stays tight. */
  private item(blocks: Block[]): string {
    if (blocks.length === 1 && blocks[0]!.type === 'paragraph') return this.inlines(blocks[0]!.children);
    return this.blocks(blocks);
  }

  private table(table: Extract<Block, { type: 'table' }>): string {
    const count = columnCount(table);
    const fractions = columnFractions(table.columns, count);
    const covered = coveredCells(table.rows);
    const row = (r: TableRow, header: boolean, index = -1): string => {
      const cells = Array.from({ length: count }, (_, i) => {
        if (!header && covered[index]?.has(i)) return '';
        const c = r.cells[i] ?? { children: [] };
        const span = header ? 1 : spanOf(c.rowSpan, index, table.rows.length);
        const tag = header ? 'th' : 'td';
        const align = table.columns?.[i]?.align;
        const classes = [align && align !== 'left' ? `align-${align}` : '', !header && c.emphasis ? 'key' : '', table.columns?.[i]?.noWrap ? 'nowrap' : '']
          .filter(Boolean)
          .join(' ');
        const blocks = !header && c.blocks?.length ? `\n${this.blocks(c.blocks)}\n` : '';
        return `<${tag}${header ? ' scope="col"' : ''}${span > 1 ? ` rowspan="${span}"` : ''}${classes ? ` class="${classes}"` : ''}>${this.inlines(c.children)}${blocks}</${tag}>`;
      });
      const classes = header ? [] : [r.emphasis ? 'key' : '', isTone(r.tone) ? `row-${r.tone}` : ''].filter(Boolean);
      return `<tr${attributes(r.attr, classes)}>${cells.join('')}</tr>`;
    };
    // a dashboard's tables are sized to their content, the widths being for the printed documents
    const cols = this.doc.options.layout === 'dashboard' ? '' : fractions.map((f) => `<col style="width:${(f * 100).toFixed(2)}%">`).join('');
    return [
      `<table${attributes(table.attr)}>`,
      cols ? `<colgroup>${cols}</colgroup>` : '',
      table.header.length ? `<thead>\n${table.header.map((r) => row(r, true)).join('\n')}\n</thead>` : '',
      `<tbody>\n${table.rows.map((r, i) => row(r, false, i)).join('\n')}\n</tbody>`,
      '</table>',
    ]
      .filter(Boolean)
      .join('\n');
  }

  private image(image: ImageBlock): string {
    const size = imageSize(image, textWidth(this.doc));
    const src =
      image.svg !== undefined
        ? `data:image/svg+xml;base64,${Buffer.from(image.svg, 'utf8').toString('base64')}`
        : image.png
          ? `data:image/png;base64,${Buffer.from(image.png).toString('base64')}`
          : undefined;
    if (!src) throw new Error(`image "${image.alt}" has neither SVG nor PNG data`);
    // Points to CSS pixels (96 to the inch); max-width keeps it inside narrow windows.
    const width = Math.round((size.width * 96) / 72);
    const height = Math.round((size.height * 96) / 72);
    return `<figure><img src="${src}" alt="${attr(image.alt)}" width="${width}" height="${height}"></figure>`;
  }

  private inlines(inlines: readonly Inline[]): string {
    return inlines.map((node) => this.inline(node)).join('');
  }

  private inline(node: Inline): string {
    switch (node.type) {
      case 'text':
        return esc(node.text);
      case 'code':
        return `<code>${esc(node.text)}</code>`;
      case 'strong':
        return `<strong>${this.inlines(node.children)}</strong>`;
      case 'emphasis':
        return `<em>${this.inlines(node.children)}</em>`;
      case 'lineBreak':
        return '<br>';
      case 'toned':
        return isTone(node.tone) ? `<span class="tone-${node.tone}">${this.inlines(node.children)}</span>` : this.inlines(node.children);
      case 'badge': {
        const colours = isColour(node.fill) && isColour(node.ink) ? ` style="background:${node.fill};color:${node.ink}"` : '';
        return `<span class="badge"${colours}>${esc(node.text)}</span>`;
      }
      case 'link':
        return safeUrl(node.url)
          ? `<a href="${attr(node.url)}">${this.inlines(node.children)}</a>`
          : this.inlines(node.children);
      case 'footnoteRef': {
        this.notes.push('');
        const n = this.notes.length;
        this.notes[n - 1] = this.inlines(node.content);
        return `<sup class="note-ref" id="note_ref_${n}"><a href="#note_${n}" aria-label="Note ${n}">${n}</a></sup>`;
      }
    }
  }

  /** The footnotes, as a numbered list of notes with links back to their references. */
  endnotes(): string {
    if (!this.notes.length) return '';
    const items = this.notes.map(
      (content, i) => `<li id="note_${i + 1}">${content} <a class="note-back" href="#note_ref_${i + 1}" aria-label="Back to the text">↩</a></li>`,
    );
    return `<section class="notes" aria-labelledby="notes_title">\n<h2 id="notes_title">Notes</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`;
  }
}

/** id, class and data-* attributes (with ` ` before each), from an Attr and classes of the writer's own. */
function attributes(a: Attr | undefined, own: string[] = []): string {
  const { id, classes, data } = cleanAttr(a);
  const all = [...own, ...classes];
  return `${id ? ` id="${attr(id)}"` : ''}${all.length ? ` class="${attr(all.join(' '))}"` : ''}${data.map(([k, v]) => ` data-${k}="${attr(v)}"`).join('')}`;
}

/** One key figure as a card: the value large, its label, then its note. */
function keyFigure(f: KeyFigure): string {
  return `<div class="key-figure${isTone(f.tone) ? ` figure-${f.tone}` : ''}"><div class="key-figure-value">${esc(f.value)}</div>`
    + `<div class="key-figure-label">${esc(f.label)}</div>${f.note ? `<div class="key-figure-note">${esc(f.note)}</div>` : ''}</div>`;
}

/** Web and mail links, and relative ones, are written as links; other schemes (javascript:…) are not. */
function safeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  return scheme === undefined || ['http', 'https', 'mailto'].includes(scheme);
}

const esc = escapeXmlText;
const attr = escapeXml;

/** A CSS string literal. */
function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\n\r\f]/g, ' ').replace(/</g, '\\3C ')}"`;
}

function stylesheet(doc: Doc): string {
  const marking = doc.options.marking;
  const dashboard = doc.options.layout === 'dashboard';
  const margin = (content: string): string => `{ content: ${content}; font: bold 9pt Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }`;
  const tones = (Object.keys(TONES) as Tone[]).map((t) => {
    const { ink, shade } = TONES[t];
    return `.tone-${t} { color: ${ink}; }\ntr.row-${t} td { background: ${shade}; }\n.callout-${t} { border-left-color: ${ink}; background: ${shade}; }\n.figure-${t} { border-top-color: ${ink}; }`;
  });
  return `
:root { --ink: #1a1a1a; --heading: #1f3864; --rule: #808080; --key: #fff2cc; --link: #0563c1; --muted: ${TONES.muted.ink}; --line: #dde3ea; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 11pt/1.45 Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: ${doc.options.orientation === 'landscape' ? '70rem' : '48rem'}; margin: 0 auto; padding: 1.5rem 1.25rem 2.5rem; }
.marking { text-align: center; font-weight: bold; font-size: 9pt; letter-spacing: .02em; padding: .35rem; background: #f2f2f2; }
.marking-top { border-bottom: 1px solid var(--rule); }
.marking-bottom { border-top: 1px solid var(--rule); }
h1, h2, h3, h4 { color: var(--heading); line-height: 1.25; break-after: avoid; page-break-after: avoid; }
h1.title { font-size: 24pt; margin: .5rem 0 .25rem; }
.subtitle { font-size: 13pt; color: #404040; margin: 0 0 1.5rem; }
h2 { font-size: 16pt; margin: 1.6rem 0 .5rem; }
h3 { font-size: 13pt; margin: 1.2rem 0 .4rem; }
h4 { font-size: 11.5pt; margin: 1rem 0 .3rem; }
h2 .tone-muted, h3 .tone-muted, h4 .tone-muted { font-weight: normal; font-size: .85em; }
p { margin: 0 0 .6rem; }
a { color: var(--link); }
code { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: .92em; }
blockquote { margin: 0 1.5rem .8rem; padding-left: .75rem; border-left: 3px solid #a0a0a0; color: #404040; font-style: italic; }
figure { margin: .4rem 0 .9rem; break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 1rem 0 1.4rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .3rem 0 1rem; font-size: 9pt; }
th, td { border: 1px solid var(--rule); padding: .2rem .35rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead { display: table-header-group; }
th { background: var(--heading); color: #fff; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.key td, td.key { background: var(--key); font-weight: bold; }
td ul, td ol { margin: .2rem 0 0; padding-left: 1.1rem; }
td li p { margin: 0; }
.align-center { text-align: center; }
.align-right { text-align: right; }
.nowrap { white-space: nowrap; }
.badge { display: inline-block; border-radius: 999px; padding: 0 .6em; font-size: .88em; font-weight: bold; white-space: nowrap; background: #e0e0e0; }
.callout { border-left: 4px solid var(--rule); border-radius: 4px; padding: .5rem .9rem; margin: 0 0 1rem; }
.callout > :last-child { margin-bottom: 0; }
.callout ul { margin: .2rem 0 0; }
.key-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .8rem; margin: .4rem 0 1.2rem; break-inside: avoid; }
.key-figure { border: 1px solid var(--line); border-top: 4px solid var(--heading); border-radius: 8px; padding: .6rem .9rem; background: #fff; }
.key-figure-value { font-size: 22pt; font-weight: bold; line-height: 1.1; }
.key-figure-label { font-weight: bold; }
.key-figure-note { color: var(--muted); font-size: .85em; }
.figure-alert .key-figure-value { color: ${TONES.alert.ink}; }
${tones.join('\n')}
.toc ol { list-style: none; padding-left: 1.2rem; margin: .1rem 0; }
.toc > ol { padding-left: 0; }
.toc li.toc-nest { list-style: none; }
.toc a { text-decoration: none; }
.note-ref a { text-decoration: none; }
.notes { font-size: 9.5pt; border-top: 1px solid var(--rule); margin-top: 2rem; }
.note-back { text-decoration: none; }
.page-break { break-after: page; page-break-after: always; }
${dashboard ? DASHBOARD_CSS : ''}@page {
  size: A4 ${doc.options.orientation};
  margin: ${dashboard ? '1.2cm' : '2cm'};
${marking ? `  @top-center ${margin(cssString(marking))}\n` : ''}${
    doc.options.pageNumbers || marking
      ? `  @bottom-center ${margin(
          [doc.options.pageNumbers ? '"Page " counter(page) " of " counter(pages)' : '', marking ? cssString(marking) : '']
            .filter(Boolean)
            .join(' "\\A" '),
        ).replace('; }', '; white-space: pre; }')}\n`
      : ''
  }}
@media print {
  body { font-size: 10.5pt; background: #fff; }
  main { max-width: none; padding: 0; }
  .marking { display: none; }
  a { color: inherit; text-decoration: none; }
}
`;
}

/**
 * The dashboard layout (DocOptions.layout): a page read on screen first — wider, on a tinted
 * ground, each top-level section a white panel, tables ruled lightly and sized to their content
 * (the columns' widths, weighed for a printed page, are left out), and an ordered list in a table
 * cell (a history) drawn as a line of dots.
 */
const DASHBOARD_CSS = `body { background: #f5f7fa; color: #1d2733; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1180px; padding: 28px 32px 48px; }
.marking { background: #fff; border-color: var(--line); }
main > header { border-bottom: 3px solid var(--heading); padding-bottom: 14px; margin-bottom: 22px; }
h1.title { font-size: 28px; margin: 0; }
.subtitle { font-size: 15px; color: var(--muted); margin: 4px 0 0; }
h2 { font-size: 19px; margin: 1.4rem 0 .75rem; }
h3 { font-size: 17px; margin: 0 0 4px; }
main > section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 0 0 20px; }
main > section > h2:first-child { margin-top: 0; }
main > section.callout { border-left-width: 4px; }
.callout { border-color: var(--line); }
table { table-layout: auto; font-size: 13.5px; margin: 0; }
th, td { border: 0; border-bottom: 1px solid var(--line); padding: 7px 8px; overflow-wrap: break-word; }
th { background: none; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; border-bottom: 2px solid var(--line); }
tr.row-alert td:first-child { box-shadow: inset 4px 0 0 ${TONES.alert.ink}; }
td .tone-alert, td .tone-warn, td .tone-muted { font-size: 12.5px; }
td ol { list-style: none; margin: 0; padding: 0 0 0 12px; border-left: 2px solid var(--line); font-size: 12.5px; }
td ol li { position: relative; margin: 0 0 4px; white-space: nowrap; }
td ol li::before { content: ""; position: absolute; left: -17px; top: 6px; width: 8px; height: 8px; border-radius: 50%; background: var(--heading); }
.badge { font-size: 12px; padding: 1px 9px; }
.key-figure { border-radius: 10px; padding: 14px 16px; }
.key-figure-value { font-size: 30px; }
.key-figure-note { font-size: 13px; }
@media print {
  main > section { border-color: #bbb; padding: 12px 14px; }
}
`;
