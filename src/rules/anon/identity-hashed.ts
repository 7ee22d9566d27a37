/** `anon/identity-hashed` — see identity-hashed.md. */
import path from 'node:path';
import { defineRule } from '../../lint/rule.js';
import {
  DEFAULT_KEY_ENV, findHashed, HashedRegisterError, loadHashedRegister, resolveHashedPath, type HashedRegister,
} from './hashed-identities.js';
import { namesAllowedAt, reviewTexts, spanAt } from './text.js';

const START = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const loaded = new Map<string, HashedRegister | Error>();

export const identityHashed = defineRule({
  id: 'anon/identity-hashed',
  tag: 'anon',
  severity: 'error',
  description: 'a name or identifier of the keyed-hash identity register (.dhr/identities.hmac.json) appears anywhere',
}, (ctx) => {
  // the plain register, when there is one, is checked more thoroughly by anon/identity
  if (ctx.identities) return;
  const review = ctx.review;
  const file = resolveHashedPath([ctx.config.root, path.dirname(path.dirname(review.dir))]);
  const keyText = process.env[DEFAULT_KEY_ENV];
  if (!file || !keyText) return; // no register, or no key (e.g. a pull request from a fork): nothing to check
  const cacheKey = `${file}\0${keyText}`;
  let reg = loaded.get(cacheKey);
  if (!reg) {
    try {
      reg = loadHashedRegister(file, Buffer.from(keyText, 'utf8'));
    } catch (e) {
      if (!(e instanceof HashedRegisterError)) throw e;
      reg = e;
    }
    loaded.set(cacheKey, reg);
  }
  if (reg instanceof Error) {
    ctx.report(review.meta?.file ?? `${review.rel}/review.yml`, START,
      `the keyed-hash identity register cannot be used (${reg.message}), so registered names were not checked; make it again with "dhr identities hash" or fix the ${DEFAULT_KEY_ENV} secret`);
    return;
  }
  for (const tf of reviewTexts(review)) {
    for (const m of findHashed(tf.file.text, reg)) {
      const isName = m.kind !== 'identifier';
      if (isName && namesAllowedAt(tf, m.start, m.end)) continue;
      const message = isName
        ? `real name of ${m.pseudonym} found (keyed-hash register): replace it with the pseudonym "${m.pseudonym}"`
        : `identifier of ${m.pseudonym} found (keyed-hash register): remove it`;
      ctx.report(tf.file, spanAt(tf.file, m.start, m.end), message, tf.file.text.slice(m.start, m.end));
    }
  }
});
