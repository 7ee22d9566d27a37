/**
 * report/recommendation-ids: each recommendation in the overview report's Recommendations section
 * is a list item starting with its id in bold, numbered R1, R2, R3… without gaps or repeats.
 */
import { defineRule } from '../../lint/rule.js';
import { recommendationItems } from './recommendations.js';

export const recommendationIds = defineRule(
  {
    id: 'report/recommendation-ids',
    tag: 'report',
    severity: 'error',
    description: 'recommendation ids missing, duplicated or not sequential',
  },
  (ctx) => {
    const doc = ctx.review.overviewReport;
    const items = recommendationItems(doc);
    if (!doc || !items) return; // no Recommendations section: report/required-section says so
    const first = new Map<number, number>();
    let expected = 1;
    for (const r of items) {
      if (r.number === undefined) {
        ctx.report(doc.file, r.span,
          `this recommendation does not start with its id in bold: begin the list item with **R${expected}** so that actions and the executive summary can refer to it`);
        expected++;
        continue;
      }
      const span = r.idSpan ?? r.span;
      const dup = first.get(r.number);
      if (dup !== undefined) {
        ctx.report(doc.file, span,
          `${r.id} is used twice (first on line ${dup}): give each recommendation its own id, numbered R1, R2, R3… in order`);
        expected++; // it still takes a place in the list (a copied id usually stands for the next one)
        continue;
      }
      first.set(r.number, span.line);
      if (r.number !== expected) {
        ctx.report(doc.file, span,
          `${r.id} is out of sequence: R${expected} was expected here; number the recommendations R1, R2, R3… in order, without gaps`);
      }
      expected = r.number + 1;
    }
  },
);
