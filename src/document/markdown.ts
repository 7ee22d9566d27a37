/**
 * The Markdown reader: an mdast tree (remark-parse + remark-gfm) into document blocks.
 *
 * Text is kept as written: `[[chronology:police#12]]` stays plain text for the caller to resolve.
 * Raw HTML (e.g. `<!-- dhr-disable-next-line … -->` comments) and front matter are dropped;
 * Markdown images are written as their alternative text (remote pictures are never fetched).
 */
import type {
  BlockContent,
  DefinitionContent,
  FootnoteDefinition,
  List,
  ListItem,
  PhrasingContent,
  Root,
  RootContent,
  Table,
} from 'mdast';
import { remarkFrontmatter, remarkGfm, remarkParse, unified } from '../vendor/markdown.js';
import type { Block, ColumnAlign, HeadingLevel, Inline, TableRow } from './model.js';

export interface MarkdownOptions {
  /** Added to every heading's depth (e.g. 1 turns `#` into a level-2 heading); the result is clamped to 1–3. */
  headingOffset?: number;
}

/** Parses Markdown (CommonMark + GFM, YAML front matter allowed) into an mdast tree. */
export function parseMarkdown(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(markdown);
}

/** Markdown text into document blocks. */
export function markdownToBlocks(markdown: string, options: MarkdownOptions = {}): Block[] {
  return mdastToBlocks(parseMarkdown(markdown), options);
}

/** An mdast tree into document blocks. */
export function mdastToBlocks(root: Root, options: MarkdownOptions = {}): Block[] {
  return new Reader(root, options).blocks(root.children);
}

type Node = RootContent | BlockContent | DefinitionContent;

class Reader {
  private readonly links = new Map<string, string>();
  private readonly footnotes = new Map<string, FootnoteDefinition>();
  /** Footnotes being read, so one that refers to itself cannot loop. */
  private readonly reading = new Set<string>();

  constructor(
    root: Root,
    private readonly options: MarkdownOptions,
  ) {
    const collect = (nodes: readonly Node[]): void => {
      for (const node of nodes) {
        if (node.type === 'definition') this.links.set(node.identifier, node.url);
        else if (node.type === 'footnoteDefinition') this.footnotes.set(node.identifier, node);
        if ('children' in node && Array.isArray(node.children) && node.type !== 'paragraph' && node.type !== 'heading') {
          collect(node.children as Node[]);
        }
      }
    };
    collect(root.children);
  }

  blocks(nodes: readonly Node[]): Block[] {
    return nodes.flatMap((node) => this.block(node));
  }

  private block(node: Node): Block[] {
    switch (node.type) {
      case 'heading': {
        const level = Math.min(3, Math.max(1, node.depth + (this.options.headingOffset ?? 0))) as HeadingLevel;
        return [{ type: 'heading', level, children: this.inlines(node.children) }];
      }
      case 'paragraph': {
        const children = trimEnd(this.inlines(node.children));
        return children.length ? [{ type: 'paragraph', children }] : [];
      }
      case 'list':
        return [this.list(node)];
      case 'blockquote':
        return [{ type: 'blockquote', children: this.blocks(node.children) }];
      case 'table':
        return [this.table(node)];
      case 'code': {
        const lines = node.value.split('\n');
        const children: Inline[] = lines.flatMap((line, i) => [
          ...(i ? [{ type: 'lineBreak' } as const] : []),
          { type: 'code', text: line } as const,
        ]);
        return [{ type: 'paragraph', children }];
      }
      case 'thematicBreak':
        return [{ type: 'thematicBreak' }];
      case 'listItem':
        return this.blocks(node.children);
      // Definitions are resolved where they are used; HTML and front matter are not content.
      case 'definition':
      case 'footnoteDefinition':
      case 'html':
      case 'yaml':
        return [];
      default:
        return [];
    }
  }

  private list(node: List): Block {
    const items = node.children.map((item: ListItem) => {
      const blocks = this.blocks(item.children);
      if (typeof item.checked === 'boolean') {
        const box: Inline = { type: 'text', text: item.checked ? '☑ ' : '☐ ' };
        const first = blocks[0];
        if (first?.type === 'paragraph') first.children = normalise([box, ...first.children]);
        else blocks.unshift({ type: 'paragraph', children: [box] });
      }
      return blocks;
    });
    const ordered = node.ordered === true;
    const start = node.start ?? 1;
    return ordered && start !== 1 ? { type: 'list', ordered, start, items } : { type: 'list', ordered, items };
  }

  private table(node: Table): Block {
    const rows: TableRow[] = node.children.map((r) => ({
      cells: r.children.map((c) => ({ children: this.inlines(c.children) })),
    }));
    const columns = (node.align ?? []).map((a) => (a ? { align: a as ColumnAlign } : {}));
    return {
      type: 'table',
      ...(columns.some((c) => c.align) ? { columns } : {}),
      header: rows.slice(0, 1),
      rows: rows.slice(1),
    };
  }

  inlines(nodes: readonly PhrasingContent[]): Inline[] {
    return normalise(nodes.flatMap((node) => this.inline(node)));
  }

  private inline(node: PhrasingContent): Inline[] {
    switch (node.type) {
      case 'text':
        // A soft line break inside a paragraph is a space; runs of spaces print as one.
        return [{ type: 'text', text: node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ') }];
      case 'strong':
        return [{ type: 'strong', children: this.inlines(node.children) }];
      case 'emphasis':
        return [{ type: 'emphasis', children: this.inlines(node.children) }];
      case 'delete':
        return this.inlines(node.children);
      case 'inlineCode':
        return [{ type: 'code', text: node.value }];
      case 'break':
        return [{ type: 'lineBreak' }];
      case 'link':
        return [{ type: 'link', url: node.url, children: this.inlines(node.children) }];
      case 'linkReference': {
        const url = this.links.get(node.identifier);
        const children = this.inlines(node.children);
        return url !== undefined ? [{ type: 'link', url, children }] : children;
      }
      case 'image':
      case 'imageReference':
        return node.alt ? [{ type: 'text', text: node.alt }] : [];
      case 'footnoteReference':
        return this.footnote(node.identifier, node.label ?? node.identifier);
      case 'html':
        return [];
      default:
        return [];
    }
  }

  private footnote(identifier: string, label: string): Inline[] {
    const definition = this.footnotes.get(identifier);
    if (!definition || this.reading.has(identifier)) return [{ type: 'text', text: `[^${label}]` }];
    this.reading.add(identifier);
    const paragraphs = this.blocks(definition.children).map(blockText);
    this.reading.delete(identifier);
    const content = paragraphs.flatMap((p, i) => (i ? [{ type: 'lineBreak' } as const, ...p] : p));
    return [{ type: 'footnoteRef', content }];
  }
}

/** A block as inlines, for footnotes, whose content is text-level. */
function blockText(block: Block): Inline[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return block.children;
    case 'list':
      return block.items.flatMap((item, i) => [
        ...(i ? [{ type: 'lineBreak' } as const] : []),
        { type: 'text', text: block.ordered ? `${(block.start ?? 1) + i}. ` : '• ' } as const,
        ...item.flatMap(blockText),
      ]);
    case 'blockquote':
      return block.children.flatMap(blockText);
    case 'table':
      return [...block.header, ...block.rows].flatMap((r, i) => [
        ...(i ? [{ type: 'lineBreak' } as const] : []),
        ...r.cells.flatMap((c, j) => [...(j ? [{ type: 'text', text: ' | ' } as const] : []), ...c.children]),
      ]);
    case 'image':
      return [{ type: 'text', text: block.alt }];
    default:
      return [];
  }
}

const collapse = (text: string): string => text.replace(/[ \t]{2,}/g, ' ');

/** Drops the spaces a paragraph ends with (e.g. before a dropped HTML comment). */
function trimEnd(inlines: Inline[]): Inline[] {
  const last = inlines[inlines.length - 1];
  if (last?.type !== 'text') return inlines;
  const text = last.text.trimEnd();
  return text ? [...inlines.slice(0, -1), { type: 'text', text }] : inlines.slice(0, -1);
}

/** Joins neighbouring text nodes and drops empty ones. */
function normalise(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    if (node.type === 'text') {
      if (!node.text) continue;
      const last = out[out.length - 1];
      if (last?.type === 'text') {
        out[out.length - 1] = { type: 'text', text: collapse(last.text + node.text) };
        continue;
      }
      out.push({ type: 'text', text: collapse(node.text) });
      continue;
    }
    out.push(node);
  }
  return out;
}
