/**
 * report/equality-characteristics: the overview report's equality and diversity section considers
 * each of the nine protected characteristics of the Equality Act 2010 (a recurring Home Office QA
 * panel point: equality analysis too thin).
 */
import type { Heading, RootContent } from 'mdast';
import { defineRule } from '../../lint/rule.js';

/** The nine protected characteristics (Equality Act 2010 s.4) and words that show each was considered. */
export const CHARACTERISTICS: ReadonlyArray<[string, RegExp]> = [
  ['age', /\bage[ds]?\b|\bageing\b|\b(?:older|younger|elderly)\b/i],
  ['disability', /disab|impairment|long[- ]term (?:health )?condition/i],
  ['gender reassignment', /gender reassignment|transgender|\btrans\b|gender identity/i],
  ['marriage and civil partnership', /marri|civil partner/i],
  ['pregnancy and maternity', /pregnan|maternity/i],
  ['race', /\brac(?:e|ial|ism)\b|ethnic|nationality|\bcolou?r\b/i],
  ['religion or belief', /religio|\bbelief|\bfaith/i],
  ['sex', /\bsex\b|\bgender\b|\bwom[ae]n\b|\bm[ae]n\b|\bfemale\b|\bmale\b/i],
  ['sexual orientation', /sexual orientation|sexuality|lesbian|\bgay\b|bisexual|heterosexual/i],
];

const EQUALITY = /equalit|diversit/i;

function text(node: unknown): string {
  const n = node as { value?: unknown; children?: unknown[] };
  if (typeof n.value === 'string') return n.value;
  return Array.isArray(n.children) ? n.children.map(text).join(' ') : '';
}

export const equalityCharacteristics = defineRule(
  {
    id: 'report/equality-characteristics',
    tag: 'report',
    severity: 'warning',
    description: 'the equality and diversity section does not consider each of the nine protected characteristics',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.overviewReport;
    if (!doc) return;
    const nodes = doc.tree.children;
    const i = nodes.findIndex((n) => n.type === 'heading' && EQUALITY.test(text(n)));
    if (i < 0) return; // a missing section is report/required-section's finding
    const depth = (nodes[i] as Heading).depth;
    const body: RootContent[] = [];
    for (let j = i + 1; j < nodes.length; j++) {
      const n = nodes[j];
      if (n.type === 'heading' && n.depth <= depth) break;
      body.push(n);
    }
    const said = body.map(text).join('\n');
    const missing = CHARACTERISTICS.filter(([, re]) => !re.test(said)).map(([name]) => name);
    if (!missing.length) return;
    const p = nodes[i].position!.start;
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    ctx.report(doc.file, { line: p.line, column: p.column, endLine: p.line, endColumn: p.column },
      `The equality and diversity section does not say whether ${list} ${missing.length === 1 ? 'was' : 'were'} considered `
      + `(${9 - missing.length} of the 9 protected characteristics are addressed). Say for each whether it was relevant, and why.`);
  },
);
