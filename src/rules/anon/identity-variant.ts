/** `anon/identity-variant` — see identity-variant.md. */
import { relPath } from '../../review/source.js';
import { defineRule } from '../../lint/rule.js';
import { matcherFor } from './matcher.js';
import { identityMatches, identityPathMatches, whereIn } from './identity.js';
import { namesAllowedAt, reviewTexts, spanAt } from './text.js';

const START = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export const identityVariant = defineRule({
  id: 'anon/identity-variant',
  tag: 'anon',
  severity: 'warning',
  description: 'a registered person\'s given name, or a common short form of it ("Kate" for Katherine), appears alone',
}, (ctx) => {
  if (!ctx.identities || !Array.isArray(ctx.identities.people) || ctx.identities.people.length === 0) return;
  const matcher = matcherFor(ctx.identities);
  for (const tf of reviewTexts(ctx.review)) {
    for (const m of identityMatches(tf.file, matcher)) {
      // a declared chair, panel member or author who shares a given name is not the subject
      if (m.entry.kind !== 'variant' || namesAllowedAt(tf, m.start, m.end)) continue;
      const who = m.entry.pseudonym;
      ctx.report(tf.file, spanAt(tf.file, m.start, m.end),
        `given name of ${who}, or a short form of it, found: if it means ${who}, use the pseudonym "${who}"; if it is someone else, disable this line with the reason${whereIn(tf.kind)}`,
        tf.file.text.slice(m.start, m.end));
    }
  }
  for (const { entry, match } of identityPathMatches(ctx.review, matcher)) {
    if (match.entry.kind !== 'variant') continue;
    ctx.report(relPath(entry.abs), START,
      `the name of this ${entry.dir ? 'folder' : 'file'} holds the given name of ${match.entry.pseudonym} or a short form of it: rename it (git mv); its name is not printed`, entry.name);
  }
});
