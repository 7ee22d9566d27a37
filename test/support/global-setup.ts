/**
 * vitest globalSetup of the e2e project: a folder for this run, shared by the test files of the
 * run (and removed after it), where `sharedOnce` (test/support/shared.ts) keeps what one file
 * worked out for the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that lives as long as this vitest run (see test/support/shared.ts). */
    dhrRunDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dhr-vitest-run-'));
  project.provide('dhrRunDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
