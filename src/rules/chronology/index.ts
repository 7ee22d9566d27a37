import type { Rule } from '../../lint/rule.js';

/** The chronology/* rules. */
export const chronologyRules: Rule[] = [];
