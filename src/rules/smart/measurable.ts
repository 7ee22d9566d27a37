/** smart/measurable: a success measure that is missing, or that nothing could count or check. */
import { defineRule } from '../../lint/rule.js';
import { cellTextSpan, cellTrimmedSpan } from '../cell-span.js';
import { actionName, cellOrRow, eachAction } from './actions.js';
import { findPhrases, phraseList } from './phrases.js';

/**
 * What makes a measure checkable: a number, a percentage, a date or period, a countable quantity,
 * or a named piece of evidence (an audit, report, record, minutes…). Matched as whole words, any case.
 */
const STRONG: RegExp[] = [
  /\d/,
  /%|\bper\s?cent\b|\bpercentage\b|\bproportion\b|\brates?\b|\bnumber\s+of\b|\bcount(?:ed|s)?\b/i,
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|half)\b/i,
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|quarter(?:ly|s)?|annual(?:ly)?|monthly|weekly|yearly)\b/i,
  /\b(?:audit\w*|report\w*|record\w*|regist\w*|logs?|logged|dashboards?|data|survey\w*|sampl\w*|minutes|evaluat\w*|inspect\w*|statistics|figures|kpis?|baselines?|targets?|attendance|certificat\w*|returns|questionnaires?)\b/i,
];

/**
 * Weaker signs: a whole population ("all call handlers trained"), a verifiable state ("protocol
 * signed", "pathway in place", "policy updated") or a change in something countable ("reduction in
 * repeat referrals"). Enough on their own, but not next to a vague measure phrase ("all staff
 * aware of the pathway").
 */
const WEAK: RegExp[] = [
  /\b(?:all|every|each|both|none)\b/i,
  /\b(?:published|signed|approved|adopted|issued|circulated|sent|received|completed|in\s+place|live|agreed|ratified|updated|amended|revised|delivered|trained|launched|introduced|established|implemented|produced|rolled\s+out)\b/i,
  /\b(?:increase[sd]?|reduc(?:ed?|tion)|decrease[sd]?|rise|fall)\s+(?:in|of)\b/i,
];

export function hasEvidence(text: string, strongOnly = false): boolean {
  return STRONG.some((re) => re.test(text)) || (!strongOnly && WEAK.some((re) => re.test(text)));
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}/%]+/gu, ' ').trim();
}

const HOW = 'say what evidence will show success (a number, percentage or date, or an audit, report or record), '
  + 'e.g. "audit of 20 cases shows 90% compliance"';

export const measurable = defineRule(
  {
    id: 'smart/measurable',
    tag: 'smart',
    severity: 'error',
    description: 'missing or vague success_measure',
  },
  (ctx) => {
    const vague = phraseList(ctx.profile.vague_measures);
    const file = ctx.review.actionPlan?.file;
    eachAction(ctx, 'success_measure', 'action-plan.csv has no "success_measure" column: add it, with a measurable success measure for every action', (row, cell) => {
      const text = cell?.value.trim() ?? '';
      if (!cell || text === '') {
        ctx.report(file!, cellOrRow(row, cell), `${actionName(row)} has no success measure: ${HOW}`);
        return;
      }
      const exact = vague.find((v) => normalise(v) === normalise(text));
      if (exact) {
        ctx.report(file!, cellTrimmedSpan(cell), `the success measure of ${actionName(row)} ("${exact.toLowerCase()}") is not a measure: ${HOW}`);
        return;
      }
      const hit = findPhrases(cell.value, vague)[0];
      if (hasEvidence(text, hit !== undefined)) return;
      const span = hit ? cellTextSpan(cell, hit.start, hit.end) : cellTrimmedSpan(cell);
      const why = hit ? ` ("${hit.phrase.toLowerCase()}" cannot be counted)` : '';
      ctx.report(file!, span, `the success measure of ${actionName(row)} is vague${why}: ${HOW}`, text);
    });
  },
);
