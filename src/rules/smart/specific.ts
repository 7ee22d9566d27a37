/** smart/specific: vague wording in an action ("raise awareness", "consider", "explore", …). */
import { defineRule } from '../../lint/rule.js';
import { cellTextSpan } from '../cell-span.js';
import { actionName, eachAction } from './actions.js';
import { findPhrases, phraseList } from './phrases.js';

export const specific = defineRule(
  {
    id: 'smart/specific',
    tag: 'smart',
    severity: 'warning',
    description: 'vague action wording ("raise awareness", "consider", "explore", …)',
  },
  (ctx) => {
    const phrases = phraseList(ctx.profile.vague_phrases, ctx.config.vague_phrases);
    if (phrases.length === 0) return;
    // a missing "action" column is reported by schema/action (the column is required)
    eachAction(ctx, 'action', undefined, (row, cell) => {
      if (!cell) return;
      for (const m of findPhrases(cell.value, phrases, true)) {
        ctx.report(
          ctx.review.actionPlan!.file,
          cellTextSpan(cell, m.start, m.end),
          `"${m.phrase.toLowerCase()}" is vague wording in ${actionName(row)}: say what will actually be done, `
            + 'to what and for whom, so that it can be checked (e.g. "issue a written procedure to all call handlers")',
        );
      }
    });
  },
);
