/** chronology/duplicate: the same event reported twice, within one chronology or across agencies. */
import { defineRule, type RuleContext } from '../../lint/rule.js';
import { masterOf } from '../../chronology/merge.js';
import { findDuplicates, type Duplicate } from '../../chronology/duplicates.js';
import { startDuplicates } from '../../chronology/duplicates-offload.js';
import type { Review } from '../../review/model.js';
import { isSafeId, isSafeRef } from '../../review/safe.js';

export const duplicateRule = defineRule(
  {
    id: 'chronology/duplicate',
    tag: 'chronology',
    severity: 'warning',
    description: 'the same event reported twice (within or across agencies)',
  },
  (ctx) => {
    const take = started.get(ctx.review);
    started.delete(ctx.review);
    const duplicates = take && take.threshold === threshold(ctx) ? take.take() : findDuplicates(masterOf(ctx.review).rows, threshold(ctx));
    for (const d of duplicates) {
      const cell = d.row.row.cells.event ?? d.row.row.cells.date;
      const span = cell ?? { line: d.row.row.line, column: 1, endLine: d.row.row.line, endColumn: 1 };
      const pct = Math.floor(d.similarity * 100);
      // the agency (a file name) and the row id are printed only when they are plain codes
      const same = d.first.agency === d.row.agency;
      const agencyShown = isSafeId(d.first.agency, ctx.guard);
      const where = same ? 'earlier in this chronology' : agencyShown ? `in the ${d.first.agency} chronology` : 'in another agency\'s chronology';
      const firstId = d.first.id;
      const first = agencyShown && isSafeRef(firstId, ctx.guard) ? `${d.first.agency}#${firstId}` : `the row on line ${d.first.row.line}`;
      ctx.report(d.row.file, span,
        `This looks like the same event as ${first} ${where} (same date, same people, ${pct}% of the words the same): `
        + 'keep one entry, or reword them to show how the two contacts differ.');
    }
  },
  // a large chronology's search starts on another thread while the other rules run
  (ctx) => {
    if (!started.has(ctx.review)) started.set(ctx.review, { threshold: threshold(ctx), take: startDuplicates(masterOf(ctx.review).rows, threshold(ctx)) });
  },
);

const threshold = (ctx: RuleContext): number => ctx.config.chronology?.duplicate_similarity ?? 0.85;

/** Searches started by prepare(), taken by check(). */
const started = new WeakMap<Review, { threshold: number; take: () => Duplicate[] }>();
