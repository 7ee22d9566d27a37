/** The overview report's recommendations: list items that start with a bold id, `**R3** …`. */
import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { Review } from '../review/model.js';
import { toString } from './mdast-text.js';

export interface Recommendation {
  id: string;
  /** The recommendation's text after the id, whitespace-normalised. */
  text: string;
  item: ListItem;
}

function headingText(n: RootContent): string | undefined {
  return n.type === 'heading' ? toString(n).replace(/^[\d.\s]+/, '').trim().toLowerCase() : undefined;
}

/** Recommendations from the `Recommendations` section (or the whole document when there is none). */
export function recommendationsIn(tree: Root): Recommendation[] {
  const kids = tree.children;
  let start = kids.findIndex((n) => headingText(n) === 'recommendations');
  let end = kids.length;
  if (start >= 0) {
    const level = (kids[start] as { depth: number }).depth;
    for (let i = start + 1; i < kids.length; i++) {
      const k = kids[i];
      if (k.type === 'heading' && k.depth <= level) {
        end = i;
        break;
      }
    }
  } else start = -1;
  const out: Recommendation[] = [];
  const visit = (list: List) => {
    for (const item of list.children) {
      const p = item.children[0] as Paragraph | undefined;
      const first = p?.type === 'paragraph' ? p.children[0] : undefined;
      if (first?.type === 'strong') {
        const id = toString(first).trim();
        if (/^R\d+$/.test(id)) {
          const all = toString(p!).trim();
          out.push({ id, text: all.slice(all.indexOf(id) + id.length).replace(/\s+/g, ' ').trim(), item });
        }
      }
      for (const c of item.children) if (c.type === 'list') visit(c);
    }
  };
  for (let i = start + 1; i < end; i++) {
    const k = kids[i];
    if (k.type === 'list') visit(k);
  }
  return out;
}

export function overviewRecommendations(review: Review): Recommendation[] {
  return review.overviewReport ? recommendationsIn(review.overviewReport.tree) : [];
}
