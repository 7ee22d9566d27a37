/**
 * report/recommendations-match: the executive summary repeats the overview report's
 * recommendations word for word (compared after whitespace normalisation).
 */
import { defineRule } from '../../lint/rule.js';
import type { Span } from '../../review/model.js';
import { recommendationItems, recommendationsSection, spanOfNode, type RecommendationItem } from './recommendations.js';

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** 1-based number of the first word where two texts differ. */
export function firstDifferentWord(a: string, b: string): number {
  const x = a.split(' ');
  const y = b.split(' ');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}

export const recommendationsMatch = defineRule(
  {
    id: 'report/recommendations-match',
    tag: 'report',
    severity: 'error',
    description: 'executive summary recommendations not word for word those of the overview report',
  },
  (ctx) => {
    const { overviewReport, executiveSummary } = ctx.review;
    if (!overviewReport || !executiveSummary) return;
    const overview = (recommendationItems(overviewReport) ?? []).filter((r) => r.id !== undefined);
    if (overview.length === 0) return; // nothing to repeat (report/recommendation-ids covers the report)
    const byId = new Map<string, RecommendationItem>();
    for (const r of overview) if (!byId.has(r.id!)) byId.set(r.id!, r);

    const file = executiveSummary.file;
    const section = recommendationsSection(executiveSummary.tree);
    if (!section) {
      ctx.report(file, START,
        `the executive summary has no Recommendations section: add one repeating the overview report's ${byId.size} recommendations word for word`);
      return;
    }
    const items = recommendationItems(executiveSummary) ?? [];
    const seen = new Set<string>();
    for (const r of items) {
      if (!r.id) {
        ctx.report(file, r.span,
          'this recommendation has no id in bold (e.g. **R1**), so it cannot be matched to the overview report: start it with the id of the recommendation it repeats');
        continue;
      }
      const span = r.idSpan ?? r.span;
      if (seen.has(r.id)) {
        ctx.report(file, span, `${r.id} appears twice in the executive summary: list each recommendation of the overview report once`);
        continue;
      }
      seen.add(r.id);
      const source = byId.get(r.id);
      if (!source) {
        ctx.report(file, span,
          `${r.id} is not a recommendation of the overview report: the executive summary must list exactly the report's recommendations; remove it or correct its id`, r.text);
        continue;
      }
      if (source.text !== r.text) {
        ctx.report(file, span,
          `${r.id} is not word for word the same as ${r.id} in the overview report (they differ from word ${firstDifferentWord(source.text, r.text)}): copy the text from the overview report`,
          r.text);
      }
    }
    // recommendations the summary leaves out: at the item after which each belongs
    const order = [...byId.keys()];
    for (const [k, id] of order.entries()) {
      if (seen.has(id)) continue;
      let at: Span | undefined;
      for (let j = k - 1; j >= 0 && !at; j--) {
        const prev = items.find((r) => r.id === order[j]);
        if (prev) at = prev.idSpan ?? prev.span;
      }
      ctx.report(file, at ?? spanOfNode(section.heading),
        `${id} of the overview report is missing from the executive summary: add it, word for word, ${at ? 'after this recommendation' : 'under this heading'}`);
    }
  },
);
