/** `anon/phone` — see phone.md. */
import { patternRule } from './pattern-rule.js';

export const phone = patternRule({
  id: 'anon/phone',
  severity: 'error',
  description: 'UK phone number',
}, 'phone', 'phone number found: remove it (national helplines can be listed in allowed_terms in dhr.config.yml)');
