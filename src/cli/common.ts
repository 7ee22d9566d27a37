/** Flag parsing and the set-up shared by the commands that lint (validate, lint, build, hooks). */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { FORMATS, type FormatName } from '../lint/formatters/index.js';
import { findConfigFile, loadConfig, type Config } from '../lint/config.js';
import { loadProfile, withLegalBasis, type Profile } from '../lint/profile.js';
import { loadIdentities, resolveIdentitiesPath, type IdentityRegister } from '../lint/identities.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const COMMON_OPTIONS: Options = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  config: { type: 'string' },
  identities: { type: 'string' },
};

/** parseArgs with user-facing errors (exit 2, one line) instead of exceptions. */
export function parseFlags(args: string[], options: Options, command: string) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${command}: ${msg} (see dhr ${command} --help)`);
  }
}

export function formatFlag(v: unknown, allowed: readonly string[] = FORMATS): FormatName {
  const f = (v as string | undefined) ?? 'stylish';
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${f}")`);
  return f as FormatName;
}

/** Today's date in Europe/London as YYYY-MM-DD (SOURCE_DATE_EPOCH is not used: "today" is real). */
export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isoDateFlag(v: unknown, flag: string): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  if (!m || !d || d.getUTCDate() !== +m[3] || d.getUTCMonth() !== +m[2] - 1) throw new UsageError(`${flag} must be a date YYYY-MM-DD (got "${s}")`);
  return s;
}

export interface LintSetup {
  config: Config;
  profile: Profile;
  identities?: IdentityRegister;
}

/**
 * Config (flag or nearest dhr.config.yml), profile and identity register for a review folder.
 * `registers` lets one command share registers between the reviews of a repository (read, and
 * checked against git, once per file rather than once per review).
 */
export function setupFor(reviewDir: string, flags: { config?: string; identities?: string }, needIdentities = true,
  registers?: Map<string, IdentityRegister>): LintSetup {
  const cfgFile = flags.config ?? findConfigFile(reviewDir);
  const config = loadConfig(cfgFile, path.resolve(reviewDir));
  const profile = withLegalBasis(loadProfile(config.profile, config.root), config.legal_basis);
  let identities: IdentityRegister | undefined;
  if (needIdentities) {
    const { file } = resolveIdentitiesPath(flags.identities, config.identities, config.file ? config.root : process.cwd());
    if (file) {
      identities = registers?.get(file) ?? loadIdentities(file);
      registers?.set(file, identities);
    }
  }
  return { config, profile, identities };
}

export function print(s: string): void {
  process.stdout.write(s);
}
