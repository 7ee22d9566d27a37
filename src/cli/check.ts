/** `validate` and `lint` share this: load each review, run the rules, print in a format. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parseFlags, formatFlag, todayInLondon, isoDateFlag, print } from './common.js';
import { UsageError } from './errors.js';
import { defaultReviewPath, enclosingReview } from './locate.js';
import { findReviewDirs } from '../review/load.js';
import { checkInWorkers, checkReviewAfter, workerCount, type CheckJob, type CheckResult } from '../lint/parallel.js';
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
  const docs = `${mode} prints findings; the documents (DOCX, PDF, HTML) come from dhr build <review-dir>`;
  const fmt = formatFlag(values.format, undefined, { html: docs, docx: docs, pdf: docs, text: 'the plain listing is stylish (the default)' });
  if (values['show-values'] && process.env.CI) throw new UsageError('--show-values prints sensitive text and is refused when CI is set');
  const today = isoDateFlag(values['as-of'], '--as-of') ?? todayInLondon();
  // no path: the review you stand in, else the reviews/ of the repository around you
  const paths = positionals.length ? positionals : [defaultReviewPath(mode)];
  const dirs: string[] = [];
  // a file names its review; only that file's findings are shown (the hook's advice: dhr lint --show-values <file>)
  const onlyFiles = new Map<string, Set<string> | null>();
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    if (statSync(p).isFile()) {
      const review = enclosingReview(p);
      if (!review) throw new UsageError(`${p}: not inside a review folder (no review.yml above it)`);
      if (!onlyFiles.has(review)) {
        dirs.push(review);
        onlyFiles.set(review, new Set());
      }
      onlyFiles.get(review)?.add(path.resolve(p));
      continue;
    }
    for (const d of findReviewDirs(p)) {
      if (!onlyFiles.has(path.resolve(d))) dirs.push(d);
      onlyFiles.set(path.resolve(d), null);
    }
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
    // validate runs no rule (the rule modules are loaded for lint only), but withholds the paths
    // that read as a personal name, as lint does
    const rules = mode === 'lint' ? (await import('../rules/index.js')).allRules : [(await import('../rules/anon/person-name.js')).withholdNamedPaths];
    // git lists the tracked files (security/identities-committed) while the first review is read
    const listed = mode === 'lint'
      ? (await import('../rules/security/identities-committed.js')).prefetchTrackedFiles(dirs)
      : Promise.resolve();
    results = [];
    for (const dir of dirs) results.push(await checkReviewAfter(listed, dir, job, rules, registers));
  }
  // never a silent pass: without any register, registered names were not checked (said once)
  if (mode === 'lint' && results.some((r) => r.register === 'none')) process.stderr.write(NO_REGISTER_NOTICE);
  for (const r of results) {
    files += r.files;
    const only = onlyFiles.get(path.resolve(dirs[results.indexOf(r)]!));
    for (const f of r.findings) {
      if (only && !only.has(path.resolve(f.file))) continue;
      findings.push(f); // not push(...): a review can have more findings than a call takes arguments
    }
  }
  const out = format(fmt, {
    findings, files, reviews: dirs.length, showValues: Boolean(values['show-values']), command: mode,
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
  usage: `Usage: dhr validate [path…] [options]\n\nWith no path: the review folder you are in, else the reviews/ of the repository.\nChecks review.yml, chronologies, IMR front matter and the action plan against the JSON Schemas in schemas/,\nand reports malformed YAML, CSV and encodings at their line and column.\n\n${common}`,
  run: (args) => runCheck(args, 'validate'),
};

export const lintCommand: Command = {
  name: 'lint',
  summary: 'validate, then run every compliance rule (anonymisation, SMART, process, report, chronology)',
  usage: `Usage: dhr lint [path…] [options]\n\nA path is a review folder, a repository holding reviews/*/, or a file in a review (its findings only).\nWith no path: the review folder you are in, else the reviews/ of the repository. Runs validation and every enabled rule.\nRules and tags are configured in dhr.config.yml; each rule's documentation is in src/rules/<tag>/<name>.md.\n\n${common.replace('  --quiet', FINAL_FLAG + '  --quiet')}`,
  run: (args) => runCheck(args, 'lint'),
};
