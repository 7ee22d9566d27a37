import type { Rule } from '../../lint/rule.js';
import { identitiesCommitted } from './identities-committed.js';

/** The security/* rules. */
export const securityRules: Rule[] = [identitiesCommitted];
