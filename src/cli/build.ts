/** `dhr build <review-dir>`: lint, then write every document atomically into reports/<id>/. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parseFlags, print, setupFor, todayInLondon } from './common.js';
import { UsageError } from './errors.js';
import { loadReview } from '../review/load.js';
import { validateData } from '../review/schemas.js';
import { lintReview } from '../lint/engine.js';
import { startAnonScans } from '../rules/anon/scan-offload.js';
import { guardFor, guarded } from '../lint/guard.js';
import { allRules } from '../rules/index.js';
import { prefetchTrackedFiles } from '../rules/security/identities-committed.js';
import { finalBlockers, finalRefusal, identityBlockers, identityRefusal } from '../lint/gate.js';
import { prepareOutputs, warmWriters, type BuildOptions, type PreparedBuild } from '../reports/build.js';
import { writeFilesAtomically } from '../document/atomic.js';
import { CLEAR_LINE } from '../lint/formatters/ansi.js';
import { checkOutputFolder } from '../reports/previous-build.js';

/** review.yml must be there and readable before anything is built: one line, exit 2. */
function requireReviewYml(dir: string): void {
  const yml = path.join(dir, 'review.yml');
  if (!existsSync(dir)) throw new UsageError(`build: ${dir}: no such folder; nothing was written`);
  if (!existsSync(yml)) throw new UsageError(`build: ${path.join(dir, 'review.yml').split(path.sep).join('/')} not found: give a review folder (dhr new makes one); nothing was written`);
  try {
    readFileSync(yml);
  } catch (e) {
    throw new UsageError(`build: ${yml.split(path.sep).join('/')} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); nothing was written`);
  }
}

/**
 * The output folder must be new, empty or an earlier build's (--out ~ writes nothing), and no
 * document edited by hand since that build is replaced without --force.
 */
function guardOutputFolder(out: string, force: boolean): void {
  const check = checkOutputFolder(out);
  if (check.ok) return;
  const shown = out.split(path.sep).join('/');
  if (check.reason === 'not-a-build') {
    throw new UsageError(`build: ${shown} is not empty and holds no manifest.json of an earlier build; nothing was written (give a new or empty folder with --out)`);
  }
  if (!force) {
    const more = check.files.length > 1 ? ` and ${check.files.length - 1} more` : '';
    throw new UsageError(`build: ${shown}/${check.files[0]}${more} changed since the last build (manifest.json); nothing was written (keep a copy elsewhere, or use --force to replace ${check.files.length > 1 ? 'them' : 'it'})`);
  }
}

import { sofficeAvailable } from '../document/tagged.js';

/** Review statuses from which a review may be published (protocol: after Home Office clearance). */
const PUBLISHABLE = ['cleared', 'published', 'concluded'];

export const buildCommand: Command = {
  name: 'build',
  summary: 'lint, then write every submission document (DOCX, PDF, data form, letters)',
  usage: `Usage: dhr build <review-dir> [--out DIR] [--draft|--final|--publish]

Lints the review, then writes into DIR (default reports/<review-id>/): the overview report, executive
summary and action plan (DOCX and PDF), the master chronology (CSV, Markdown, DOCX) and timeline
(SVG), the Home Office data form (PDF and JSON), letters/*.docx and manifest.json.
  --draft    (default) for the panel: the profile's draft marking on every page and a DRAFT watermark; lint errors are listed but do not stop the build
  --final    for submission to the Home Office: marked (the profile's final marking, OFFICIAL by default), no watermark; refused (exit 1,
             nothing written) when lint finds any error or any anonymisation (anon/*) finding, warnings included, that is
             not disabled inline with a reason
  --publish  for publication, once review.yml's status is cleared or later (else exit 2): no marking, tagged (accessible) PDFs through LibreOffice; refused on any lint error
  --out DIR  output folder: new, empty, or the folder of an earlier build (with its manifest.json)
  --force    replace documents edited by hand since the last build (the build refuses otherwise)
Every build, --draft included, is refused (exit 1, nothing written) when a registered real name or identifier
is found (anon/identity): the refusal gives the positions, never the text.
A value of the wrong type in review.yml stops any build (exit 2, nothing written).
Outputs are written atomically: a failed or refused build leaves the previous outputs untouched.
Builds are deterministic; SOURCE_DATE_EPOCH sets the documents' date.
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, {
      out: { type: 'string', short: 'o' },
      draft: { type: 'boolean' },
      final: { type: 'boolean' },
      force: { type: 'boolean' },
      publish: { type: 'boolean' },
    }, 'build');
    if (values.help) {
      print(this.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('build: give exactly one review folder (see dhr build --help)');
    if ([values.draft, values.final, values.publish].filter(Boolean).length > 1) throw new UsageError('build: use one of --draft, --final and --publish');
    const publish = Boolean(values.publish);
    const final = Boolean(values.final) || publish;
    const kind = publish ? 'publish' : final ? 'final' : 'draft';
    const quiet = Boolean(values.quiet);
    // the PDF writers load on their worker while the review is read and linted here
    const writers = warmWriters(kind);
    const setup = setupFor(positionals[0], { config: values.config as string | undefined, identities: values.identities as string | undefined });
    requireReviewYml(positionals[0]);
    // git lists the tracked files (security/identities-committed) while the review is read
    const listed = prefetchTrackedFiles([positionals[0]]);
    // and a large review's biggest files are scanned for the anonymisation rules on another thread
    startAnonScans(positionals[0], setup.identities);
    const review = loadReview(positionals[0]);
    if (!review.meta) {
      const why = review.findings.find((f) => f.file.endsWith('review.yml'));
      throw new UsageError(`build: ${why ? `${why.file}:${why.line}:${why.column}: ${why.message}` : `${positionals[0]}: review.yml cannot be read`}; nothing was written`);
    }
    // Every document is built from review.yml: a value of the wrong type there (a list where a date
    // goes, a number where the subjects go) cannot be used, even for a draft. Other schema problems
    // (an unknown key, a bad date) are lint errors like any other: a draft lists them and goes on.
    const wrongTypes = review.meta ? validateData('review', review.meta.data).filter((i) => i.keyword === 'type') : [];
    if (review.meta && wrongTypes.length) {
      const at = review.meta.spanOf(wrongTypes[0]!.path, { key: wrongTypes[0]!.key });
      throw new UsageError(`build: ${review.meta.file.rel}:${at.line}:${at.column}: ${wrongTypes.length} value${wrongTypes.length === 1 ? '' : 's'} of the wrong type in review.yml (run dhr validate ${positionals[0]}); nothing was written`);
    }
    if (publish) {
      const status = review.meta?.data.status;
      if (!PUBLISHABLE.includes(String(status))) {
        const known = ['considering', 'not-proceeding', 'in-progress', 'submitted', 'qa-feedback'].includes(String(status));
        throw new UsageError(`build --publish: review.yml status is ${known ? `"${String(status)}"` : 'missing or not a known status'}; a review is published once cleared by the Home Office (status cleared or later); nothing was written`);
      }
      if (!sofficeAvailable()) {
        throw new UsageError('build --publish: LibreOffice (soffice, or $DHR_SOFFICE) is needed to write the tagged, accessible PDFs and was not found; nothing was written');
      }
    }
    await listed;
    const tty = Boolean(process.stderr.isTTY);
    const options: BuildOptions = {
      review, profile: setup.profile, config: setup.config, draft: !final, kind, guard: guardFor(setup.identities, setup.profile), writers,
      progress: quiet ? undefined : (i, total, name) => {
        const line = `[${i}/${total}] ${name}`;
        process.stderr.write(tty ? `${CLEAR_LINE}${line}` : `${line}\n`);
      },
    };
    // the worker draws the PDFs and the data form while the review is linted; all dropped if it is refused
    let prepared: PreparedBuild | undefined;
    try {
      prepared = prepareOutputs(options);
    } catch {
      prepared = undefined; // composed again once linted, where the failure is reported as it was
    }
    try {
      const findings = lintReview(review, { ...setup, ...guarded(setup.identities, setup.profile), today: todayInLondon(), rules: allRules, gate: final ? 'final' : 'build' });
      const errors = findings.filter((f) => f.severity === 'error');
      // a registered name or identifier stops every build before anything is rendered (src/lint/gate.ts)
      const identity = identityBlockers(findings);
      if (identity.length) {
        process.stderr.write(`${identityRefusal(identity)}\n`);
        return 1;
      }
      const blockers = final ? finalBlockers(findings) : [];
      if (blockers.length) {
        process.stderr.write(`${finalRefusal(`build --${kind}`, blockers)}\n`);
        return 1;
      }
      const out = (values.out as string | undefined) ?? path.join('reports', review.id);
      guardOutputFolder(out, Boolean(values.force));
      const files = await (prepared ?? prepareOutputs(options)).finish();
      if (!quiet && tty) process.stderr.write(CLEAR_LINE);
      try {
        writeFilesAtomically(out, files);
      } catch (e) {
        // the previous outputs are as they were (see src/document/atomic.ts): say so, in one line
        throw new UsageError(`build: cannot write the outputs: ${(e as Error).message}; the previous outputs are unchanged`);
      }
      if (!quiet) {
        const warnings = findings.length - errors.length;
        print(`Built ${files.size} files for ${review.id} into ${out}${kind === 'final' ? '' : ` (${kind})`}`
          + (findings.length ? ` — lint: ${errors.length} error(s), ${warnings} warning(s); run dhr lint for details` : '') + '\n');
      }
      return 0;
    } finally {
      await prepared?.cancel();
    }
  },
};
