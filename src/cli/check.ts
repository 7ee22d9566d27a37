/** `validate` and `lint` share this: load each review, run the rules, print in a format. */
import { existsSync } from 'node:fs';
import type { Command } from './command.js';
import { parseFlags, formatFlag, todayInLondon, isoDateFlag, print } from './common.js';
import { UsageError } from './errors.js';
import { findReviewDirs } from '../review/load.js';
import { checkInWorkers, checkReview, workerCount, type CheckJob, type CheckResult } from '../lint/parallel.js';
import { format } from '../lint/formatters/index.js';
import { finalBlockers, finalRefusal } from '../lint/gate.js';
import type { Finding } from '../review/model.js';
import { NO_REGISTER_NOTICE, type IdentityRegister } from '../lint/identities.js';

export async function runCheck(args: string[], mode: 'validate' | 'lint'): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    format: { type: 'string', short: 'f' },
    'show-values': { type: 'boolean' },
    'as-of': { type: 'string' },
    'max-warnings': { type: 'string' },
    ...(mode === 'lint' ? { final: { type: 'boolean' as const } } : {}),
  }, mode);
  if (values.help) {
    print((mode === 'lint' ? lintCommand : validateCommand).usage);
    return 0;
  }
  const fmt = formatFlag(values.format);
  if (positionals.length === 0) throw new UsageError(`${mode}: give at least one review folder or repository (see dhr ${mode} --help)`);
  if (values['show-values'] && process.env.CI) throw new UsageError('--show-values prints sensitive text and is refused when CI is set');
  const today = isoDateFlag(values['as-of'], '--as-of') ?? todayInLondon();
  const dirs: string[] = [];
  for (const p of positionals) {
    if (!existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    dirs.push(...findReviewDirs(p));
  }
  const findings: Finding[] = [];
  let files = 0;
  const final = Boolean(values.final);
  const job: CheckJob = { mode, today, final, flags: { config: values.config as string | undefined, identities: values.identities as string | undefined } };
  // several reviews and several CPUs: worker threads, results in the same order
  const workers = workerCount(dirs.length);
  let results: CheckResult[];
  if (workers) results = await checkInWorkers(dirs, job, workers);
  else {
    const registers = new Map<string, IdentityRegister>();
    // validate runs no rule: the rule modules are loaded for lint only
    const rules = mode === 'lint' ? (await import('../rules/index.js')).allRules : [];
    results = dirs.map((dir) => checkReview(dir, job, rules, registers));
  }
  // never a silent pass: without any register, registered names were not checked (said once)
  if (mode === 'lint' && results.some((r) => r.register === 'none')) process.stderr.write(NO_REGISTER_NOTICE);
  for (const r of results) {
    files += r.files;
    for (const f of r.findings) findings.push(f); // not push(...): a review can have more findings than a call takes arguments
  }
  const out = format(fmt, {
    findings, files, reviews: dirs.length, showValues: Boolean(values['show-values']),
    color: fmt === 'stylish' && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });
  const quiet = Boolean(values.quiet);
  if (!(quiet && fmt === 'stylish' && findings.every((f) => f.severity !== 'error'))) {
    print(quiet && fmt === 'stylish' ? out.split('\n').filter((l) => !/\s(warning|info)\s/.test(l)).join('\n') : out);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const maxW = values['max-warnings'] !== undefined ? Number(values['max-warnings']) : undefined;
  if (maxW !== undefined && (!Number.isInteger(maxW) || maxW < 0)) throw new UsageError('--max-warnings must be a whole number');
  // --final: the submission gate; the findings are printed above, the refusal is one line on stderr
  const blockers = final ? finalBlockers(findings) : [];
  if (blockers.length) process.stderr.write(`${finalRefusal('lint --final', blockers, true)}\n`);
  return errors > 0 || blockers.length > 0 || (maxW !== undefined && warnings > maxW) ? 1 : 0;
}

const common = `Options:
  --format, -f stylish|json|github|sarif   output format (default stylish)
  --config FILE           dhr.config.yml to use (default: the nearest one above the review)
  --identities FILE       identity register (default $DHR_IDENTITIES, then .dhr/identities.yml)
  --as-of YYYY-MM-DD      the date "today" for future-date checks (default today, Europe/London)
  --max-warnings N        exit 1 when there are more than N warnings
  --show-values           add the sensitive text found to messages, escaped (local use only; refused in CI)
  --quiet, -q             print errors only
Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable input.
`;

const FINAL_FLAG = `  --final                 the submission gate, as dhr build --final: exit 1 on any error and on any
                          anonymisation (anon/*) finding, warnings included, that is not disabled inline with
                          a reason (<!-- dhr-disable-next-line RULE -- why -->); anon/* rules cannot be off
`;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check review folders against the JSON Schemas (parsing and schemas only)',
  usage: `Usage: dhr validate <review-dir>… [options]\n\nChecks review.yml, chronologies, IMR front matter and the action plan against the JSON Schemas in schemas/,\nand reports malformed YAML, CSV and encodings at their line and column.\n\n${common}`,
  run: (args) => runCheck(args, 'validate'),
};

export const lintCommand: Command = {
  name: 'lint',
  summary: 'validate, then run every compliance rule (anonymisation, SMART, process, report, chronology)',
  usage: `Usage: dhr lint <path>… [options]\n\nA path is a review folder or a repository holding reviews/*/. Runs validation and every enabled rule.\nRules and tags are configured in dhr.config.yml; each rule's documentation is in src/rules/<tag>/<name>.md.\n\n${common.replace('  --quiet', FINAL_FLAG + '  --quiet')}`,
  run: (args) => runCheck(args, 'lint'),
};
