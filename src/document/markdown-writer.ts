/**
 * The Markdown writer: GitHub-flavoured Markdown (tables, footnotes), for outputs meant to be read
 * in a repository. Headings are shifted down one level (the title is the only `#`); the marking,
 * when set, is the first and last line. Page breaks and the table of contents are left to
 * whatever renders the Markdown. What Markdown cannot draw is written as its text: a chart as the
 * table of its figures, key figures as a table, toned text and badges as their words, blocks in a
 * table cell folded into the cell's line.
 */
import type { Block, Doc, ImageBlock, Inline, TableRow } from './model.js';
import { barChartTable } from './chart.js';
import { columnCount, keyFiguresTable } from './shared.js';

export interface MarkdownWriterOptions {
  /** Where a picture is to be found (e.g. a file written beside the Markdown); its alt text is printed without one. */
  imageUrl?: (image: ImageBlock, index: number) => string | undefined;
}

/** Writes a document as Markdown. */
export function renderMarkdown(doc: Doc, options: MarkdownWriterOptions = {}): string {
  const writer = new MarkdownWriter(options);
  const out: string[] = [];
  if (doc.options.marking) out.push(`**${escapeText(doc.options.marking)}**`);
  out.push(`# ${escapeText(doc.meta.title)}`);
  if (doc.meta.subtitle) out.push(`_${escapeText(doc.meta.subtitle)}_`);
  for (const b of writer.blocks(doc.blocks)) out.push(b); // not push(...): a long document has many blocks
  const notes = writer.notes.map((note, i) => `[^${i + 1}]: ${note}`);
  if (notes.length) out.push(notes.join('\n'));
  if (doc.options.marking) out.push(`**${escapeText(doc.options.marking)}**`);
  return `${out.filter((s) => s !== '').join('\n\n')}\n`;
}

class MarkdownWriter {
  readonly notes: string[] = [];
  private images = 0;

  constructor(private readonly options: MarkdownWriterOptions) {}

  blocks(blocks: readonly Block[]): string[] {
    return blocks.map((b) => this.block(b)).filter((s) => s !== '');
  }

  private block(block: Block): string {
    switch (block.type) {
      case 'heading':
        return `${'#'.repeat(block.level + 1)} ${this.inlines(block.children)}`;
      case 'paragraph':
        return this.inlines(block.children);
      case 'list':
        return block.items
          .map((item, i) => {
            const marker = block.ordered ? `${(block.start ?? 1) + i}.` : '-';
            const body = this.blocks(item).join('\n\n') || ' ';
            const pad = ' '.repeat(marker.length + 1);
            return `${marker} ${body.split('\n').join(`\n${pad}`).replace(/\n +\n/g, '\n\n')}`;
          })
          .join('\n');
      case 'blockquote':
        return this.blocks(block.children)
          .join('\n\n')
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n');
      case 'section':
        return this.blocks(block.children).join('\n\n');
      case 'table':
        return this.table(block);
      case 'keyFigures':
        return this.table(keyFiguresTable(block));
      case 'barChart':
        return `_${escapeText(block.title)}_\n\n${this.table(barChartTable(block))}`;
      case 'image': {
        const url = this.options.imageUrl?.(block, ++this.images);
        return url ? `![${escapeText(block.alt)}](${url.replace(/[()\s]/g, encodeURIComponent)})` : `_${escapeText(block.alt)}_`;
      }
      case 'thematicBreak':
        return '---';
      case 'pageBreak':
        return '';
    }
  }

  private table(table: Extract<Block, { type: 'table' }>): string {
    const count = columnCount(table);
    const row = (r: TableRow | undefined, header: boolean): string => {
      const cells = Array.from({ length: count }, (_, i) => {
        const c = r?.cells[i];
        const text = c ? [this.inlines(c.children, true), ...(c.blocks ?? []).map((b) => this.cellBlock(b))].filter(Boolean).join('<br>') : '';
        const emphasis = !header && (r?.emphasis || c?.emphasis) && text !== '';
        return emphasis ? `**${text}**` : text;
      });
      return `| ${cells.join(' | ')} |`;
    };
    const rule = Array.from({ length: count }, (_, i) => {
      const align = table.columns?.[i]?.align;
      return align === 'center' ? ':---:' : align === 'right' ? '---:' : align === 'left' ? ':---' : '---';
    });
    // GFM tables have exactly one header row: extra header rows go into the body, in bold.
    const [head, ...moreHeads] = table.header;
    return [
      row(head, true),
      `| ${rule.join(' | ')} |`,
      ...moreHeads.map((r) => row({ ...r, emphasis: true }, false)),
      ...table.rows.map((r) => row(r, false)),
    ].join('\n');
  }

  /** A block inside a table cell, on the cell's one line: paragraphs and list items parted by <br>. */
  private cellBlock(block: Block): string {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return this.inlines(block.children, true);
      case 'list':
        return block.items
          .map((item, i) => `${block.ordered ? `${(block.start ?? 1) + i}.` : '•'} ${item.map((b) => this.cellBlock(b)).filter(Boolean).join(' ')}`)
          .join('<br>');
      case 'blockquote':
      case 'section':
        return block.children.map((b) => this.cellBlock(b)).filter(Boolean).join('<br>');
      case 'image':
        return escapeText(block.alt).replace(/\|/g, '\\|');
      case 'barChart':
        return escapeText(block.title).replace(/\|/g, '\\|');
      default:
        return '';
    }
  }

  private inlines(inlines: readonly Inline[], inTable = false): string {
    return inlines.map((node) => this.inline(node, inTable)).join('');
  }

  private inline(node: Inline, inTable: boolean): string {
    switch (node.type) {
      case 'text': {
        const text = escapeText(node.text.replace(/\s*\n\s*/g, ' '));
        return inTable ? text.replace(/\|/g, '\\|') : text;
      }
      case 'code': {
        const ticks = '`'.repeat(Math.max(0, ...[...node.text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
        const code = /^`|`$/.test(node.text) ? ` ${node.text} ` : node.text;
        return `${ticks}${inTable ? code.replace(/\|/g, '\\|') : code}${ticks}`;
      }
      case 'strong':
        return `**${this.inlines(node.children, inTable)}**`;
      case 'emphasis':
        return `_${this.inlines(node.children, inTable)}_`;
      case 'lineBreak':
        return inTable ? '<br>' : '\\\n';
      case 'toned':
        return this.inlines(node.children, inTable);
      case 'badge': {
        const text = escapeText(node.text.replace(/\s*\n\s*/g, ' '));
        return inTable ? text.replace(/\|/g, '\\|') : text;
      }
      case 'link':
        return `[${this.inlines(node.children, inTable)}](<${node.url.replace(/[<>\r\n]/g, encodeURIComponent)}>)`;
      case 'footnoteRef':
        this.notes.push('');
        this.notes[this.notes.length - 1] = this.inlines(node.content).replace(/\\\n/g, '\\\n    ');
        return `[^${this.notes.length}]`;
    }
  }
}

/** Escapes what Markdown would read as markup; line-start markers are escaped by position. */
function escapeText(text: string): string {
  return text
    .replace(/([\\`*_[\]<>])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}
