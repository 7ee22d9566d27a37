/**
 * What a lint run may print: the print guard (src/review/safe.ts) for a register and a profile, and
 * the last pass that withholds a message or path still holding registered text. Above the rules
 * layer (it reads the given-name list and the register matcher); callers of `lintReview` pass both
 * through `guarded()`.
 */
import type { Finding } from '../review/model.js';
import { printGuard, safePath, type PrintGuard } from '../review/safe.js';
import { anonData } from '../rules/anon/data.js';
import { matcherFor } from '../rules/anon/matcher.js';
import type { IdentityRegister } from './identities.js';
import type { Profile } from './profile.js';

const NO_IDENTITIES = {} as IdentityRegister;
const guards = new WeakMap<IdentityRegister, WeakMap<object, PrintGuard>>();

/**
 * The print guard for a register (or none) and a profile: registered names and identifiers, common
 * given names, and the profile's own ids (always printable unless registered).
 */
export function guardFor(identities?: IdentityRegister, profile?: Profile): PrintGuard {
  let byProfile = guards.get(identities ?? NO_IDENTITIES);
  if (!byProfile) guards.set(identities ?? NO_IDENTITIES, (byProfile = new WeakMap()));
  const key = profile ?? NO_IDENTITIES;
  let g = byProfile.get(key);
  if (!g) {
    const known = profile ? [...(profile.csps ?? []), ...(profile.districts ?? []), ...(profile.funding?.parties ?? [])].map((x) => x.id) : [];
    g = printGuard(identities, anonData().givenNames, known);
    byProfile.set(key, g);
  }
  return g;
}

/** Said instead of a message that would have quoted registered text (the last line of defence). */
const WITHHELD = 'message withheld: it would have quoted text that matches the identity register; the position shows where (dhr lint --show-values shows it, locally)';

/**
 * The last line of defence, after every rule has chosen what to quote: a message that still holds a
 * registered name or identifier is replaced (its text kept as the finding's value, for
 * --show-values), a path holding one is printed in a safe form (`shownFile`), and so is the review id.
 */
function withholdRegistered(findings: Finding[], identities: IdentityRegister | undefined, guard: PrintGuard): void {
  if (!identities || identities.people.length === 0) return;
  const matcher = matcherFor(identities);
  const verdicts = new Map<string, boolean>();
  const paths = new Map<string, string>();
  for (const f of findings) {
    let registered = verdicts.get(f.message);
    if (registered === undefined) {
      registered = matcher.find(f.message).length > 0;
      verdicts.set(f.message, registered);
    }
    if (registered) {
      if (f.value === undefined) f.value = f.message;
      f.message = WITHHELD;
    }
    let shown = paths.get(f.file);
    if (shown === undefined) {
      shown = safePath(f.file, guard);
      paths.set(f.file, shown);
    }
    if (shown !== f.file) f.shownFile = shown;
    if (f.review !== undefined && safePath(f.review, guard) !== f.review) f.review = 'review id withheld';
  }
}


/** The `guard` and `withhold` options of `lintReview` for a register and a profile. */
export function guarded(identities?: IdentityRegister, profile?: Profile): { guard: PrintGuard; withhold: (findings: Finding[]) => void } {
  const guard = guardFor(identities, profile);
  return { guard, withhold: (findings) => withholdRegistered(findings, identities, guard) };
}
