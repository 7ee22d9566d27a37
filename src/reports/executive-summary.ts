/** The executive summary: its own section list; recommendations word for word as the overview's. */
import { createDoc, type Doc } from '../document/model.js';
import { bodyBlocks, coverBlocks, marking, reviewTitle, type BuildContext } from './common.js';

export function executiveSummary(ctx: BuildContext): Doc {
  return createDoc(
    { title: reviewTitle(ctx), subtitle: 'Executive summary' },
    [...coverBlocks(ctx, 'Executive summary'), ...bodyBlocks(ctx.review.executiveSummary)],
    { toc: true, marking: marking(ctx) },
  );
}
