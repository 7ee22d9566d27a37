import type { Rule } from '../../lint/rule.js';

/** The security/* rules. */
export const securityRules: Rule[] = [];
