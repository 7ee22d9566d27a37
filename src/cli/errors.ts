/** Kept so the commands can import it beside them; the class lives below the CLI (src/errors.ts). */
export { UsageError } from '../errors.js';
