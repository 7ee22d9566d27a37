/** Hostile inputs: this file's share of the cases (test/hostile/inputs.ts deals them to the inputs-<n> files). */
import { hostileInputs } from './inputs.js';

hostileInputs(import.meta.url);
