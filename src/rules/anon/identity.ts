/** `anon/identity` — see identity.md. */
import { defineRule } from '../../lint/rule.js';
import { matcherFor } from './matcher.js';
import { namesAllowedAt, reviewTexts, spanAt } from './text.js';

export const identity = defineRule({
  id: 'anon/identity',
  tag: 'anon',
  severity: 'error',
  description: 'a registered real name or identifier appears anywhere (case, possessive, diacritics and line-wrap insensitive)',
}, (ctx) => {
  if (!ctx.identities || !Array.isArray(ctx.identities.people) || ctx.identities.people.length === 0) return;
  const matcher = matcherFor(ctx.identities);
  for (const tf of reviewTexts(ctx.review)) {
    for (const m of matcher.find(tf.file.text)) {
      const isName = m.entry.kind !== 'identifier';
      // chair and panel names, IMR authors: real names are allowed there (identifiers are not)
      if (isName && namesAllowedAt(tf, m.start, m.end)) continue;
      const who = m.entry.pseudonym;
      const message = isName
        ? `real name of ${who} found: replace it with the pseudonym "${who}" (dhr redact can do this)`
        : `identifier of ${who} found (${m.entry.placeholder.replace(/^\[|\]$/g, '')}): remove it (dhr redact replaces it with ${m.entry.placeholder})`;
      ctx.report(tf.file, spanAt(tf.file, m.start, m.end), message, tf.file.text.slice(m.start, m.end));
    }
  }
});
