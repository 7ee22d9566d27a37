/**
 * process/imr-quality-assured: each IMR is quality-assured by the senior manager who
 * commissioned it (protocol §3.4), recorded in its front matter.
 */
import { defineRule } from '../../lint/rule.js';
import { isSafeId } from '../../review/safe.js';
import { normaliseName, text } from './review-yml.js';

export const imrQualityAssured = defineRule(
  {
    id: 'process/imr-quality-assured',
    tag: 'process',
    severity: 'error',
    description: 'IMR without senior quality assurance',
    skipForLearningReview: true,
  },
  (ctx) => {
    for (const [agency, imr] of ctx.review.imrs) {
      const fm = imr.frontMatter;
      if (!fm || !fm.data || typeof fm.data !== 'object') continue;
      const data = fm.data;
      // the agency is the file's name: printed only when it is a plain id (the finding is in the file anyway)
      const theImr = isSafeId(agency, ctx.guard) ? `The ${agency} IMR` : 'This IMR';
      const by = text(data.quality_assured_by);
      const on = data.quality_assured_on;
      const onMissing = on === null || on === undefined || (typeof on === 'string' && on.trim() === '');
      const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
      // A missing key points at the first line of the front matter; a null value at the value.
      const at = (k: string) => (has(k) ? fm.spanOf([k]) : fm.spanOf([]));

      if (!by && onMissing) {
        ctx.report(imr.file, at('quality_assured_by'),
          `${theImr} has no record of quality assurance. It must be quality-assured by the senior manager who `
          + 'commissioned it: record their role in quality_assured_by and the date in quality_assured_on.');
        continue;
      }
      if (!by) {
        ctx.report(imr.file, at('quality_assured_by'),
          `${theImr} does not say who quality-assured it. Record the senior manager who commissioned it (their `
          + 'role) in quality_assured_by.');
      }
      if (onMissing) {
        ctx.report(imr.file, at('quality_assured_on'),
          `${theImr} does not say when it was quality-assured. Record the date in quality_assured_on.`);
      }
      const author = text(data.author);
      if (by && author && normaliseName(by) === normaliseName(author)) {
        ctx.report(imr.file, fm.spanOf(['quality_assured_by']),
          `${theImr} was quality-assured by its own author. Quality assurance must come from the senior manager `
          + 'who commissioned the IMR, not the author.', by);
      }
    }
  },
);
