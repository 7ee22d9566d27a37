/**
 * The keyed-hash identity register (`.dhr/identities.hmac.json`): for CI, which must never hold
 * the plain register. Each registered name and identifier is normalised exactly as `anon/identity`
 * does (`foldKey`: lower case, diacritics removed, letters and digits only) and stored as its
 * HMAC-SHA256 under a secret key kept in a CI secret. The file holds no readable name and may be
 * committed; without the key a guess cannot be checked against it.
 *
 * Finding a leak: every run of 1 to `max_words` consecutive words of a text (split by at most a
 * few characters of spaces or punctuation, as anon/identity allows) is folded, hashed with the
 * same key, and looked up. This finds exact leaks in any case, accents, spacing or punctuation;
 * it does not find the other spellings anon/identity derives (dates written in words, +44 forms
 * of phone numbers are included, see `identifierKeys`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import type { IdentityPerson } from '../../lint/identities.js';
import { foldKey, givenNameVariants } from './matcher.js';
import { anonData } from './data.js';
import { isUkPhoneNational } from './patterns.js';

export const HASHED_FORMAT_VERSION = 1;
/** Default place of the keyed-hash register, relative to the repository root. */
export const HASHED_REGISTER_PATH = '.dhr/identities.hmac.json';
/** Default environment variable holding the key. */
export const DEFAULT_KEY_ENV = 'DHR_HMAC_KEY';
/** Keys shorter than this (folded) are not stored: too many chance matches, too easy to guess. */
const MIN_KEY = 3;
/** Longest run of spaces and punctuation between two words of one name (anon/identity's MAX_GAP). */
const MAX_GAP = 6;
/** Text the key check hashes, to tell a wrong key from "no leak". */
const KEY_CHECK_TEXT = 'dhr identities key check';

export type HashedKind = 'name' | 'surname' | 'identifier';

export interface HashedEntry {
  pseudonym: string;
  kind: HashedKind;
  hashes: string[];
}

export interface HashedRegisterFile {
  version: number;
  algorithm: 'HMAC-SHA256';
  normalisation: string;
  key_check: string;
  max_words: number;
  entries: HashedEntry[];
}

export interface HashedRegister {
  file: string;
  maxWords: number;
  /** hash → what it stands for */
  lookup: Map<string, { pseudonym: string; kind: HashedKind }>;
  key: Buffer;
}

function hmac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Folded keys of an identifier: as written, and the +44 forms of a UK phone number. */
export function identifierKeys(id: string): string[] {
  const keys = new Set<string>();
  const base = foldKey(id);
  if (base.length >= MIN_KEY + 1) keys.add(base);
  const t = id.trim();
  if (/^[+\d\s().-]+$/.test(t)) {
    const digits = t.replace(/\D/g, '');
    const national = t.startsWith('+44') ? '0' + digits.slice(2).replace(/^0/, '') : digits;
    if (isUkPhoneNational(national)) {
      keys.add(national);
      keys.add('44' + national.slice(1));
      keys.add('440' + national.slice(1));
    }
  }
  return [...keys];
}

function words(s: string): string[] {
  return s.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Builds the keyed-hash register of a plain register's people. Deterministic for a given key. */
export function hashRegister(people: IdentityPerson[], key: Buffer): HashedRegisterFile {
  const common = anonData().commonWords;
  const entries: HashedEntry[] = [];
  let maxWords = 1;
  const push = (pseudonym: string, kind: HashedKind, keys: string[]) => {
    const hashes = [...new Set(keys.filter((k) => k.length >= MIN_KEY))].map((k) => hmac(key, k)).sort();
    if (hashes.length) entries.push({ pseudonym, kind, hashes });
  };
  for (const p of people) {
    const names: string[] = [];
    const surnames: string[] = [];
    for (const n of p.names) {
      const w = words(n);
      maxWords = Math.max(maxWords, w.length);
      names.push(foldKey(n));
      const parts = n.trim().split(/\s+/);
      if (parts.length >= 2) {
        const last = foldKey(parts[parts.length - 1]);
        if (last.length >= 4 && !/\d/.test(last) && !common.has(last)) {
          surnames.push(last);
          maxWords = Math.max(maxWords, words(parts[parts.length - 1]).length);
        }
        // a short form of the given name with the surname ("Kate Whitby" for Katherine Whitby)
        for (const v of givenNameVariants(parts[0])) if (last.length >= 2) names.push(v + last);
      }
    }
    const ids: string[] = [];
    for (const id of p.identifiers) {
      maxWords = Math.max(maxWords, words(id).length);
      ids.push(...identifierKeys(id));
    }
    push(p.pseudonym, 'name', names);
    push(p.pseudonym, 'surname', surnames.filter((s) => !names.includes(s)));
    push(p.pseudonym, 'identifier', ids);
  }
  return {
    version: HASHED_FORMAT_VERSION,
    algorithm: 'HMAC-SHA256',
    normalisation: 'anon/identity foldKey: lower case, diacritics removed, letters and digits only',
    key_check: hmac(key, KEY_CHECK_TEXT),
    max_words: maxWords,
    entries,
  };
}

/** The key from an environment variable; refuses an empty or short key. */
export function keyFromEnv(name = DEFAULT_KEY_ENV): Buffer {
  const v = process.env[name];
  if (!v) throw new UsageError(`the key is missing: set the environment variable ${name} (keep it in a CI secret)`);
  if (v.length < 16) throw new UsageError(`the key in ${name} is too short: use at least 16 characters (32 random bytes is best)`);
  return Buffer.from(v, 'utf8');
}

export class HashedRegisterError extends Error {}

/** Reads a keyed-hash register and checks the key against it. */
export function loadHashedRegister(file: string, key: Buffer): HashedRegister {
  let data: HashedRegisterFile;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as HashedRegisterFile;
  } catch (e) {
    throw new HashedRegisterError(`cannot read ${path.basename(file)}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!data || data.version !== HASHED_FORMAT_VERSION || data.algorithm !== 'HMAC-SHA256' || !Array.isArray(data.entries)) {
    throw new HashedRegisterError(`${path.basename(file)} is not a version ${HASHED_FORMAT_VERSION} keyed-hash register; make it again with dhr identities hash`);
  }
  const check = Buffer.from(hmac(key, KEY_CHECK_TEXT), 'hex');
  const given = Buffer.from(String(data.key_check ?? ''), 'hex');
  if (given.length !== check.length || !timingSafeEqual(given, check)) {
    throw new HashedRegisterError(`the key does not match the one ${path.basename(file)} was made with`);
  }
  const lookup = new Map<string, { pseudonym: string; kind: HashedKind }>();
  for (const e of data.entries) {
    for (const h of e.hashes ?? []) {
      const prev = lookup.get(h);
      if (!prev || (prev.kind === 'surname' && e.kind !== 'surname')) lookup.set(h, { pseudonym: String(e.pseudonym), kind: e.kind });
    }
  }
  const maxWords = Number.isInteger(data.max_words) && data.max_words > 0 ? Math.min(data.max_words, 12) : 6;
  return { file, maxWords, lookup, key };
}

export interface HashedMatch {
  start: number;
  end: number;
  pseudonym: string;
  kind: HashedKind;
}

const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** Every leak of a registered value in a text: longest match first, never overlapping. */
export function findHashed(text: string, reg: HashedRegister, opts: { anyCase?: boolean } = {}): HashedMatch[] {
  if (reg.lookup.size === 0) return [];
  const toks: Array<{ start: number; end: number; key: string }> = [];
  for (const m of text.matchAll(WORD_RE)) toks.push({ start: m.index!, end: m.index! + m[0].length, key: foldKey(m[0]) });
  const out: HashedMatch[] = [];
  for (let i = 0; i < toks.length; i++) {
    let key = '';
    let best: HashedMatch | undefined;
    let bestEnd = i;
    for (let j = i; j < toks.length && j < i + reg.maxWords; j++) {
      if (j > i) {
        const gap = text.slice(toks[j - 1].end, toks[j].start);
        if (gap.length > MAX_GAP || /\n[^\n]*\n/.test(gap)) break;
      }
      key += toks[j].key;
      if (key.length < MIN_KEY) continue;
      let hit = reg.lookup.get(hmac(reg.key, key));
      // a plural or plural possessive of a name: "the Hollowells", "the Joneses"
      if (!hit && key.endsWith('s') && key.length > MIN_KEY + 1) {
        const plural = reg.lookup.get(hmac(reg.key, key.endsWith('ses') ? key.slice(0, -2) : key.slice(0, -1)));
        if (plural && plural.kind !== 'identifier') hit = plural;
      }
      if (!hit) continue;
      if (hit.kind === 'surname' && !opts.anyCase && text[toks[i].start] === text[toks[i].start].toLowerCase()) continue;
      best = { start: toks[i].start, end: toks[j].end, pseudonym: hit.pseudonym, kind: hit.kind };
      bestEnd = j;
    }
    if (best) {
      out.push(best);
      i = bestEnd;
    }
  }
  return out;
}

/** Where the keyed-hash register is: $DHR_IDENTITIES_HMAC, else .dhr/identities.hmac.json in the first of `roots` that has one. */
export function resolveHashedPath(roots: string[]): string | undefined {
  if (process.env.DHR_IDENTITIES_HMAC) return path.resolve(process.env.DHR_IDENTITIES_HMAC);
  for (const r of roots) {
    const f = path.join(r, ...HASHED_REGISTER_PATH.split('/'));
    if (existsSync(f)) return f;
  }
  return undefined;
}
