/**
 * The private identity register: real names and identifiers behind each pseudonym. It must
 * never be committed: the tool refuses to run when the file is tracked by git.
 */
import { existsSync } from 'node:fs';
import { gitSucceeds } from '../review/git.js';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { readSource } from '../review/source.js';
import { readYaml } from '../review/yaml.js';

export interface IdentityPerson {
  pseudonym: string;
  names: string[];
  identifiers: string[];
}

export interface IdentityRegister {
  file: string;
  people: IdentityPerson[];
}

/** True when `file` is tracked by the git repository that contains it. */
export function isTrackedByGit(file: string): boolean {
  return gitSucceeds(path.dirname(file), ['ls-files', '--error-unmatch', '--', path.basename(file)]);
}

/** Where the register is by default, relative to the repository root. */
export const DEFAULT_REGISTER = path.join('.dhr', 'identities.yml');

/**
 * The nearest `.dhr/identities.yml` from `start` upwards, stopping at the git repository root (a
 * folder holding `.git`) or the file-system root: `dhr lint .` inside reviews/X finds the same
 * register as `dhr lint` at the repository root.
 */
export function findRegisterUpwards(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const f = path.join(dir, DEFAULT_REGISTER);
    if (existsSync(f)) return f;
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Which register to use: the flag, then $DHR_IDENTITIES, then config, then .dhr/identities.yml in
 * `root`, then the nearest .dhr/identities.yml above `searchFrom` (the review folder) within its
 * repository.
 */
export function resolveIdentitiesPath(flag: string | undefined, configValue: string | undefined, root: string, searchFrom?: string): { file?: string; explicit: boolean } {
  if (flag) return { file: path.resolve(flag), explicit: true };
  if (process.env.DHR_IDENTITIES) return { file: path.resolve(process.env.DHR_IDENTITIES), explicit: true };
  if (configValue) return { file: path.resolve(root, configValue), explicit: true };
  const def = path.join(root, DEFAULT_REGISTER);
  if (existsSync(def)) return { file: def, explicit: false };
  return { file: searchFrom ? findRegisterUpwards(searchFrom) : undefined, explicit: false };
}

/** The one line said when lint runs without any identity register (never silently). */
export const NO_REGISTER_NOTICE = 'dhr: no identity register (.dhr/identities.yml, $DHR_IDENTITIES or --identities): anon/identity is off, registered real names were not checked\n';

export function loadIdentities(file: string): IdentityRegister {
  if (!existsSync(file)) throw new UsageError(`${file}: identity register not found`);
  if (isTrackedByGit(file)) {
    throw new UsageError(`${path.basename(file)}: the identity register is tracked by git; remove it from the repository (git rm --cached) and list it in .gitignore before running dhr`);
  }
  let src;
  try {
    src = readSource(file);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  const res = readYaml<{ people?: unknown }>(src);
  if (res.problems.length) {
    const p = res.problems[0];
    throw new UsageError(`${src.rel}:${p.line}:${p.column}: ${p.message} (format/yaml)`);
  }
  const data = res.doc!.data;
  if (!data || typeof data !== 'object' || !Array.isArray((data as { people?: unknown }).people)) {
    throw new UsageError(`${src.rel}:1:1: the identity register must have a "people:" list`);
  }
  const people: IdentityPerson[] = [];
  (data as { people: unknown[] }).people.forEach((p, i) => {
    const o = (p ?? {}) as Record<string, unknown>;
    if (typeof o.pseudonym !== 'string' || !o.pseudonym) {
      const s = res.doc!.spanOf(['people', i]);
      throw new UsageError(`${src.rel}:${s.line}:${s.column}: every person needs a pseudonym`);
    }
    const list = (v: unknown) => (Array.isArray(v) ? v : v == null ? [] : [v]).map((x) => String(x)).filter((x) => x.trim() !== '');
    people.push({ pseudonym: o.pseudonym, names: list(o.names), identifiers: list(o.identifiers) });
  });
  return { file, people };
}
