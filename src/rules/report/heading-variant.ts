/**
 * report/heading-variant: a note where a heading was accepted as a template section only because
 * it is close to one (shared words, a typo), naming the section's title, so that the author can
 * confirm the reading or use the title.
 */
import { defineRule, type RuleContext } from '../../lint/rule.js';
import type { MarkdownDoc } from '../../review/model.js';
import { spanOfNode } from '../../review/recommendations.js';
import { matchSections, requiredSections, type DocumentKind } from '../../review/sections.js';

function checkDocument(ctx: RuleContext, doc: MarkdownDoc, kind: DocumentKind): void {
  const spec = requiredSections(kind, ctx.meta?.type, ctx.profile);
  for (const m of matchSections(doc.tree, spec.sections)) {
    if (m.match.kind !== 'close') continue;
    const names = m.match.sections.map((i) => `"${spec.sections[i].heading}"`);
    ctx.report(doc.file, spanOfNode(m.heading),
      `this heading is read as the ${spec.name} template's section ${names.join(' and ')} (a close match, not one of its known headings): `
        + `use the template's title, or add the heading to the section's variants in the profile (report_sections.variants)`,
      m.text);
  }
}

export const headingVariant = defineRule(
  {
    id: 'report/heading-variant',
    tag: 'report',
    severity: 'info',
    description: 'a heading accepted as a template section only as a close match',
  },
  (ctx) => {
    const r = ctx.review;
    if (r.overviewReport) checkDocument(ctx, r.overviewReport, 'overview-report');
    if (r.executiveSummary) checkDocument(ctx, r.executiveSummary, 'executive-summary');
    for (const imr of r.imrs.values()) checkDocument(ctx, imr, 'imr');
  },
);
