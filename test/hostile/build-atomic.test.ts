/**
 * A refused or failed build leaves the previous outputs exactly as they were (SPEC: "written
 * atomically: a failed build leaves the previous outputs intact, never a half-written file").
 * A real draft build makes the previous outputs; a sentinel file is added; then builds that are
 * refused (--final with lint errors) or fail while writing (an output name taken by a folder,
 * the output folder being a file) must leave every byte in place.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_MS, exampleRepo, isStub, recordRow, registerCopy, runDhr, runProblems, tmpRoot, type Repo } from './support.js';

const parent = tmpRoot('atomic');
const identities = registerCopy(parent);
afterAll(() => rmSync(parent, { recursive: true, force: true }));
const available = !isStub('build');

/** Every file under a folder → its SHA-256 (folders marked), for byte-for-byte comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const f = path.join(d, n);
      const rel = path.relative(dir, f).split(path.sep).join('/');
      if (lstatSync(f).isDirectory()) {
        out[`${rel}/`] = 'folder';
        walk(f);
      } else out[rel] = createHash('sha256').update(readFileSync(f)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe.skipIf(!available)('build leaves previous outputs intact when refused or failing', () => {
  let repo: Repo;
  let previous: string;
  const LIMIT = 10 * HANG_MS;

  beforeAll(async () => {
    repo = exampleRepo(parent, 'repo');
    previous = path.join(parent, 'previous');
    const r = await runDhr(['build', repo.review, '--out', previous, '--draft', '--identities', identities], { cwd: repo.repo, timeoutMs: LIMIT });
    expect(runProblems(r)).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(previous, 'manifest.json'))).toBe(true);
    writeFileSync(path.join(previous, 'SENTINEL-from-an-earlier-run.txt'), 'do not touch\n');
  }, 10 * HANG_MS);

  /** A copy of the previous outputs, changed by `prepare`, for one failing build. */
  function outputsCopy(name: string, prepare?: (dir: string) => void): string {
    const d = path.join(parent, name);
    cpSync(previous, d, { recursive: true });
    prepare?.(d);
    return d;
  }

  it('--final on a review with lint errors is refused (exit 1) and writes nothing', async () => {
    const broken = exampleRepo(parent, 'broken');
    const plan = path.join(broken.review, 'action-plan.csv');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace(/,20\d\d-\d\d-\d\d,(not-started|in-progress|complete),/, ',TBC,$1,'));
    const out = outputsCopy('final-refused');
    const before = snapshot(out);
    const r = await runDhr(['build', broken.review, '--final', '--out', out, '--identities', identities], { cwd: broken.repo, timeoutMs: LIMIT });
    expect(runProblems(r)).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent).filter((n) => n.startsWith('.final-refused'))).toEqual([]);
    recordRow({ case: 'build-final-refused', input: 'build --final on a review with a lint error, into a folder of previous outputs', command: 'build', code: String(r.code), ms: String(r.ms), result: 'refused; previous outputs byte-identical' });
  }, 10 * HANG_MS);

  it('a value of the wrong type in review.yml stops even a draft build (exit 2, one line naming its place); an unknown key does not', async () => {
    const typed = exampleRepo(parent, 'wrong-type');
    const yml = path.join(typed.review, 'review.yml');
    const text = readFileSync(yml, 'utf8');
    expect(text).toMatch(/^subjects:/m);
    writeFileSync(yml, text.replace(/^subjects:/m, 'subjects: 42\nold_subjects:'));
    const out = outputsCopy('wrong-type-out');
    const before = snapshot(out);
    const r = await runDhr(['build', typed.review, '--out', out, '--draft', '--identities', identities], { cwd: typed.repo, timeoutMs: LIMIT });
    expect(runProblems(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dhr: build: reviews\/DHR-2024-03\/review\.yml:\d+:\d+: \d+ values? of the wrong type in review\.yml/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(snapshot(out)).toEqual(before);

    const unknown = exampleRepo(parent, 'unknown-key');
    const y2 = path.join(unknown.review, 'review.yml');
    writeFileSync(y2, `${readFileSync(y2, 'utf8')}\nnot_a_key: 1\n`);
    const r2 = await runDhr(['build', unknown.review, '--out', path.join(parent, 'unknown-key-out'), '--draft', '--identities', identities], { cwd: unknown.repo, timeoutMs: LIMIT });
    expect(r2.code, r2.stderr).toBe(0);
    expect(existsSync(path.join(parent, 'unknown-key-out', 'manifest.json'))).toBe(true);
  }, 20 * HANG_MS);

  it('--out naming an existing file fails (exit 2, one line) and leaves the file alone', async () => {
    const f = path.join(parent, 'a-file.txt');
    writeFileSync(f, 'not a folder\n');
    const r = await runDhr(['build', repo.review, '--out', f, '--identities', identities], { cwd: repo.repo, timeoutMs: LIMIT });
    expect(runProblems(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(readFileSync(f, 'utf8')).toBe('not a folder\n');
    expect(r.stderr).toMatch(/build: cannot write the outputs: \S*a-file\.txt exists and is not a folder; the previous outputs are unchanged/);
    expect(r.stderr, 'a user error, not a bug').not.toMatch(/internal error/);
    expect(readdirSync(parent).filter((n) => n.startsWith('.a-file.txt.tmp'))).toEqual([]);
    recordRow({ case: 'build-out-is-file', input: 'build --out naming an existing file', command: 'build', code: String(r.code), ms: String(r.ms), result: `refused: \`${r.stderr.trim().split("\n").pop()}\`; file unchanged` });
  }, 10 * HANG_MS);

  /**
   * A folder where the first or the last output goes: writeFilesAtomically checks every destination
   * before replacing any (and puts back what it moved if a rename still fails), so nothing changes.
   */
  for (const [what, name] of [['the first output', 'master-chronology.csv'], ['the last output', 'manifest.json']] as const) {
    it(`a build that cannot write ${what} (${name} is a folder) fails and changes nothing`, async () => {
      // a changed review: its outputs differ from the previous ones (builds are deterministic)
      const changed = exampleRepo(parent, `changed-${name}`);
      const chron = path.join(changed.review, 'chronologies', 'police.csv');
      writeFileSync(chron, readFileSync(chron, 'utf8').replace('Two officers attended', 'Three officers attended'));
      const ov = path.join(changed.review, 'overview-report.md');
      writeFileSync(ov, readFileSync(ov, 'utf8').replace(/\n## /, '\nA sentence added since the previous build.\n\n## '));
      const out = outputsCopy(`blocked-${name}`, (d) => {
        rmSync(path.join(d, name), { force: true });
        mkdirSync(path.join(d, name, 'inside'), { recursive: true });
        writeFileSync(path.join(d, name, 'inside', 'keep.txt'), 'keep\n');
      });
      const before = snapshot(out);
      const r = await runDhr(['build', changed.review, '--out', out, '--draft', '--identities', identities], { cwd: changed.repo, timeoutMs: LIMIT });
      expect(runProblems(r)).toEqual([]);
      expect(r.code).toBe(2);
      const after = snapshot(out);
      const replaced = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
      recordRow({ case: `build-blocked-${name}`, input: `build into previous outputs where ${name} is a folder`, command: 'build', code: String(r.code), ms: String(r.ms), result: replaced.length ? `failed; ${replaced.length} previous outputs replaced (not atomic)` : 'failed; previous outputs byte-identical' });
      expect(replaced, 'outputs replaced by a build that failed').toEqual([]);
      expect(readdirSync(parent).filter((n) => n.startsWith(`.blocked-${name}.tmp`))).toEqual([]);
    }, 10 * HANG_MS);
  }
});

/**
 * Without the writer worker (one CPU, or DHR_WORKERS=0) the PDFs are drawn on the main thread while
 * the timeline's PNG fallbacks are encoded on libuv's threads: the canvas being encoded was collected
 * too soon, and one such build in two ended in SIGSEGV (exit 139). Two builds must both finish.
 */
describe.skipIf(!available)('build without the writer worker (one CPU)', () => {
  it('writes every output, twice in a row', async () => {
    const repo = exampleRepo(parent, 'one-thread');
    for (const run of [1, 2]) {
      const out = path.join(parent, `one-thread.out.${run}`);
      const r = await runDhr(['build', repo.review, '--out', out, '--draft', '--quiet', '--identities', identities],
        { cwd: repo.repo, env: { DHR_WORKERS: '0' }, timeoutMs: 10 * HANG_MS });
      expect(runProblems(r), `run ${run}`).toEqual([]);
      expect(r.code, `run ${run}: ${r.stderr}`).toBe(0);
      expect(existsSync(path.join(out, 'overview-report.pdf')) && existsSync(path.join(out, 'manifest.json')), `run ${run}`).toBe(true);
    }
  }, 20 * HANG_MS);
});
