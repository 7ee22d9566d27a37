/** The overview report: the chair's full report, in the Home Office template's section order. */
import { createDoc, type Block, type Doc } from '../document/model.js';
import { bodyBlocks, coverBlocks, marking, reviewTitle, type BuildContext } from './common.js';

export function overviewReport(ctx: BuildContext): Doc {
  const body = bodyBlocks(ctx.review.overviewReport);
  const blocks: Block[] = [...coverBlocks(ctx, 'Overview report')];
  let placed = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    blocks.push(b);
    // the timeline picture goes at the start of the Chronology section
    if (!placed && ctx.timelineSvg && b.type === 'heading' && /^[\d.\s]*chronology$/i.test(plain(b))) {
      blocks.push({ type: 'image', svg: ctx.timelineSvg, width: 480, alt: `Timeline of agency contact, ${ctx.review.id}` });
      placed = true;
    }
  }
  if (ctx.timelineSvg && !placed) {
    blocks.push({ type: 'image', svg: ctx.timelineSvg, width: 480, alt: `Timeline of agency contact, ${ctx.review.id}` });
  }
  return createDoc({ title: reviewTitle(ctx), subtitle: 'Overview report' }, blocks, { toc: true, marking: marking(ctx) });
}

function plain(b: Block): string {
  if (b.type !== 'heading') return '';
  const walk = (xs: Array<{ type: string; text?: string; children?: unknown[] }>): string =>
    xs.map((x) => x.text ?? walk((x.children ?? []) as typeof xs)).join('');
  return walk(b.children as Parameters<typeof walk>[0]).trim();
}
