/**
 * report/imr-recommendations: every single-agency recommendation of an IMR is brought into the
 * overview report's recommendations or the action plan, so that none is lost between the agency's
 * review and the review's own plan.
 */
import type { Root, RootContent } from 'mdast';
import { defineRule } from '../../lint/rule.js';
import type { Review } from '../../review/model.js';
import { isRecommendationsHeading, recommendationItems } from '../../review/recommendations.js';
import { plainText, stem, topSections } from '../../review/sections.js';

/** Words too common in recommendations to tell two apart. */
const COMMON = new Set(('a an the and or of to in on for by with from at as be is are was were this that these those its their it '
  + 'should must will would could can may all any every each ensure ensures ensuring make sure review panel agency agencies '
  + 'domestic abuse staff practice where when which who so such than then there other also including include within into '
  + 'local national regional recommendation recommendations recommend recommends consider').split(' '));

/** The distinctive words of a text, stemmed. */
export function distinctiveWords(text: string): Set<string> {
  const words = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter((w) => w.length > 1 && !COMMON.has(w)).map(stem));
}

/** How much of `part` is in `whole`: the share of part's distinctive words that whole has. */
export function coverage(part: Set<string>, whole: Set<string>): number {
  if (part.size === 0) return 0;
  let n = 0;
  for (const w of part) if (whole.has(w)) n++;
  return n / part.size;
}

/** A recommendation counts as brought in when a passage has at least this share of its distinctive words. */
export const COVERAGE = 0.5;

/** Text blocks under recommendation headings (appendices of single-agency recommendations included). */
function recommendationPassages(tree: Root): string[] {
  const out: string[] = [];
  for (const s of topSections(tree, 6)) {
    if (!isRecommendationsHeading(s.text) && !/recommendation/i.test(s.text)) continue;
    for (let i = s.index + 1; i < s.end; i++) blocks(tree.children[i], out);
  }
  return out;
}

function blocks(n: RootContent, out: string[]): void {
  if (n.type === 'list') for (const item of n.children) out.push(plainText(item));
  else if (n.type === 'table') for (const row of n.children.slice(1)) out.push(plainText(row));
  else if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'blockquote') out.push(plainText(n));
}

/** Everything an IMR recommendation may be brought into: the report's recommendations and the plan's actions. */
export function destinations(review: Review): Set<string>[] {
  const texts: string[] = [];
  for (const r of recommendationItems(review.overviewReport) ?? []) texts.push(r.text);
  if (review.overviewReport) texts.push(...recommendationPassages(review.overviewReport.tree));
  for (const row of review.actionPlan?.rows ?? []) {
    texts.push([row.cells.action?.value, row.cells.milestones?.value].filter(Boolean).join(' '));
  }
  return texts.filter(Boolean).map(distinctiveWords);
}

export const imrRecommendations = defineRule(
  {
    id: 'report/imr-recommendations',
    tag: 'report',
    severity: 'warning',
    description: "an IMR's single-agency recommendation in neither the overview report nor the action plan",
  },
  (ctx) => {
    const r = ctx.review;
    if (!r.overviewReport && !r.actionPlan) return; // nothing to bring them into yet
    const into = destinations(r);
    for (const [agency, imr] of r.imrs) {
      for (const rec of recommendationItems(imr) ?? []) {
        const words = distinctiveWords(rec.text);
        if (words.size < 2) continue; // too short to tell ("None.")
        const best = Math.max(0, ...into.map((d) => coverage(words, d)));
        if (best >= COVERAGE) continue;
        const which = rec.id ? `recommendation ${rec.id} of the ${agency} IMR` : `this recommendation of the ${agency} IMR`;
        ctx.report(imr.file, rec.idSpan ?? rec.span,
          `${which} is not in the overview report's recommendations or the action plan: bring it into the report's `
            + `recommendations (under the agency's heading, with the single-agency ones) or add an action for it to action-plan.csv`);
      }
    }
  },
);
