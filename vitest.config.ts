import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest test files (issue 19: CPU seconds on 2 CPUs), started first so that the last files
 * to run are short ones and both workers stay busy to the end. The rest follow vitest's order
 * (the longest last time first, when it has a record of that).
 */
const SLOWEST = [
  'test/hostile/inputs-', // every hostile input through every command, dealt to inputs-<n>.test.ts
  'test/e2e/install.test.ts',
  'test/leaks-all-commands.test.ts',
  'test/hostile/build-atomic.test.ts',
  'test/install-refusals.test.ts',
  'test/interop/build.test.ts',
  'test/interop/submission.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.findIndex((s) => f.moduleId.includes(`/${s}`));
      return i < 0 ? SLOWEST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Three projects (issue 19): `npm test` runs them all, `npm run test:unit` the fast loop.
 * - unit: the tests beside the code, in src/. Files share their worker's modules (no isolation),
 *   so the example review the RuleTester holds in memory is read and parsed once per worker.
 * - e2e: the tests in test/ that drive the CLI (compile first: `npx tsc -p tsconfig.json`).
 *   test/support/global-setup.ts gives the run a folder in which one file can share work with the
 *   others (test/support/shared.ts).
 * - interop: test/interop/, with real programs (LibreOffice, pdftotext, qpdf, Chromium); a suite
 *   that skips when its program is missing runs, and fails, under CI=true.
 * e2e and interop files share their worker too: they test the programs they start, and a new
 * process per file cost about half a CPU second each.
 *
 * Workers: at least two. Most test time is spent waiting for the CLI and the programs it runs, so
 * two files at once keep two CPUs busy; vitest's default (CPUs less one) would run the files one
 * after another on a 2-CPU machine.
 */
export default defineConfig({
  test: {
    testTimeout: 30000,
    hookTimeout: 120000,
    pool: 'forks',
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    sequence: { sequencer: SlowestFirst },
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        test: {
          name: 'e2e', include: ['test/**/*.test.ts'], exclude: ['test/interop/**'], isolate: false, globalSetup: ['test/support/global-setup.ts'],
          // concurrent tests (the hostile inputs) per file: with two such files at once, four CLI runs
          // keep two CPUs busy (a build alone uses 1.7); more only slow each other (8 builds at once
          // cost 16% more CPU each than 2 or 4) and bring each run nearer its hang limit
          maxConcurrency: 2,
        },
      },
      { extends: true, test: { name: 'interop', include: ['test/interop/**/*.test.ts'], isolate: false } },
    ],
  },
});
