import type { Rule } from '../../lint/rule.js';

/** The report/* rules. */
export const reportRules: Rule[] = [];
