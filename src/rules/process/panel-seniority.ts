/**
 * process/panel-seniority: panel members are senior enough to commit their agency, and do not
 * line-manage staff involved in the case (protocol §3.1a).
 */
import { defineRule } from '../../lint/rule.js';

export const panelSeniority = defineRule(
  {
    id: 'process/panel-seniority',
    tag: 'process',
    severity: 'warning',
    description: 'panel member not senior, or manages involved staff',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta || !Array.isArray(meta.panel)) return;
    meta.panel.forEach((m, i) => {
      if (!m || typeof m !== 'object') return;
      // named by position, not by role: a role is typed text and can hold a person's name
      const who = `Panel member ${i + 1}`;
      if (m.senior === false) {
        ctx.report(doc.file, doc.spanOf(['panel', i, 'senior']),
          `${who} is not recorded as senior. Panel members must be senior enough to commit their agency to the panel's `
          + 'decisions: ask the agency to nominate a more senior representative.');
      }
      if (m.manages_involved_staff === true) {
        ctx.report(doc.file, doc.spanOf(['panel', i, 'manages_involved_staff']),
          `${who} line-manages staff involved in the case. Panel members must be independent of the line management of `
          + 'involved staff: ask the agency to nominate someone else.');
      }
    });
  },
);
