/** `anon/unreadable-file` — see unreadable-file.md. */
import { relPath } from '../../review/source.js';
import { defineRule } from '../../lint/rule.js';
import { MAX_ENTRIES, reviewInventory } from './text.js';

const START = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export const unreadableFile = defineRule({
  id: 'anon/unreadable-file',
  tag: 'anon',
  severity: 'error',
  description: 'a document in the review (Word, Excel, OpenDocument, PDF, archive…) whose text cannot be read, so it was not checked for names',
}, (ctx) => {
  const inv = reviewInventory(ctx.review);
  for (const u of inv.unchecked) {
    if (u.kind !== 'unreadable') continue;
    ctx.report(u.rel, START, `this file was not checked for real names or identifiers: ${u.reason}. Check it by hand, or keep a text copy (Markdown) in the review instead`);
  }
  if (inv.truncated) {
    ctx.report(relPath(ctx.review.dir), START, `the review folder holds more than ${MAX_ENTRIES} files and folders: the rest were not checked for real names`);
  }
});
