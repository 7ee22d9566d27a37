/**
 * process/qa-points: the Home Office Quality Assurance panel's outcome is recorded and every point
 * it raised is answered before publication (protocol §4.1–§4.3: publish only after clearance; the
 * panel's letter is often published with the report).
 */
import { defineRule } from '../../lint/rule.js';
import type { QaPoint } from '../../review/model.js';
import { isoDate } from '../../dates/index.js';
import { isPublishedOrLater, locate } from './review-yml.js';

export const qaPoints = defineRule(
  {
    id: 'process/qa-points',
    tag: 'process',
    severity: 'error',
    description: 'published with an unresolved QA panel point, or cleared without a letter date',
    // a learning review does not go to the Home Office QA panel (protocol §5.5)
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const qa = meta.qa && typeof meta.qa === 'object' ? meta.qa : undefined;
    const dates = meta.dates && typeof meta.dates === 'object' ? meta.dates : {};
    const published = isPublishedOrLater(meta.status) || isoDate(dates.published) !== undefined;

    if (qa?.outcome === 'cleared' || qa?.outcome === 'cleared-with-changes') {
      if (!isoDate(qa.letter_date)) {
        ctx.report(doc.file, locate(doc, ['qa', 'letter_date']),
          'The QA outcome is recorded as cleared, but not the date of the Home Office letter that says so. Record it in '
          + 'qa.letter_date (the letter is the evidence of clearance).');
      }
    }
    if (published && qa?.outcome === 'resubmit') {
      ctx.report(doc.file, locate(doc, ['qa', 'outcome']),
        'The review is published, but the last QA outcome recorded is "resubmit". Publish only after the panel has '
        + 'cleared the report: record the new outcome and letter date.');
    }
    if (!published) return;
    const points = Array.isArray(qa?.points) ? (qa!.points as QaPoint[]) : [];
    points.forEach((p, i) => {
      if (!p || typeof p !== 'object' || p.resolved === true) return;
      const span = locate(doc, ['qa', 'points', i, 'resolved']);
      ctx.report(doc.file, span,
        `QA point ${i + 1} of ${points.length} is not marked resolved, but the review is published. Answer it (qa.points[${i}].response) `
        + 'and set resolved: true once the panel has accepted the change.');
    });
  },
);
