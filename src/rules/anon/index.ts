import type { Rule } from '../../lint/rule.js';

/** The anon/* rules. */
export const anonRules: Rule[] = [];
