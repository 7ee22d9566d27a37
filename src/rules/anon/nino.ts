/** `anon/nino` — see nino.md. */
import { patternRule } from './pattern-rule.js';

export const nino = patternRule({
  id: 'anon/nino',
  severity: 'error',
  description: 'National Insurance number with a valid prefix',
}, 'nino', 'National Insurance number found: remove it (the review refers to people by pseudonym only)');
