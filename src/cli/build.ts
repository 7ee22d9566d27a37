/** `dhr build <review-dir>`: lint, then write every document atomically into reports/<id>/. */
import path from 'node:path';
import type { Command } from './command.js';
import { parseFlags, print, setupFor, todayInLondon } from './common.js';
import { UsageError } from './errors.js';
import { loadReview } from '../review/load.js';
import { validateData } from '../review/schemas.js';
import { lintReview } from '../lint/engine.js';
import { guardFor, guarded } from '../lint/guard.js';
import { allRules } from '../rules/index.js';
import { finalBlockers, finalRefusal, identityBlockers, identityRefusal } from '../lint/gate.js';
import { buildOutputs } from '../reports/build.js';
import { writeFilesAtomically } from '../document/atomic.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'lint, then write every submission document (DOCX, PDF, data form, letters)',
  usage: `Usage: dhr build <review-dir> [--out DIR] [--draft|--final]

Lints the review, then writes into DIR (default reports/<review-id>/): the overview report, executive
summary and action plan (DOCX and PDF), the master chronology (CSV, Markdown, DOCX) and timeline
(SVG), the Home Office data form (PDF and JSON), letters/*.docx and manifest.json.
  --draft    (default) mark every page with the profile's protective marking; lint errors are counted but do not stop the build
  --final    for submission: no draft notice; refused (exit 1, nothing written) when lint finds any error or any
             anonymisation (anon/*) finding, warnings included, that is not disabled inline with a reason
  --out DIR  output folder
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
    }, 'build');
    if (values.help) {
      print(this.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('build: give exactly one review folder (see dhr build --help)');
    if (values.draft && values.final) throw new UsageError('build: --draft and --final cannot be used together');
    const final = Boolean(values.final);
    const quiet = Boolean(values.quiet);
    const setup = setupFor(positionals[0], { config: values.config as string | undefined, identities: values.identities as string | undefined });
    const review = loadReview(positionals[0]);
    // Every document is built from review.yml: a value of the wrong type there (a list where a date
    // goes, a number where the subjects go) cannot be used, even for a draft. Other schema problems
    // (an unknown key, a bad date) are lint errors like any other: a draft lists them and goes on.
    const wrongTypes = review.meta ? validateData('review', review.meta.data).filter((i) => i.keyword === 'type') : [];
    if (review.meta && wrongTypes.length) {
      const at = review.meta.spanOf(wrongTypes[0]!.path, { key: wrongTypes[0]!.key });
      throw new UsageError(`build: ${review.meta.file.rel}:${at.line}:${at.column}: ${wrongTypes.length} value${wrongTypes.length === 1 ? '' : 's'} of the wrong type in review.yml (run dhr validate ${positionals[0]}); nothing was written`);
    }
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
      process.stderr.write(`${finalRefusal('build --final', blockers)}\n`);
      return 1;
    }
    const out = (values.out as string | undefined) ?? path.join('reports', review.id);
    const tty = Boolean(process.stderr.isTTY);
    const files = await buildOutputs({
      review, profile: setup.profile, config: setup.config, draft: !final, guard: guardFor(setup.identities, setup.profile),
      progress: quiet ? undefined : (i, total, name) => {
        const line = `[${i}/${total}] ${name}`;
        process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
      },
    });
    if (!quiet && tty) process.stderr.write('\r\x1b[K');
    try {
      writeFilesAtomically(out, files);
    } catch (e) {
      // the previous outputs are as they were (see src/document/atomic.ts): say so, in one line
      throw new UsageError(`build: cannot write the outputs: ${(e as Error).message}; the previous outputs are unchanged`);
    }
    if (!quiet) {
      const warnings = findings.length - errors.length;
      print(`Built ${files.size} files for ${review.id} into ${out}${final ? '' : ' (draft)'}`
        + (findings.length ? ` — lint: ${errors.length} error(s), ${warnings} warning(s); run dhr lint for details` : '') + '\n');
    }
    return 0;
  },
};
