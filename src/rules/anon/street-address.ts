/** `anon/street-address` — see street-address.md. */
import { patternRule } from './pattern-rule.js';

export const streetAddress = patternRule({
  id: 'anon/street-address',
  severity: 'error',
  description: 'house number + street name + street type',
}, 'street-address', 'street address found: describe the place without its address (for example "the family home" or "a street in Stroud")');
