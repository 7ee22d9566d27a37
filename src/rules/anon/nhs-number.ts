/** `anon/nhs-number` — see nhs-number.md. */
import { patternRule } from './pattern-rule.js';

export const nhsNumber = patternRule({
  id: 'anon/nhs-number',
  severity: 'error',
  description: '10-digit NHS number passing the modulus-11 check (spaced or not)',
}, 'nhs-number', 'NHS number found: an NHS number identifies the person; remove it (the review refers to people by pseudonym only)');
