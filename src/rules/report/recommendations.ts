/**
 * The recommendations of a report: the list items of its `Recommendations` section, each
 * starting with its id in bold (`- **R3** (local) The police should …`), with positions.
 * Used by the report/* and smart/* rules and by the document builder.
 */
import type { List, ListItem, Root, Strong } from 'mdast';
import type { MarkdownDoc, Review, Span } from '../../review/model.js';
import { findSection, plainText, type Section } from './sections.js';

export interface RecommendationItem {
  /** `R3`, when the item starts with a bold id; undefined when it does not. */
  id?: string;
  /** The id's number (3 for `R3`). */
  number?: number;
  /** The bold id (`**R3**`), when there is one. */
  idSpan?: Span;
  /** The whole list item, from its marker. */
  span: Span;
  /** The item's text after the id, whitespace-normalised (the whole item's text when it has no id). */
  text: string;
  item: ListItem;
}

/** A recommendation with an id (what the builder and the action plan refer to). */
export interface Recommendation extends RecommendationItem {
  id: string;
  number: number;
}

const NO_SPAN: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export function spanOfNode(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } } | undefined): Span {
  const p = node?.position;
  if (!p) return NO_SPAN;
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

const ID = /^R\s?(\d+)(?!\d)\s*[.:)–-]?\s*/;

/** Whitespace-normalised text, as recommendations are compared. */
export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function parseItem(item: ListItem): RecommendationItem {
  const span = spanOfNode(item);
  const first = item.children[0];
  const lead = first && first.type === 'paragraph' ? first.children[0] : undefined;
  if (lead && lead.type === 'strong') {
    const strongText = plainText(lead as Strong).trim();
    const m = ID.exec(strongText);
    if (m) {
      const rest = strongText.slice(m[0].length);
      const afterStrong = [
        plainText({ type: 'paragraph', children: (first as { children: unknown[] }).children.slice(1) }),
        ...item.children.slice(1).map(plainText),
      ].join(' ');
      return {
        id: `R${Number(m[1])}`,
        number: Number(m[1]),
        idSpan: spanOfNode(lead),
        span,
        text: normaliseSpace(`${rest} ${afterStrong}`),
        item,
      };
    }
  }
  return { span, text: normaliseSpace(plainText(item)), item };
}

/** The recommendation items of a section: the items of its top-level lists, in order. */
export function recommendationItemsIn(tree: Root, section: Section): RecommendationItem[] {
  const out: RecommendationItem[] = [];
  for (let i = section.index + 1; i < section.end; i++) {
    const n = tree.children[i];
    if (n.type === 'list') for (const item of (n as List).children) out.push(parseItem(item));
  }
  return out;
}

/** The `Recommendations` section of a report (level 1 or 2), if it has one. */
export function recommendationsSection(tree: Root): Section | undefined {
  return findSection(tree, ['Recommendations']);
}

/**
 * The recommendation items of a report's Recommendations section; undefined when the report has
 * no such section.
 */
export function recommendationItems(doc: MarkdownDoc | undefined): RecommendationItem[] | undefined {
  if (!doc) return undefined;
  const section = recommendationsSection(doc.tree);
  return section ? recommendationItemsIn(doc.tree, section) : undefined;
}

/** The overview report's recommendations that carry an id, in document order. */
export function overviewRecommendations(review: Review): Recommendation[] {
  return (recommendationItems(review.overviewReport) ?? []).filter((r): r is Recommendation => r.id !== undefined);
}
