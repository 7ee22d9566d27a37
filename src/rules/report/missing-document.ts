/**
 * report/missing-document: a review whose status says it has gone to the Home Office (`submitted`
 * or later, or with a submission date) has its overview report and executive summary.
 */
import { defineRule } from '../../lint/rule.js';
import { isSubmittedOrLater, locate, text } from '../process/review-yml.js';

export const missingDocument = defineRule(
  {
    id: 'report/missing-document',
    tag: 'report',
    severity: 'error',
    description: 'a submitted review without its overview report or executive summary',
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const submitted = isSubmittedOrLater(meta.status);
    if (!submitted && !text(meta.dates?.submitted)) return;
    const span = submitted ? locate(doc, ['status']) : locate(doc, ['dates', 'submitted']);
    const why = submitted ? `the review's status is "${meta.status}"` : 'the review has a submission date';
    const wanted: Array<[string, boolean]> = [['overview-report.md', !ctx.review.overviewReport]];
    // a learning review (protocol §5) writes no executive summary
    if (meta.type !== 'learning-review') wanted.push(['executive-summary.md', !ctx.review.executiveSummary]);
    for (const [file, missing] of wanted) {
      if (!missing) continue;
      ctx.report(doc.file, span,
        `${why}, but there is no ${file}: the overview report, executive summary and action plan go to the Home Office together (protocol §4.1); add ${file} to the review folder, or correct the status`);
    }
  },
);
