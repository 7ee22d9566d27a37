/** chronology/duplicate: the same event reported twice, within one chronology or across agencies. */
import { defineRule } from '../../lint/rule.js';
import { masterOf } from '../../chronology/merge.js';
import { findDuplicates } from '../../chronology/duplicates.js';

export const duplicateRule = defineRule(
  {
    id: 'chronology/duplicate',
    tag: 'chronology',
    severity: 'warning',
    description: 'the same event reported twice (within or across agencies)',
  },
  (ctx) => {
    const threshold = ctx.config.chronology?.duplicate_similarity ?? 0.85;
    for (const d of findDuplicates(masterOf(ctx.review).rows, threshold)) {
      const cell = d.row.row.cells.event ?? d.row.row.cells.date;
      const span = cell ?? { line: d.row.row.line, column: 1, endLine: d.row.row.line, endColumn: 1 };
      const pct = Math.floor(d.similarity * 100);
      const where = d.first.agency === d.row.agency ? 'earlier in this chronology' : `in the ${d.first.agency} chronology`;
      ctx.report(d.row.file, span,
        `This looks like the same event as ${d.first.ref} ${where} (same date, same people, ${pct}% of the words the same): `
        + 'keep one entry, or reword them to show how the two contacts differ.');
    }
  },
);
