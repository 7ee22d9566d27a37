/** `anon/bank-account` — see bank-account.md. */
import { patternRule } from './pattern-rule.js';

export const bankAccount = patternRule({
  id: 'anon/bank-account',
  severity: 'error',
  description: 'a sort code with an account number, or an IBAN',
}, 'bank-account', 'bank details found (sort code, account number or IBAN): they identify the account holder; remove them and describe what mattered (for example "a joint account")');
