/**
 * process/publication: a review is published only after Home Office QA clearance (protocol
 * §4.1, §4.3) and concluded only once its action plan is fully implemented (protocol §4.4).
 */
import { defineRule } from '../../lint/rule.js';
import { isVocabulary, showEnum } from '../../review/safe.js';
import { actionName } from '../smart/actions.js';
import { compareDates, isoDate } from '../../dates/index.js';
import { text } from './review-yml.js';

const CLOSED = new Set(['complete', 'dropped']);

export const publication = defineRule(
  {
    id: 'process/publication',
    tag: 'process',
    severity: 'error',
    description: 'published before QA clearance, or concluded with open actions',
    // Not skipped for learning reviews: only the QA checks are (a learning review does not go
    // to the Home Office, protocol §5.5), the action plan must still be complete to conclude.
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const dates = meta.dates && typeof meta.dates === 'object' ? meta.dates : {};
    const status = meta.status;

    if (meta.type !== 'learning-review') {
      const published = isoDate(dates.published);
      const cleared = isoDate(dates.qa_cleared);
      if (published && !cleared) {
        ctx.report(doc.file, doc.spanOf(['dates', 'published']),
          'The review is recorded as published, but no Home Office QA clearance date is recorded. Publish only after '
          + 'the Quality Assurance panel has cleared the report, and record that date in dates.qa_cleared.');
      } else if (published && cleared && compareDates(published, cleared) < 0) {
        ctx.report(doc.file, doc.spanOf(['dates', 'published']),
          `The review was published on ${published}, before Home Office QA clearance on ${cleared}. A review may be `
          + 'published only after clearance: check both dates.');
      } else if (!published && !cleared && (status === 'published' || status === 'concluded')) {
        ctx.report(doc.file, doc.spanOf(['status']),
          `The status is ${showEnum(status, 'published or concluded')}, but no Home Office QA clearance date is recorded. Record the date of clearance in `
          + 'dates.qa_cleared (and the publication date in dates.published).');
      }
    }

    const concluded = status === 'concluded' || text(dates.concluded) !== undefined;
    const plan = ctx.review.actionPlan;
    if (!concluded || !plan) return;
    const where = status === 'concluded' ? 'status is "concluded"' : 'a conclusion date is recorded';
    for (const row of plan.rows) {
      const cell = row.cells.status;
      const value = cell?.value.trim().toLowerCase() ?? '';
      if (CLOSED.has(value)) continue;
      const span = cell ?? { line: row.line, column: 1, endLine: row.line, endColumn: 1 };
      const state = value ? (isVocabulary(value) ? `is "${value}"` : 'has a status that is not one of the schema\'s') : 'has no status';
      ctx.report(plan.file, span,
        `The review is concluded (${where}) but ${actionName(row)} ${state}. A review is concluded only when every `
        + 'action is complete (or dropped with a reason) and the CSP has audited the plan.');
    }
  },
);
