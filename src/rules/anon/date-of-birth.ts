/** `anon/date-of-birth` — see date-of-birth.md. */
import { patternRule } from './pattern-rule.js';

export const dateOfBirth = patternRule({
  id: 'anon/date-of-birth',
  severity: 'error',
  description: 'a date given as someone\'s birth date',
}, 'date-of-birth', 'date of birth found: give the person\'s age instead (the Confidentiality section states ages)');
