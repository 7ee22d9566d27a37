/** `dhr chronology <review-dir> [--out DIR]`: merges the agency chronologies and writes the master chronology. */
import path from 'node:path';
import type { Command } from './command.js';
import { messageOf, shownFile } from '../lint/formatters/index.js';
import { isoDateFlag, parseFlags, print, setupFor, todayInLondon } from './common.js';
import { UsageError } from './errors.js';
import { loadReview } from '../review/load.js';
import { guarded } from '../lint/guard.js';
import { lintReview, prepareLint } from '../lint/engine.js';
import { chronologyRules } from '../rules/chronology/index.js';
import { formatReconciliation, masterOf } from '../chronology/merge.js';
import { chronologyOutputFiles } from '../chronology/outputs.js';
import { writeFilesAtomically } from '../document/atomic.js';
import { relPath } from '../review/source.js';
import type { Finding } from '../review/model.js';

/** Findings listed on stderr before "and N more". */
const MAX_LISTED = 20;

export const chronologyCommand: Command = {
  name: 'chronology',
  summary: 'write the master chronology (CSV, Markdown, DOCX, SVG timeline)',
  usage: `Usage: dhr chronology <review-dir> [--out DIR] [options]

Merges every chronologies/<agency>.csv of the review into one master chronology and writes
  master-chronology.csv   every row once, with ref = <agency>#<id>, dates in ISO form
  master-chronology.md    the same as a Markdown table, key events in bold
  master-chronology.docx  the same as a landscape Word table, key events emphasised
  timeline.svg            one lane per agency on a shared time axis
into --out (default reports/<review-id>/), replacing the previous files only once all are written.

It prints the reconciliation (rows in → rows out per agency) and the files written, and lists
chronology findings (dates that cannot be read, duplicates, gaps, events outside the review
period) on stderr. Rows whose date cannot be read are still written, at the end, marked.

Options:
  --out DIR               output folder (default reports/<review-id>/ under the current folder)
  --config FILE           dhr.config.yml to use (default: the nearest one above the review)
  --as-of YYYY-MM-DD      the date "today" for future-date checks (default today, Europe/London)
  --quiet, -q             print nothing but errors
Exit codes: 0 outputs written (even when some dates could not be read: see the findings);
2 usage error, or the review or its configuration cannot be read.
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { out: { type: 'string', short: 'o' }, 'as-of': { type: 'string' } }, 'chronology');
    if (values.help) {
      print(chronologyCommand.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('chronology: give exactly one review folder (see dhr chronology --help)');
    const today = isoDateFlag(values['as-of'], '--as-of') ?? todayInLondon();
    const dir = positionals[0];
    // the chronologies and review.yml are all this command reads (the IMRs and reports are not parsed)
    const review = loadReview(dir, { only: 'chronologies' });
    const setup = setupFor(dir, { config: values.config as string | undefined }, false);
    const quiet = Boolean(values.quiet);

    const master = masterOf(review); // shared with the chronology rules, which merge the same rows
    const chronologyFiles = new Set([...review.chronologies.values()].map((t) => t.file.rel));
    const lint = { ...setup, ...guarded(setup.identities, setup.profile), today, rules: chronologyRules };
    // a large chronology's duplicate search goes on (on another thread) while the outputs are made
    prepareLint(review, lint);
    const files = await chronologyOutputFiles(review, master, { marking: setup.profile.marking?.draft || undefined });
    const out = (values.out as string | undefined) ?? path.join('reports', review.id);
    let written: string[];
    try {
      written = writeFilesAtomically(out, files);
    } catch (e) {
      throw new UsageError(`chronology: cannot write to ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const findings = lintReview(review, lint).filter((f) => f.ruleId.startsWith('chronology/') || chronologyFiles.has(f.file));

    if (review.chronologies.size === 0) process.stderr.write(`dhr: ${review.rel}: no chronologies/*.csv found; the master chronology is empty\n`);
    if (!master.reconciliation.ok) {
      process.stderr.write(`dhr: reconciliation failed: ${formatReconciliation(master.reconciliation)}\n`);
    }
    printFindings(findings, quiet);
    if (!quiet) {
      print(`Master chronology of ${review.id}: ${formatReconciliation(master.reconciliation)}\n`);
      for (const f of written) print(`  wrote ${relPath(f)}\n`);
    }
    return 0;
  },
};

function printFindings(findings: Finding[], quiet: boolean): void {
  const shown = quiet ? findings.filter((f) => f.severity === 'error') : findings;
  if (shown.length === 0) return;
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const [e, w, i] = [count('error'), count('warning'), count('info')];
  const parts = [e && `${e} error${e === 1 ? '' : 's'}`, w && `${w} warning${w === 1 ? '' : 's'}`, i && `${i} note${i === 1 ? '' : 's'}`].filter(Boolean);
  process.stderr.write(`Chronology findings: ${parts.join(', ')}\n`);
  for (const f of shown.slice(0, MAX_LISTED)) {
    process.stderr.write(`  ${shownFile(f)}:${f.line}:${f.column}  ${f.severity}  ${messageOf(f, false)}  ${f.ruleId}\n`);
  }
  if (shown.length > MAX_LISTED) process.stderr.write(`  … and ${shown.length - MAX_LISTED} more: run dhr lint for the full list\n`);
}
