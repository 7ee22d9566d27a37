import { defineConfig } from 'vitest/config';

/**
 * Three projects (issue 19): `npm test` runs them all, `npm run test:unit` the fast loop.
 * - unit: the tests beside the code, in src/. Files share their worker's modules (no isolation),
 *   so the example review the RuleTester holds in memory is read and parsed once per worker.
 * - e2e: the tests in test/ that drive the CLI (compile first: `npx tsc -p tsconfig.json`).
 * - interop: test/interop/, with real programs (LibreOffice, pdftotext, qpdf, Chromium); a suite
 *   that skips when its program is missing runs, and fails, under CI=true.
 */
export default defineConfig({
  test: {
    testTimeout: 30000,
    hookTimeout: 120000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: ['test/interop/**'] } },
      { extends: true, test: { name: 'interop', include: ['test/interop/**/*.test.ts'] } },
    ],
  },
});
