/**
 * The two gates findings decide, and the one line that says why a gate refused.
 *  - Any build: a registered name or identifier (`anon/identity`, `anon/identity-hashed`) stops it,
 *    draft included: a document is where a name would leave the repository.
 *  - A submission (`build --final`, `lint --final`): any error, and any `anon/*` finding of any
 *    severity, unless disabled inline with a reason. What goes to the Home Office has no unresolved
 *    possible name (protocol §3.5; the Home Office guidance on anonymisation).
 * The refusal gives counts and positions, never a value.
 */
import type { Finding } from '../review/model.js';
import { IDENTITY_RULES } from './engine.js';
import { shownFile } from './formatters/index.js';

/** Findings that stop any build: registered names and identifiers. */
export function identityBlockers(findings: Finding[]): Finding[] {
  return findings.filter((f) => IDENTITY_RULES.has(f.ruleId));
}

/** Findings that stop a submission: every error, and every anonymisation finding. */
export function finalBlockers(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || f.ruleId.startsWith('anon/'));
}

const MAX_POSITIONS = 10;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `file:line:col, …` of the first findings, and how many more. */
function positions(findings: Finding[]): string {
  const shown = findings.slice(0, MAX_POSITIONS).map((f) => `${shownFile(f)}:${f.line}:${f.column}`);
  const more = findings.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** The one line for a build refused on registered names or identifiers. */
export function identityRefusal(blockers: Finding[]): string {
  return `dhr: build refused: ${plural(blockers.length, 'registered name or identifier', 'registered names or identifiers')} `
    + `(anon/identity) at ${positions(blockers)}; replace each with its pseudonym or remove it (dhr redact can help), `
    + 'then build again. Nothing was written';
}

/** The one line for a submission refused (`what`: "build --final", "lint --final"). */
export function finalRefusal(what: string, blockers: Finding[], wrote = false): string {
  const anon = blockers.filter((f) => f.ruleId.startsWith('anon/'));
  const otherErrors = blockers.length - anon.length;
  const parts: string[] = [];
  if (anon.length) {
    const errors = anon.filter((f) => f.severity === 'error').length;
    parts.push(`${plural(anon.length, 'anonymisation finding')} (${plural(errors, 'error')}, ${plural(anon.length - errors, 'warning or note', 'warnings or notes')})`);
  }
  if (otherErrors) parts.push(plural(otherErrors, 'other error'));
  return `dhr: ${what} refused: ${parts.join(' and ')} at ${positions(blockers)}. Resolve each; an anonymisation finding `
    + 'that is not a name may be disabled on the line before it with a reason '
    + '(<!-- dhr-disable-next-line RULE -- why -->)' + (wrote ? '' : '. Nothing was written');
}
