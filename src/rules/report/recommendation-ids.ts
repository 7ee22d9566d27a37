/**
 * report/recommendation-ids: each recommendation of the overview report carries its own label
 * (`R3`, `Recommendation 3:`, `3.`, `(c)`, `4.1.12`, a table's number column), no label is used
 * twice, and plain numbering runs 1, 2, 3… without gaps (restarting under each agency heading is
 * fine).
 */
import { defineRule } from '../../lint/rule.js';
import { recommendationItems } from '../../review/recommendations.js';

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
    const first = new Map<string, number>();
    let expected = 1;
    let group: string | undefined;
    let rStyle = true;
    for (const r of items) {
      if (r.group !== group) {
        group = r.group;
        if (r.number === 1) expected = 1; // numbering that restarts under each agency heading
      }
      if (r.key === undefined || r.id === undefined) {
        const next = rStyle ? `**R${expected}**` : `"${expected}."`;
        ctx.report(doc.file, r.span,
          `this recommendation has no number or label: start it with one (e.g. ${next}, "Recommendation ${expected}:") so that actions and the executive summary can refer to it`);
        expected++;
        continue;
      }
      const span = r.idSpan ?? r.span;
      const dup = first.get(r.key);
      if (dup !== undefined) {
        ctx.report(doc.file, span,
          `${r.id} is used twice (first on line ${dup}): give each recommendation its own label`);
        expected++; // it still takes a place in the list (a copied id usually stands for the next one)
        continue;
      }
      first.set(r.key, span.line);
      if (r.number === undefined || r.implicit) {
        if (r.number !== undefined) expected = r.number + 1;
        continue; // letters, decimals and a list's own numbering need no sequence check
      }
      rStyle = r.id.startsWith('R');
      if (r.number !== expected) {
        const want = rStyle ? `R${expected}` : String(expected);
        ctx.report(doc.file, span,
          `${r.id} is out of sequence: ${want} was expected here; number the recommendations 1, 2, 3… in order, without gaps`);
      }
      expected = r.number + 1;
    }
  },
);
