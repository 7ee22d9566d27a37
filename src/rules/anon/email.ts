/** `anon/email` — see email.md. */
import { patternRule } from './pattern-rule.js';

export const email = patternRule({
  id: 'anon/email',
  severity: 'error',
  description: 'e-mail address',
}, 'email', 'e-mail address found: remove it, or list a published service address in allowed_terms in dhr.config.yml');
