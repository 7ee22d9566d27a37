import type { Rule } from '../../lint/rule.js';
import { dateRule } from './date.js';
import { outOfScopeRule } from './out-of-scope.js';
import { duplicateRule } from './duplicate.js';
import { gapRule } from './gap.js';

/** The chronology/* rules. */
export const chronologyRules: Rule[] = [dateRule, outOfScopeRule, duplicateRule, gapRule];
