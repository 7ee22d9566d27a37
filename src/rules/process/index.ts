import type { Rule } from '../../lint/rule.js';

/** The process/* rules. */
export const processRules: Rule[] = [];
