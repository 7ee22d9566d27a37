/** `anon/postcode` — see postcode.md. */
import { patternRule } from './pattern-rule.js';

export const postcode = patternRule({
  id: 'anon/postcode',
  severity: 'error',
  description: 'UK postcode',
}, 'postcode', 'postcode found: remove it, or describe the area in general terms (for example "a village in the Stroud district")');
