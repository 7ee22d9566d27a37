/**
 * Hostile inputs through every command: each case breaks one thing in a copy of the example
 * review, and each command that reads that kind of input (every command with DHR_HOSTILE_FULL=1)
 * must end with exit 0, 1 or 2 (2: exactly one line on stderr), never a stack trace, a crash or
 * a hang, and never print or write content from outside the review. `validate --format json`
 * must also report the expected finding at the expected place.
 *
 * "A hang" is a run longer than 60 s plus twice the command's time on the clean example
 * (measured first, once per test run, so a loaded machine does not fail the test).
 *
 * The cases are dealt in turn to the test files inputs-1.test.ts … inputs-N.test.ts beside this
 * module (N: however many there are), so that vitest's workers share them; within a file the cases
 * run side by side (at most `maxConcurrency` commands at once), each on its own copy of the review.
 *
 * Set DHR_HOSTILE_TABLE=<file> to record each run (the table in docs/HOSTILE-INPUTS.md).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedOnce } from '../support/shared.js';
import {
  CASES, COMMAND_RUNS, HANG_MS, exampleRepo, isStub, recordRow, registerCopy, repoWithOutsideReview, runDhr, runProblems, tmpRoot,
  type Repo, type Run,
} from './support.js';

/** Text that would mean content from outside the review was read and printed. */
const OUTSIDE = [/root:x:0:0/, /OUTSIDE-SECRET-CONTENT/, /\/bin\/(ba)?sh\b/];
const FULL = Boolean(process.env.DHR_HOSTILE_FULL);
/** With DHR_HOSTILE_STRICT=1, an "internal error" (a bug caught by the last-resort handler) fails too. */
const STRICT = Boolean(process.env.DHR_HOSTILE_STRICT);

/**
 * The test files the cases are dealt to: inputs-1.test.ts … inputs-N.test.ts beside this module,
 * numbered from 1 without a gap (else no file would run the cases dealt to the missing number).
 */
function shardFiles(): number {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const numbers = readdirSync(dir).map((n) => /^inputs-(\d+)\.test\.ts$/.exec(n)?.[1]).filter((n) => n !== undefined).map(Number).sort((a, b) => a - b);
  if (!numbers.length || numbers.some((n, i) => n !== i + 1)) throw new Error(`test/hostile: the inputs-<n>.test.ts files must be numbered 1 to N, found ${numbers.join(', ')}`);
  return numbers.length;
}

/**
 * Each command's time on the clean example, for the hang limit: measured once per test run (the
 * first test file to ask runs every command on a clean copy, side by side; the others wait).
 */
async function cleanBaseline(parent: string, identities: string, stubs: Set<string>): Promise<Map<string, number>> {
  const entries = await sharedOnce('hostile-baseline', async () => {
    const clean = exampleRepo(parent, 'baseline');
    const times: Array<[string, number]> = [];
    await Promise.all(COMMAND_RUNS.filter((c) => !stubs.has(c.name)).map(async (cmd) => {
      const file = path.join(clean.review, 'chronologies', 'police.csv');
      const args = cmd.args({ repo: clean.repo, review: clean.review, out: path.join(parent, `clean.out.${cmd.name}`), identities, file });
      if (!args) return;
      const r = await runDhr(args, { cwd: clean.repo, timeoutMs: 10 * HANG_MS });
      times.push([cmd.name, r.ms]);
    }));
    return times;
  }, 20 * HANG_MS);
  return new Map(entries);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const f = path.join(dir, e);
    if (lstatSync(f).isDirectory()) out.push(...filesUnder(f));
    else out.push(f);
  }
  return out;
}

function summary(r: Run, findings?: string): string {
  if (r.timedOut) return `hung, killed after ${r.ms} ms`;
  const first = r.stderr.trim().split('\n')[0] ?? '';
  if (r.code === 2) return `${/internal error/.test(first) ? 'INTERNAL ERROR (a bug)' : 'refused'}: \`${first.slice(0, 160)}\``;
  return findings ?? (r.code === 0 ? 'ran' : 'ran, errors reported');
}

function findingsSummary(stdout: string, repoDir: string, review: string): string | undefined {
  try {
    const out = JSON.parse(stdout) as { findings: { ruleId: string; file: string; line: number; column: number }[] };
    const byRule = new Map<string, string>();
    for (const f of out.findings) {
      if (byRule.has(f.ruleId) || !/^(format|schema|security)\//.test(f.ruleId)) continue;
      const rel = path.relative(review, path.resolve(repoDir, f.file)).split(path.sep).join('/');
      byRule.set(f.ruleId, `\`${f.ruleId}\` at ${rel}:${f.line}:${f.column}`);
    }
    const n = out.findings.length;
    return n === 0 ? 'no findings' : `${[...byRule.values()].slice(0, 3).join('; ') || 'rule findings only'} (${n} finding${n === 1 ? '' : 's'} in all)`;
  } catch {
    return undefined;
  }
}

/**
 * The hostile-input tests of the test file at `url` (inputs-<n>.test.ts): every N-th case of the
 * catalogue from the n-th, and in the last two files the hostile repository and paths.
 */
export function hostileInputs(url: string): void {
  const shard = Number(/inputs-(\d+)\.test\.ts$/.exec(fileURLToPath(url))?.[1]);
  const shards = shardFiles();
  if (!(shard >= 1 && shard <= shards)) throw new Error(`${url}: not one of test/hostile/inputs-1 … ${shards}.test.ts`);
  const cases = CASES.filter((_, i) => i % shards === shard - 1);
  const parent = tmpRoot(`hostile-${shard}`);
  const identities = registerCopy(parent);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const stubs = new Set(COMMAND_RUNS.map((c) => c.name).filter((n) => isStub(n)));
  /** Each command's time on the clean example, for the hang limit. */
  let baseline = new Map<string, number>();

  beforeAll(async () => {
    baseline = await cleanBaseline(parent, identities, stubs);
  }, 20 * HANG_MS);

  /** Runs a command and checks how it ended, what it printed and wrote; returns the run. */
  async function survive(cmd: string, args: string[], cwd: string, out?: string, slow = 1): Promise<Run> {
    const limit = slow * (HANG_MS + 2 * (baseline.get(cmd) ?? HANG_MS));
    const r = await runDhr(args, { cwd, timeoutMs: limit });
    expect(runProblems(r), `${cmd} ${args.slice(1).join(' ')}`).toEqual([]);
    if (STRICT) expect(r.stderr, `${cmd} hit an internal error`).not.toMatch(/internal error/);
    for (const re of OUTSIDE) {
      expect(r.stdout, `${cmd} printed content from outside the review`).not.toMatch(re);
      expect(r.stderr, `${cmd} printed content from outside the review`).not.toMatch(re);
      for (const f of out ? filesUnder(out) : []) expect(readFileSync(f, 'latin1'), `${f} holds content from outside the review`).not.toMatch(re);
    }
    return r;
  }

  for (const c of cases) {
    describe.skipIf(Boolean(c.skip)).concurrent(`hostile input: ${c.name} (${c.input})`, () => {
      let repo: Repo;
      let file: string | undefined;
      beforeAll(() => {
        repo = exampleRepo(parent, c.name);
        file = c.setup(repo);
      });

      for (const cmd of COMMAND_RUNS) {
        if (!FULL && !cmd.reads.includes(c.kind)) continue;
        it.skipIf(stubs.has(cmd.name)).concurrent(`${cmd.name} survives`, async ({ skip }) => {
          const out = path.join(parent, `${c.name}.out.${cmd.name}`);
          // a command that changes the review gets a copy of its own, broken the same way
          const own = cmd.changesReview ? exampleRepo(parent, `${c.name}.${cmd.name}`) : repo;
          const ownFile = cmd.changesReview ? c.setup(own) : file;
          const args = cmd.args({ repo: own.repo, review: own.review, out, identities, file: ownFile });
          // reported as skipped, not passed: the command takes a file and the case made none
          if (!args) return skip('the command takes a file and this case made none');
          // run from the repository, like a user would (relative file names in findings)
          const r = await survive(cmd.name, args, own.repo, out, c.slow);
          const found = cmd.name === 'validate' || cmd.name === 'lint' ? findingsSummary(r.stdout, own.repo, own.review) : undefined;
          recordRow({ case: c.name, input: c.input, command: cmd.name, code: String(r.code), ms: String(r.ms), result: summary(r, found) });
          if (cmd.name === 'validate') {
            const want = c.validate;
            expect(r.code, r.stderr).toBe(want.code);
            if (want.stderr) expect(r.stderr).toContain(want.stderr);
            if (want.findings) {
              const got = (JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; line: number; column: number; message: string }[] }).findings
                .map((f) => ({ ...f, file: path.relative(own.review, path.resolve(own.repo, f.file)).split(path.sep).join('/') }));
              for (const w of want.findings) {
                const hit = got.find((g) => g.ruleId === w.ruleId && g.file === w.file && (w.line === undefined || g.line === w.line) && (w.column === undefined || g.column === w.column));
                expect(hit, `expected ${JSON.stringify(w)} among ${JSON.stringify(got.map((g) => [g.ruleId, g.file, g.line, g.column, g.message]).slice(0, 20))}`).toBeDefined();
              }
            }
          }
        }, 40 * HANG_MS);
      }
    });
  }

  // these two go to the last files, which have a case fewer when the cases do not divide evenly
  if (shard === shards) describe.concurrent('hostile repository: reviews/<id> is a symbolic link to a review outside the repository', () => {
    let repo: Repo;
    beforeAll(() => {
      repo = repoWithOutsideReview(parent);
    });
    for (const cmd of ['validate', 'lint', 'audit']) {
      it.skipIf(stubs.has(cmd)).concurrent(`${cmd} on the repository refuses it with one line naming the link (exit 2)`, async () => {
        const r = await survive(cmd, [cmd, repo.repo], repo.repo);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/reviews\/DHR-2024-03: symbolic link pointing outside the repository; not followed/);
        recordRow({ case: 'review-folder-link-outside', input: 'a repository whose reviews/DHR-2024-03 is a symlink to a folder outside it', command: cmd, code: String(r.code), ms: String(r.ms), result: summary(r) });
      }, 20 * HANG_MS);
    }
  });

  if (shard === Math.max(1, shards - 1)) describe.concurrent('hostile paths given on the command line', () => {
    // the first path is a file of a clean repository
    beforeAll(() => {
      exampleRepo(parent, 'clean');
    });
    // chronology and build load the folder given as a review without looking for review.yml first:
    // an empty folder gives an empty (draft) chronology or build; they must only survive it
    const mustRefuse = (what: string, cmd: string) => !(what === 'an empty folder' && ['chronology', 'build'].includes(cmd));
    // the runs go side by side: each has its own empty folder and output folder
    const paths: Array<[string, (p: string, cmd: string) => string]> = [
      ['a file instead of a folder', () => path.join(parent, 'clean', 'dhr.config.yml')],
      ['a folder that does not exist', () => path.join(parent, 'no', 'such', 'review')],
      ['an empty folder', (p, cmd) => { const d = path.join(p, `empty-folder-${cmd}`); rmSync(d, { recursive: true, force: true }); mkdirSync(d); return d; }],
      ['/dev/null', () => '/dev/null'],
    ];
    for (const [n, [what, make]] of paths.entries()) {
      for (const cmd of ['validate', 'lint', 'chronology', 'build', 'audit', 'costs']) {
        it.skipIf(stubs.has(cmd)).concurrent(`${cmd} given ${what} ${mustRefuse(what, cmd) ? 'exits 2 with one line' : 'survives'}`, async () => {
          const p = make(parent, cmd);
          const r = await survive(cmd, [cmd, p, '--out', path.join(parent, `paths-out-${cmd}-${n}`)].slice(0, ['chronology', 'build'].includes(cmd) ? 4 : 2), parent);
          recordRow({ case: `path-${what}`, input: `the path given is ${what}`, command: cmd, code: String(r.code), ms: String(r.ms), result: summary(r) });
          if (mustRefuse(what, cmd)) expect(r.code).toBe(2);
        }, 20 * HANG_MS);
      }
    }
  });
}
