/**
 * The overview report: a cover page of its own, the contents, then the chair's report in the Home
 * Office template's section order — sections and paragraphs numbered, recommendations as a table,
 * the family's statement where the report puts it, a glossary of the acronyms it uses, and the
 * timeline on landscape pages of its own after the Chronology section.
 */
import { createDoc, pageBreak, paragraph, type Block, type Doc } from '../document/model.js';
import {
  bodyBlocks, coverLines, findSection, marking, numberBlocks, numbered, placeFamilyStatement, placeGlossary,
  recommendationsTable, reviewTitle, watermark, type BuildContext,
} from './common.js';

export function overviewReport(ctx: BuildContext): Doc {
  const source = ctx.review.overviewReport;
  let blocks = recommendationsTable(bodyBlocks(source, ctx), source, ctx);
  const family = placeFamilyStatement(blocks, ctx);
  const glossary = placeGlossary(family.blocks, ctx);
  blocks = glossary.blocks;
  if (numbered(ctx)) blocks = numberBlocks(blocks, new Set([...family.added, ...glossary.added]));
  blocks = withTimeline(blocks, ctx);
  return createDoc({ title: `${reviewTitle(ctx)}: Overview Report`, subtitle: 'Overview Report', language: 'en-GB' }, blocks, {
    toc: true, marking: marking(ctx), watermark: watermark(ctx), cover: coverLines(ctx, 'Overview Report', source),
  });
}

/** The timeline pages, landscape, after the Chronology section (or at the end when there is none). */
function withTimeline(blocks: Block[], ctx: BuildContext): Block[] {
  const pages = ctx.timelinePages ?? (ctx.timelineSvg ? [{ svg: ctx.timelineSvg, alt: `Timeline of agency contact, ${ctx.review.id}`, width: 728 }] : []);
  if (!pages.length) return blocks;
  const figure: Block[] = [];
  pages.forEach((p, i) => {
    figure.push(pageBreak('landscape'));
    if (i === 0) figure.push(paragraph(`Figure 1: timeline of agency contact${pages.length > 1 ? `, in ${pages.length} parts` : ''}.`));
    figure.push({ type: 'image', svg: p.svg, width: p.width, alt: p.alt });
  });
  figure.push(pageBreak('portrait'));
  const section = findSection(blocks, (t) => t === 'chronology');
  if (!section) return [...blocks, ...figure];
  const note = paragraph(`The timeline of agency contact follows on ${pages.length > 1 ? 'landscape pages of its own' : 'a landscape page of its own'}.`);
  return [...blocks.slice(0, section.end), note, ...figure, ...blocks.slice(section.end)];
}
