/**
 * What the tool may print of what was typed. A message, a file name the tool makes, a document's
 * file list or a formatter's path never carries raw input that could name someone: a column header,
 * a key, an id, a status or a file name can hold a real name as easily as a paragraph can. So a
 * value is quoted only when it is known to be safe:
 *  - words of the tool's own vocabulary (the property names and enum values of the JSON Schemas);
 *  - plain codes: a lower-case kebab id (`police`, `adult-social-care`) or a row reference (`A3`,
 *    `R12`, `POL-0042`), none of whose words is a registered name, a common given name or part
 *    of a registered identifier (the `PrintGuard`);
 *  - a declared pseudonym that matches nothing in the register.
 * Anything else is described by its place instead ("column C", "the action on line 7").
 *
 * This is the one place that decides; every message, the build's file names and the formatters'
 * paths ask it.
 */
import { createHash } from 'node:crypto';
import { closestWord, isVocabulary, schemaVocabulary } from './schema-files.js';

export { closestWord, isVocabulary, schemaVocabulary };

/** What a value is checked against: registered names and identifiers, and common given names. */
export interface PrintGuard {
  /** Folded words (lower case, no diacritics) of every registered name. */
  readonly registerWords: ReadonlySet<string>;
  /** Folded full names and identifiers, letters and digits only ("joannawhitby", "9992847328"). */
  readonly registerKeys: readonly string[];
  /** Folded common given names: an id made of one is not printed either ("darren", "grace-house"). */
  readonly givenNames: ReadonlySet<string>;
  /** Ids of the tool's own data (the profile's CSPs, districts, funding parties): no given-name check. */
  readonly knownIds: ReadonlySet<string>;
}

/** The guard without a register: shape and given names only. */
export const NO_REGISTER: PrintGuard = { registerWords: new Set(), registerKeys: [], givenNames: new Set(), knownIds: new Set() };

/** Lower case, diacritics removed. */
function foldText(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a value, folded. */
function wordsOf(s: string): string[] {
  return foldText(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Letters and digits only, folded: how identifiers are compared ("GL5 7XQ" → "gl57xq"). */
function keyOf(s: string): string {
  return foldText(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The guard for a register (the structural part of `IdentityRegister` is enough) and a list of
 * common given names.
 */
export function printGuard(register?: { people: ReadonlyArray<{ names: readonly string[]; identifiers: readonly string[] }> },
  givenNames: Iterable<string> = [], knownIds: Iterable<string> = []): PrintGuard {
  const registerWords = new Set<string>();
  const keys = new Set<string>();
  for (const p of register?.people ?? []) {
    for (const n of p.names) {
      for (const w of wordsOf(n)) if (w.length >= 3) registerWords.add(w);
      const k = keyOf(n);
      if (k.length >= 4) keys.add(k);
    }
    for (const id of p.identifiers) {
      const k = keyOf(id);
      if (k.length >= 4) keys.add(k);
    }
  }
  const given = new Set<string>();
  for (const g of givenNames) given.add(foldText(g));
  return { registerWords, registerKeys: [...keys], givenNames: given, knownIds: new Set(knownIds) };
}

/** True when the value holds no registered name word, given name or registered identifier. */
function namesNoOne(value: string, guard: PrintGuard, givenNamesToo: boolean): boolean {
  for (const w of wordsOf(value)) {
    if (guard.registerWords.has(w)) return false;
    if (givenNamesToo && guard.givenNames.has(w)) return false;
  }
  if (guard.registerKeys.length) {
    const k = keyOf(value);
    for (const r of guard.registerKeys) if (k.includes(r)) return false;
  }
  return true;
}

/** A lower-case kebab id: `police`, `adult-social-care`, `gp-2`. */
export const SAFE_ID_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
/**
 * A row or item reference: `A3`, `R12`, `Q1`, `POL-0042`, `12`. At most five digits, so a phone,
 * NHS number or date of birth typed as an id never passes.
 */
export const SAFE_REF_RE = /^(?:[A-Za-z]{1,3}[-_.#]?)?\d{1,5}[a-z]?$/;

/** True when an id (an agency id, a file's agency) may be printed. */
export function isSafeId(value: string, guard: PrintGuard = NO_REGISTER): boolean {
  return SAFE_ID_RE.test(value) && namesNoOne(value, guard, !guard.knownIds.has(value));
}

/** True when a row, action or recommendation reference may be printed. */
export function isSafeRef(value: string, guard: PrintGuard = NO_REGISTER): boolean {
  return SAFE_REF_RE.test(value) && namesNoOne(value, guard, false);
}

/**
 * True when a declared pseudonym may be printed: short, one line, no control characters, and
 * matching nothing in the register (a real name typed as a pseudonym is not echoed).
 */
export function isSafePseudonym(value: string, guard: PrintGuard = NO_REGISTER): boolean {
  return /^[\p{L}\p{N}][\p{L}\p{N} .'’-]{0,39}$/u.test(value) && namesNoOne(value, guard, false);
}

/**
 * A value as a message may quote it, with a leading space (` "A3"`), or '' when it is not known
 * to be safe: a schema word, a row reference, or — only when a guard is given, i.e. when the
 * register and the given names can be asked — a plain id. (The loader has no guard: it quotes
 * schema words and references only.)
 */
export function quoted(value: string, guard?: PrintGuard): string {
  const ok = isVocabulary(value) || isSafeRef(value, guard) || (guard !== undefined && isSafeId(value, guard));
  return ok ? ` "${value}"` : '';
}

/** Spreadsheet letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * A path as it may be printed: each folder or file name that holds a registered name or identifier
 * is replaced by `name-withheld-<hash>` (the extension kept, the hash stable, so two findings in
 * the same file still group together). Only the register is asked: ordinary file names stay readable.
 */
export function safePath(rel: string, guard: PrintGuard): string {
  if (guard.registerWords.size === 0 && guard.registerKeys.length === 0) return rel;
  let changed = false;
  const parts = rel.split('/').map((seg) => {
    if (isPlace(seg) || namesNoOne(seg, guard, false)) return seg;
    changed = true;
    return withheld(seg, /\.[A-Za-z0-9]{1,5}$/.exec(seg)?.[0] ?? '');
  });
  return changed ? parts.join('/') : rel;
}

const isPlace = (seg: string): boolean => seg === '' || seg === '.' || seg === '..';

/** A name as printed in its place: `name-withheld-<hash>`, stable for the same name, `ext` kept. */
const withheld = (seg: string, ext = ''): string => `name-withheld-${createHash('sha256').update(seg).digest('hex').slice(0, 8)}${ext}`;

/**
 * A review folder's path as the audit prints it: `safePath`, and the folder's own name withheld
 * when it holds a given name (`reviews/margaret-thornbury`: a review named after the victim), as
 * lint withholds it (anon/person-name); `reviews/DHR-2024-03` is printed as it is. `inside` is a
 * path under that folder (its action plan), changed the same way.
 */
export function safeReviewPath(folder: string, guard: PrintGuard, inside?: string): string {
  const shown = safePath(folder, guard).split('/');
  const name = shown.pop()!;
  const hidden = [...shown, isPlace(name) || namesNoOne(name, guard, true) ? name : withheld(name)].join('/');
  if (inside === undefined) return hidden;
  const rest = inside.startsWith(folder + '/') ? inside.slice(folder.length) : undefined;
  return rest === undefined ? safePath(inside, guard) : hidden + safePath(rest, guard);
}

/** An id as a message prints it: `"police"` when it may be printed, else `fallback` (a description of the place). */
export function showId(value: string, guard: PrintGuard, fallback: string): string {
  return isSafeId(value, guard) ? `"${value}"` : fallback;
}

/** A schema enum value (a status, a kind) as a message prints it: quoted when it is one, else `fallback`. */
export function showEnum(value: unknown, fallback: string): string {
  return typeof value === 'string' && isVocabulary(value) ? `"${value}"` : fallback;
}

/** Names the tool itself gives to a review's files and folders: always printable. */
const REVIEW_FILE_NAMES = new Set(['review.yml', 'terms-of-reference.md', 'overview-report.md', 'executive-summary.md',
  'action-plan.csv', 'chronologies', 'imrs', 'family', 'family-statement.md']);

/**
 * A path inside a review as a document or the manifest prints it (stricter than `safePath`, which
 * asks the register only): every name must be one of the review's own or a plain id that names no
 * one, e.g. `chronologies/police.csv`; any other name is replaced by `file-<hash>` (extension kept).
 */
export function safeFileName(rel: string, guard: PrintGuard): string {
  return rel.split('/').map((seg) => {
    if (REVIEW_FILE_NAMES.has(seg)) return seg;
    const ext = /\.[A-Za-z0-9]{1,5}$/.exec(seg)?.[0] ?? '';
    const stem = seg.slice(0, seg.length - ext.length);
    if (isSafeId(stem.toLowerCase(), guard) || /^[A-Z][A-Z0-9-]{2,40}$/.test(stem) && namesNoOne(stem, guard, true)) return seg;
    return `file-${createHash('sha256').update(seg).digest('hex').slice(0, 8)}${ext}`;
  }).join('/');
}
