import type { Rule } from '../../lint/rule.js';

/** The smart/* rules. */
export const smartRules: Rule[] = [];
