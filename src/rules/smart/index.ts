import type { Rule } from '../../lint/rule.js';
import { specific } from './specific.js';
import { measurable } from './measurable.js';
import { owner } from './owner.js';
import { timeBound } from './time-bound.js';
import { agreed } from './agreed.js';
import { traceable } from './traceable.js';

/** The smart/* rules. */
export const smartRules: Rule[] = [specific, measurable, owner, timeBound, agreed, traceable];
