/** `anon/crime-reference` — see crime-reference.md. */
import { patternRule } from './pattern-rule.js';

export const crimeReference = patternRule({
  id: 'anon/crime-reference',
  severity: 'warning',
  description: 'a police crime or incident reference number',
}, 'crime-reference', 'police reference number found: a crime, incident or log reference leads back to the police record of the people involved; cite the chronology entry instead (for example [[chronology:police#12]])');
