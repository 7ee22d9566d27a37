/** What the report modules share: the cover, the marking, Markdown bodies with citations. */
import type { Root } from 'mdast';
import type { MarkdownDoc, Review } from '../review/model.js';
import type { Profile } from '../lint/profile.js';
import type { PrintGuard } from '../review/safe.js';
import { mdastToBlocks } from '../document/markdown.js';
import { paragraph, strong, type Block } from '../document/model.js';

export interface BuildContext {
  review: Review;
  profile: Profile;
  /** Draft builds carry the profile's protective marking on every page; final builds do not. */
  draft: boolean;
  /** The timeline picture (SVG), embedded in the overview report's Chronology section. */
  timelineSvg?: string;
  /** What a document may print of ids and codes (src/review/safe.ts). */
  guard: PrintGuard;
}

export function marking(ctx: BuildContext): string | undefined {
  const t = ctx.draft ? ctx.profile.marking.draft : ctx.profile.marking.final;
  return t ? t : undefined;
}

export function reviewTitle(ctx: BuildContext): string {
  const m = ctx.review.meta?.data;
  const kind = m?.type === 'learning-review' ? 'Domestic Abuse Learning Review' : ctx.profile.document_title;
  return `${kind} ${ctx.review.id}`;
}

/** Cover lines under the title: CSP, status, and "draft" when it is one. */
export function coverBlocks(ctx: BuildContext, what: string): Block[] {
  const m = ctx.review.meta?.data;
  const csp = ctx.profile.csps.find((c) => c.id === m?.csp)?.name ?? m?.csp ?? '';
  void what;
  const out: Block[] = [];
  if (csp) out.push(paragraph(`Commissioned by ${csp}`));
  if (m?.chair?.name) out.push(paragraph(`Independent chair and author: ${m.chair.name}`));
  if (ctx.draft) out.push(paragraph(strong('Draft'), ' — not for publication'));
  return out;
}

const CITATION = /\[\[chronology:([a-z0-9-]+)#([A-Za-z0-9._-]+)\]\]/g;

/** Replaces `[[chronology:police#12]]` citations with a readable reference, "(chronology police#12)". */
function resolveCitations(tree: Root): Root {
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    if (node.type === 'text' && typeof node.value === 'string' && node.value.includes('[[chronology:')) {
      node.value = node.value.replace(CITATION, (_m, a: string, id: string) => `(chronology ${a}#${id})`);
    }
    for (const c of (node.children ?? []) as Array<typeof node>) walk(c);
  };
  const copy = structuredClone(tree);
  walk(copy as unknown as { type: string; children: unknown[] });
  return copy;
}

/**
 * A Markdown document as blocks. The first level-1 heading (the document's own title) is dropped:
 * the cover carries the title. Remaining headings keep their level.
 */
export function bodyBlocks(doc: MarkdownDoc | undefined): Block[] {
  if (!doc) return [];
  const tree = resolveCitations(doc.tree);
  const first = tree.children.findIndex((n) => n.type === 'heading');
  if (first >= 0 && (tree.children[first] as { depth: number }).depth === 1) {
    const h1s = tree.children.filter((n) => n.type === 'heading' && (n as { depth: number }).depth === 1).length;
    if (h1s === 1) {
      tree.children.splice(first, 1);
      // the sections are level-2 in the source; make them level 1 in the document
      return mdastToBlocks(tree, { headingOffset: -1 });
    }
  }
  return mdastToBlocks(tree);
}
