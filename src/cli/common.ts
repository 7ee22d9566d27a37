/** Flag parsing and the set-up shared by the commands that lint (validate, lint, build, hooks). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { closestMatch, didYouMean } from './suggest.js';
import { isoDateProblem } from '../dates/index.js';
import { FORMATS, type FormatName } from '../lint/formatters/index.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const COMMON_OPTIONS: Options = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
  config: { type: 'string' },
  identities: { type: 'string' },
};

/**
 * Options that belong to other commands, for a clearer word than "unknown option" when one is
 * given to the wrong command (`dhr build --format docx`).
 */
const OPTION_HOMES: Record<string, string> = {
  format: 'lint, validate, audit and costs (build writes every document format at once)',
  'show-values': 'lint and validate',
  'as-of': 'lint, validate and audit',
  'max-warnings': 'lint and validate',
  out: 'build, chronology and pack',
  draft: 'build', final: 'build', force: 'build, init and hooks install',
  html: 'audit', docx: 'audit', history: 'audit', 'fail-on-overdue': 'audit',
  write: 'redact', tool: 'init', here: 'init', agency: 'import and pack', to: 'import', all: 'pack',
};

/** parseArgs with user-facing errors (exit 2, one line) instead of exceptions, and "did you mean". */
export function parseFlags(args: string[], options: Options, command: string) {
  const all = { ...COMMON_OPTIONS, ...options };
  try {
    return parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    const unknown = /^Unknown option '(--?)([^'=]+)/.exec(msg);
    if (unknown) {
      const [, dashes, name] = unknown;
      const near = closestMatch(name, Object.keys(all).filter((k) => k !== 'help'));
      if (near) throw new UsageError(`${command}: unknown option ${dashes}${name}; did you mean --${near}? (see dhr ${command} --help)`);
      const home = OPTION_HOMES[name];
      if (home && dashes === '--') throw new UsageError(`${command}: --${name} is not an option of ${command}; it is for ${home} (see dhr ${command} --help)`);
    }
    throw new UsageError(`${command}: ${msg} (see dhr ${command} --help)`);
  }
}

/**
 * The --format value, checked against the formats this command prints. `hints` explain values
 * that belong elsewhere (audit: `html` is the --html FILE option).
 */
export function formatFlag(v: unknown, allowed: readonly string[] = FORMATS, hints: Record<string, string> = {}): FormatName {
  const f = (v as string | undefined) ?? 'stylish';
  if (!allowed.includes(f)) {
    const list = allowed.join(', ');
    const hint = hints[f.toLowerCase()];
    if (hint) throw new UsageError(`--format ${f} is not an output format here: ${hint}; --format takes ${list}`);
    throw new UsageError(`--format must be one of ${list} (got "${f}")${didYouMean(f, allowed)}`);
  }
  return f as FormatName;
}

export { todayInLondon } from '../dates/index.js';

export function isoDateFlag(v: unknown, flag: string): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const why = isoDateProblem(s);
  if (why) throw new UsageError(`${flag} ${s}: ${why === 'must be a date YYYY-MM-DD' ? 'not a date: write YYYY-MM-DD' : why}`);
  return s.trim();
}

export { setupFor, type LintSetup } from '../lint/setup.js';

export function print(s: string): void {
  process.stdout.write(s);
}
