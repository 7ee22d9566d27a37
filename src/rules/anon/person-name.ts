/** `anon/person-name` — see person-name.md. */
import { defineRule } from '../../lint/rule.js';
import { isAllowedName, isOrdinaryWord, nameContext } from './names.js';
import { matchesOf } from './pattern-rule.js';
import { namesAllowedAt, notProseAt, spanAt } from './text.js';

export const personName = defineRule({
  id: 'anon/person-name',
  tag: 'anon',
  severity: 'warning',
  description: 'a likely personal name that is not a pseudonym, chair/panel name or allowed term',
}, (ctx) => {
  let nc: ReturnType<typeof nameContext> | undefined;
  for (const { tf, m } of matchesOf(ctx, 'person-name')) {
    const words = m.words ?? [];
    if (words.length < 2) continue;
    const titled = m.signal === 'title';
    // the word after the given name or title must look like a surname, not an ordinary word
    if (isOrdinaryWord(words[1])) continue;
    if (namesAllowedAt(tf, m.start, m.end) || notProseAt(tf, m.start, m.end)) continue;
    nc ??= nameContext(ctx);
    if (isAllowedName(nc, words, titled)) continue;
    ctx.report(tf.file, spanAt(tf.file, m.start, m.end),
      'possible personal name: use the pseudonym or the person\'s role instead; if it is not a name, add it to allowed_terms in dhr.config.yml',
      tf.file.text.slice(m.start, m.end));
  }
});
