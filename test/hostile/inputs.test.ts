/**
 * Hostile inputs through every command: each case breaks one thing in a copy of the example
 * review, and every command must end with exit 0, 1 or 2 (2: exactly one line on stderr), never
 * a stack trace, a crash or a hang, and never print content from outside the review.
 * `validate --format json` must also report the expected finding at the expected place.
 *
 * Set DHR_HOSTILE_TABLE=<file> to record each run (the table in docs/HOSTILE-INPUTS.md).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASES, COMMAND_RUNS, exampleRepo, isStub, recordRow, registerCopy, runDhr, runProblems, tmpRoot, type Repo, type Run,
} from './support.js';

const parent = tmpRoot('hostile');
const identities = registerCopy(parent);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** Text that would mean content from outside the review was read and printed. */
const OUTSIDE = [/root:x:0:0/, /OUTSIDE-SECRET-CONTENT/, /\/bin\/(ba)?sh/];

const stubs = new Set(COMMAND_RUNS.map((c) => c.name).filter((n) => isStub(n)));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const f = path.join(dir, e);
    if (statSync(f).isDirectory()) out.push(...filesUnder(f));
    else out.push(f);
  }
  return out;
}

function summary(r: Run, findings?: string): string {
  if (r.timedOut) return `hung, killed after ${r.ms} ms`;
  const first = r.stderr.trim().split('\n')[0] ?? '';
  if (r.code === 2) return `refused: \`${first.replace(/\|/g, '\\|').slice(0, 160)}\``;
  return findings ?? (r.code === 0 ? 'ran' : 'ran, errors reported');
}

function findingsSummary(stdout: string, repoDir: string, review: string): string | undefined {
  try {
    const out = JSON.parse(stdout) as { findings: { ruleId: string; file: string; line: number; column: number }[] };
    const byRule = new Map<string, string>();
    for (const f of out.findings) {
      if (byRule.has(f.ruleId)) continue;
      const rel = path.relative(review, path.resolve(repoDir, f.file)).split(path.sep).join('/');
      byRule.set(f.ruleId, `\`${f.ruleId}\` at ${rel}:${f.line}:${f.column}`);
    }
    const n = out.findings.length;
    return n === 0 ? 'no findings' : `${[...byRule.values()].slice(0, 4).join('; ')}${byRule.size > 4 ? '; …' : ''} (${n} finding${n === 1 ? '' : 's'})`;
  } catch {
    return undefined;
  }
}

for (const c of CASES) {
  describe.skipIf(Boolean(c.skip))(`hostile input: ${c.name} (${c.input})`, () => {
    let repo: Repo;
    let file: string | undefined;
    beforeAll(() => {
      repo = exampleRepo(parent, c.name);
      file = c.setup(repo);
    });

    for (const cmd of COMMAND_RUNS) {
      const skip = stubs.has(cmd.name) ? `dhr ${cmd.name} is not available in this version yet` : c.lintOnly && !['validate', 'lint'].includes(cmd.name) ? 'lint-only case' : '';
      it.skipIf(Boolean(skip)).concurrent(`${cmd.name} survives`, async () => {
        const out = path.join(parent, `${c.name}.out.${cmd.name}`);
        const args = cmd.args({ repo: repo.repo, review: repo.review, out, identities, file });
        if (!args) return; // the command takes a file and the case made none
        // run from the repository, like a user would (relative file names in findings)
        const r = await runDhr(args, { cwd: repo.repo });
        const problems = runProblems(r);
        expect(problems, `${cmd.name} on ${c.name}`).toEqual([]);
        for (const re of OUTSIDE) {
          expect(r.stdout, `${cmd.name} printed content from outside the review`).not.toMatch(re);
          expect(r.stderr).not.toMatch(re);
          for (const f of filesUnder(out)) expect(readFileSync(f, 'latin1'), `${f} holds content from outside the review`).not.toMatch(re);
        }
        let found: string | undefined;
        if (cmd.name === 'validate' || cmd.name === 'lint') found = findingsSummary(r.stdout, repo.repo, repo.review);
        recordRow({ case: c.name, input: c.input, command: cmd.name, code: String(r.code), ms: String(r.ms), result: summary(r, found) });
        if (cmd.name === 'validate') {
          const want = c.validate;
          expect(r.code, r.stderr).toBe(want.code);
          if (want.stderr) expect(r.stderr).toContain(want.stderr);
          if (want.findings) {
            const got = (JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; line: number; column: number }[] }).findings
              .map((f) => ({ ...f, file: path.relative(repo.review, path.resolve(repo.repo, f.file)).split(path.sep).join('/') }));
            for (const w of want.findings) {
              const hit = got.find((g) => g.ruleId === w.ruleId && g.file === w.file && (w.line === undefined || g.line === w.line) && (w.column === undefined || g.column === w.column));
              expect(hit, `expected ${JSON.stringify(w)} among ${JSON.stringify(got.map((g) => [g.ruleId, g.file, g.line, g.column, g.message]).slice(0, 20))}`).toBeDefined();
            }
          }
        }
      }, 120_000);
    }
  });
}
