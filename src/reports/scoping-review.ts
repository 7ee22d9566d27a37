/**
 * The scoping review (`scoping-review.md`): an early record of learning, proposed in the Home
 * Office's 2024 draft revised guidance. Optional: built only when the review folder has one.
 */
import { createDoc, type Doc } from '../document/model.js';
import { bodyBlocks, coverBlocks, marking, reviewTitle, type BuildContext } from './common.js';

export function scopingReview(ctx: BuildContext): Doc | undefined {
  const doc = ctx.review.scopingReview;
  if (!doc) return undefined;
  return createDoc(
    { title: reviewTitle(ctx), subtitle: 'Scoping review' },
    [...coverBlocks(ctx, 'Scoping review'), ...bodyBlocks(doc)],
    { toc: false, marking: marking(ctx) },
  );
}
