/**
 * process/imr-independence: an IMR is written by someone with no direct involvement in the case
 * who is not the line manager of staff involved (protocol §3.4).
 */
import { defineRule } from '../../lint/rule.js';
import { isSafeId } from '../../review/safe.js';

export const imrIndependence = defineRule(
  {
    id: 'process/imr-independence',
    tag: 'process',
    severity: 'error',
    description: 'IMR author involved in the case or manages involved staff',
    skipForLearningReview: true,
  },
  (ctx) => {
    for (const [agency, imr] of ctx.review.imrs) {
      const fm = imr.frontMatter;
      if (!fm || !fm.data || typeof fm.data !== 'object') continue;
      // the agency is the file's name: printed only when it is a plain id (the finding is in the file anyway)
      const theImr = isSafeId(agency, ctx.guard) ? `the ${agency} IMR` : 'this IMR';
      if (fm.data.author_involved_in_case === true) {
        ctx.report(imr.file, fm.spanOf(['author_involved_in_case']),
          `The author of ${theImr} was directly involved with the victim, the perpetrator or their families. `
          + 'An IMR must be written by someone with no involvement in the case: ask the agency to appoint another author.');
      }
      if (fm.data.author_manages_involved_staff === true) {
        ctx.report(imr.file, fm.spanOf(['author_manages_involved_staff']),
          `The author of ${theImr} line-manages staff involved in the case. An IMR must not be written by the `
          + 'immediate line manager of anyone involved: ask the agency to appoint another author.');
      }
    }
  },
);
