/** `anon/binary-file` — see binary-file.md. */
import { defineRule } from '../../lint/rule.js';
import { reviewInventory } from './text.js';

const START = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export const binaryFile = defineRule({
  id: 'anon/binary-file',
  tag: 'anon',
  severity: 'warning',
  description: 'an image or other binary file in the review: the anonymisation rules cannot read it',
}, (ctx) => {
  for (const u of reviewInventory(ctx.review).unchecked) {
    if (u.kind !== 'binary') continue;
    ctx.report(u.rel, START, `${u.reason}: dhr cannot check it for real names or identifiers (a genogram, a scanned letter or a photograph may show them); check it by hand`);
  }
});
