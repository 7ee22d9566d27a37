/** `anon/identity-hashed` — see identity-hashed.md. */
import path from 'node:path';
import { defineRule } from '../../lint/rule.js';
import {
  DEFAULT_KEY_ENV, findHashed, HashedRegisterError, loadHashedRegister, resolveHashedPath, type HashedRegister,
} from './hashed-identities.js';
import { hidePath } from '../../lint/safe-paths.js';
import { relPath } from '../../review/source.js';
import { readerView } from './normalise.js';
import { whereIn } from './identity.js';
import { findInView, reviewFolderEntry, reviewInventory, reviewTexts, spanAt } from './text.js';

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
    // the register always wins: also in chair, panel and author fields
    for (const m of findInView(tf.file, (t) => findHashed(t, reg as HashedRegister))) {
      const isName = m.kind !== 'identifier';
      const message = isName
        ? `real name of ${m.pseudonym} found (keyed-hash register): replace it with the pseudonym "${m.pseudonym}"`
        : `identifier of ${m.pseudonym} found (keyed-hash register): remove it`;
      ctx.report(tf.file, spanAt(tf.file, m.start, m.end), message + whereIn(tf.kind), tf.file.text.slice(m.start, m.end));
    }
  }
  const self = reviewFolderEntry(review);
  for (const entry of [...(self ? [self] : []), ...reviewInventory(review).entries]) {
    const found = findHashed(readerView(entry.name).text, reg, { anyCase: true });
    if (found.length === 0) continue;
    hidePath(review, entry);
    const m = found[0];
    ctx.report(relPath(entry.abs), START,
      `the name of this ${entry.dir ? 'folder' : 'file'} holds ${m.kind === 'identifier' ? 'an identifier' : 'the real name'} of ${m.pseudonym} (keyed-hash register): rename it (git mv); its name is not printed`, entry.name);
  }
});
