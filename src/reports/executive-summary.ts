/**
 * The executive summary: a cover page, the contents, its own section list numbered as the
 * overview report is, the recommendations (word for word as the overview's) as a table, and a
 * glossary of the acronyms it uses.
 */
import { createDoc, type Doc } from '../document/model.js';
import {
  bodyBlocks, coverLines, marking, numberBlocks, numbered, placeGlossary, recommendationsTable, reviewTitle, watermark,
  type BuildContext,
} from './common.js';

export function executiveSummary(ctx: BuildContext): Doc {
  const source = ctx.review.executiveSummary;
  const glossary = placeGlossary(recommendationsTable(bodyBlocks(source, ctx), source, ctx), ctx);
  const blocks = numbered(ctx) ? numberBlocks(glossary.blocks, new Set(glossary.added)) : glossary.blocks;
  return createDoc({ title: `${reviewTitle(ctx)}: Executive Summary`, subtitle: 'Executive Summary', language: 'en-GB' }, blocks, {
    toc: true, marking: marking(ctx), watermark: watermark(ctx), cover: coverLines(ctx, 'Executive Summary', source),
  });
}
