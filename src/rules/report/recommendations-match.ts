/**
 * report/recommendations-match: the executive summary repeats the overview report's
 * recommendations word for word (compared after evening out spaces, quotes, dashes and trailing
 * punctuation), matched by their labels (`R3`, `Recommendation 3`, `4.1.12`, `(c)`).
 */
import { defineRule } from '../../lint/rule.js';
import type { Span } from '../../review/model.js';
import {
  comparableText, firstDifference, recommendationItems, recommendationsSection, spanOfNode, type RecommendationItem,
} from '../../review/recommendations.js';

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** 1-based number of the first word where two texts differ (words past the end of one count as different). */
export function firstDifferentWord(a: string, b: string): number {
  return firstDifference(a, b) ?? Math.max(comparableText(a).split(' ').length, comparableText(b).split(' ').length) + 1;
}

/** A few words from word `at` (1-based), for the finding's value: never the whole recommendation. */
function wordsFrom(text: string, at: number, n = 4): string {
  const w = comparableText(text).split(' ');
  const part = w.slice(at - 1, at - 1 + n).join(' ');
  return part ? `${at > 1 ? '…' : ''}${part}${at - 1 + n < w.length ? '…' : ''}` : '(end)';
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
    const overview = (recommendationItems(overviewReport) ?? []).filter((r) => r.key !== undefined);
    if (overview.length === 0) return; // nothing to repeat (report/recommendation-ids covers the report)
    const byKey = new Map<string, RecommendationItem>();
    for (const r of overview) if (!byKey.has(r.key!)) byKey.set(r.key!, r);
    const byText = new Map<string, RecommendationItem>();
    for (const r of overview) if (!byText.has(comparableText(r.text))) byText.set(comparableText(r.text), r);

    const file = executiveSummary.file;
    const section = recommendationsSection(executiveSummary.tree);
    if (!section) {
      ctx.report(file, START,
        `the executive summary has no Recommendations section: add one repeating the overview report's ${byKey.size} recommendations word for word`);
      return;
    }
    const items = recommendationItems(executiveSummary) ?? [];
    if (items.length === 0) {
      ctx.report(file, spanOfNode(section.heading),
        `the executive summary's Recommendations section lists none: repeat the overview report's ${byKey.size} recommendations here, word for word`);
      return;
    }
    const seen = new Set<string>();
    /** Where each overview recommendation is repeated in the summary. */
    const at = new Map<string, Span>();
    for (const r of items) {
      const span = r.idSpan ?? r.span;
      // a summary that labels its recommendations differently still matches by its words
      const sameText = byText.get(comparableText(r.text));
      const source = (r.key !== undefined ? byKey.get(r.key) : undefined) ?? sameText;
      if (!source) {
        if (r.key === undefined) {
          ctx.report(file, r.span,
            'this recommendation has no number or label and is not word for word any recommendation of the overview report: start it with the label of the recommendation it repeats, and copy its text');
        } else {
          ctx.report(file, span,
            `${r.id} is not a recommendation of the overview report: the executive summary must list exactly the report's recommendations; remove it or correct its label`, r.text);
        }
        continue;
      }
      if (seen.has(source.key!)) {
        ctx.report(file, span, `${source.id} appears twice in the executive summary: list each recommendation of the overview report once`);
        continue;
      }
      seen.add(source.key!);
      at.set(source.key!, span);
      const diff = firstDifference(source.text, r.text);
      if (diff !== undefined) {
        const label = r.id ?? source.id;
        ctx.report(file, span,
          `${label} is not word for word the same as ${source.id} in the overview report (they differ from word ${diff}): copy the text from the overview report`,
          `overview report: "${wordsFrom(source.text, diff)}"; executive summary: "${wordsFrom(r.text, diff)}"`);
      }
    }
    // recommendations the summary leaves out: at the item after which each belongs
    const order = [...byKey.keys()];
    for (const [k, key] of order.entries()) {
      if (seen.has(key)) continue;
      let where: Span | undefined;
      for (let j = k - 1; j >= 0 && !where; j--) where = at.get(order[j]);
      ctx.report(file, where ?? spanOfNode(section.heading),
        `${byKey.get(key)!.id} of the overview report is missing from the executive summary: add it, word for word, ${where ? 'after this recommendation' : 'under this heading'}`);
    }
  },
);
