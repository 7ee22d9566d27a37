/** Flag parsing and the set-up shared by the commands that lint (validate, lint, build, hooks). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';
import { parseIsoDay } from '../dates/index.js';
import { FORMATS, type FormatName } from '../lint/formatters/index.js';

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

export { todayInLondon } from '../dates/index.js';

export function isoDateFlag(v: unknown, flag: string): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const r = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseIsoDay(s) : undefined;
  if (!r) throw new UsageError(`${flag} must be a date YYYY-MM-DD (got "${s}")`);
  if (!r.ok) throw new UsageError(`${flag} must be a real date: ${r.error} (got "${s}")`);
  return s;
}

export { setupFor, type LintSetup } from '../lint/setup.js';

export function print(s: string): void {
  process.stdout.write(s);
}
