/**
 * The tool as a chair gets it, outside its own clone: `npm pack` (of a copy of this project, so the
 * clone's own dist/ is never touched while other tests use it), the tarball installed into a fresh
 * folder, `npx dhr init repo --tool <tarball>`, `npm install` in the repository (from the npm
 * cache: nothing but the package registry is ever asked), then `npx dhr new`, `lint` and `build`
 * there, and the pre-commit hook running the pinned copy.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureRepo, git, ISOLATED_ENV } from '../support/git.js';
import { EXAMPLE, EXAMPLE_IDENTITIES, ROOT } from '../support/rule-tester.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a person at a terminal: no npm or vitest settings inherited from this run. */
function userEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...ISOLATED_ENV })) {
    if (v === undefined || /^(npm_|VITEST|NODE_OPTIONS$|INIT_CWD$)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', CI: '', DHR_DEBUG: '' };
}

function run(cmd: string, args: string[], cwd: string): Run {
  const r = spawnSync(cmd, args, { cwd, env: userEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** npm from the cache first: the registry is the only network it may use, and it already holds every package. */
const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn'];

let tmp: string;
let tarball: string;
let chair: string;
let repo: string;
let packed: Run;
let installed: Run;
let repoInstall: Run;
let initRun: Run;
const timings: Record<string, number> = {};

function timed<T>(name: string, f: () => T): T {
  const t0 = Date.now();
  try {
    return f();
  } finally {
    timings[name] = Date.now() - t0;
  }
}

beforeAll(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dhr-e2e-')));
  // a copy of the project (no dist/, no node_modules: linked) to pack, as a release would be made
  const src = path.join(tmp, 'dhr-src');
  const skip = new Set(['node_modules', 'dist', '.git', 'reports', 'tmp']);
  cpSync(ROOT, src, { recursive: true, filter: (p) => {
    const parts = path.relative(ROOT, p).split(path.sep);
    return !skip.has(parts[0]) && !parts.includes('node_modules') && !(parts[0] === 'bench' && parts[1] === 'out');
  } });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(src, 'node_modules'), 'dir');
  packed = timed('npm pack', () => run('npm', ['pack', '--json', '--pack-destination', tmp], src));
  const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0] as { filename: string; size: number; unpackedSize: number; entryCount: number };
  process.stderr.write(`install e2e tarball: ${info.filename} ${info.size} bytes (${info.unpackedSize} unpacked), ${info.entryCount} files\n`);
  tarball = path.join(tmp, info.filename);

  chair = path.join(tmp, 'chair');
  mkdirSync(chair);
  installed = timed('npm install <tarball>', () => run('npm', ['install', tarball, ...npmFlags], chair));
  initRun = run('npx', ['--no-install', 'dhr', 'init', 'repo', '--tool', tarball], chair);
  repo = path.join(chair, 'repo');
  repoInstall = timed('npm install (review repository)', () => run('npm', ['install', ...npmFlags], repo));
}, 900_000);

afterAll(() => {
  if (Object.keys(timings).length) process.stderr.write(`install e2e timings (ms): ${JSON.stringify(timings)}\n`);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('installed from the npm pack tarball, outside the clone', { timeout: 600_000 }, () => {
  it('packs compiled code, schemas, templates, profiles and data, and no tests or fixtures', () => {
    expect(packed.code, packed.stderr).toBe(0);
    const files = (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0].files as Array<{ path: string }>).map((f) => f.path);
    for (const f of ['bin/dhr.js', 'dist/src/cli/main.js', 'dist/src/lint/worker.js', 'dist/src/review/schemas.compiled.cjs', 'schemas/review.schema.json', 'templates/repo/.github/workflows/dhr.yml',
      'templates/review/review.yml', 'profiles/gloucestershire.yml', 'src/rules/anon/data/given-names.txt', 'profiles/report-sections.yml',
      'src/chronology/headings.yml', 'src/reports/home-office-form.fields.yml', 'action.yml', 'package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(fixtures|test|bench|dist\/bench)\/|\.test\.(ts|js)$|^src\/.*\.ts$/.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(chair, 'node_modules/@dhr-reviews/dhr/package.json'), 'utf8'));
    expect(pkg.name).toBe('@dhr-reviews/dhr');
    expect(pkg.bin).toEqual({ dhr: 'bin/dhr.js' });
  });

  it('installs on this Node, and `npx dhr --help` runs it', () => {
    expect(installed.code, installed.stderr).toBe(0);
    // outside a review repository npm names one package only: nanoid 6, which docx declares but never
    // loads (it carries its own copy); a repository made by dhr init overrides it (next tests)
    const engines = [...installed.stderr.matchAll(/EBADENGINE +package: '([^']+)'/g)].map((m) => m[1]);
    expect(engines.filter((p) => !p.startsWith('nanoid@6.'))).toEqual([]);
    const help = run('npx', ['--no-install', 'dhr', '--help'], chair);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^dhr \d+\.\d+\.\d+ — Domestic Homicide Review pipeline/);
    const v = run('npx', ['--no-install', 'dhr', '--version'], chair);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it("the README's one command for a chair, run as written, makes a repository pinning the tarball", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.startsWith('npx --yes --package ./dhr-reviews-dhr-'));
    expect(line, 'the Install section gives the command').toBeTruthy();
    const name = path.basename(tarball);
    expect(line).toContain(`./${name}`); // the README names this version's tarball
    const fresh = path.join(tmp, 'readme-chair');
    mkdirSync(fresh);
    cpSync(tarball, path.join(fresh, name));
    const r = timed('README one-liner (npx --package)', () => run('sh', ['-c', line!], fresh));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(fresh, 'my-reviews', 'package.json'), 'utf8')).dependencies)
      .toEqual({ '@dhr-reviews/dhr': `file:.dhr/tool/${name}` });
    expect(existsSync(path.join(fresh, 'my-reviews', '.git', 'hooks', 'pre-commit'))).toBe(true);
  });

  it('dhr init --tool <tarball> pins that tarball in package.json, copied into the repository', () => {
    expect(initRun.stderr).toBe('');
    expect(initRun.code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toEqual({ '@dhr-reviews/dhr': `file:.dhr/tool/${path.basename(tarball)}` });
    expect(readFileSync(path.join(repo, '.dhr/tool', path.basename(tarball)))).toEqual(readFileSync(tarball));
    expect(existsSync(path.join(repo, '.git'))).toBe(true);
    // the workflow installs that same version with npm ci and runs the pinned package's action
    const wf = readFileSync(path.join(repo, '.github/workflows/dhr.yml'), 'utf8');
    expect(wf).toContain('npm ci');
    expect(wf).toContain('uses: ./node_modules/@dhr-reviews/dhr');
    expect(wf).not.toMatch(/@(main|master)\b/);
  });

  it('npm install in the repository installs the pinned dhr from its tarball, on Node 20 without warnings', () => {
    expect(repoInstall.code, repoInstall.stderr).toBe(0);
    expect(repoInstall.stderr).not.toMatch(/EBADENGINE|Unsupported engine/);
    const lock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/@dhr-reviews/dhr'].resolved).toBe(`file:.dhr/tool/${path.basename(tarball)}`);
    const nanoid = lock.packages['node_modules/nanoid'] ?? lock.packages['node_modules/docx/node_modules/nanoid'];
    if (nanoid) expect(nanoid.version).toMatch(/^5\./);
    // `npx dhr` there is the pinned copy in node_modules, never a lookup elsewhere
    const which = run('npx', ['--no-install', 'dhr', '--version'], repo);
    expect(which.code).toBe(0);
    expect(realpathSync(path.join(repo, 'node_modules/.bin/dhr'))).toBe(path.join(repo, 'node_modules/@dhr-reviews/dhr/bin/dhr.js'));
  });

  it('npx dhr new at the top of the repository creates reviews/<id>, and says so', () => {
    const r = run('npx', ['--no-install', 'dhr', 'new', 'DHR-2025-02'], repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created reviews/DHR-2025-02');
    expect(existsSync(path.join(repo, 'reviews/DHR-2025-02/review.yml'))).toBe(true);
    // facts nobody has given yet are left empty
    const yml = readFileSync(path.join(repo, 'reviews/DHR-2025-02/review.yml'), 'utf8');
    expect(yml).toMatch(/home_office_training: null/);
    expect(yml).toMatch(/period: null/);
  });

  it('npx dhr lint with no path lints reviews/ of the repository; from inside a review, that review', () => {
    cpSync(EXAMPLE, path.join(repo, 'reviews/DHR-2024-03'), { recursive: true });
    // the register where dhr init's README says it goes (ignored by git): without one, lint says so
    cpSync(EXAMPLE_IDENTITIES, path.join(repo, '.dhr/identities.yml'));
    const all = run('npx', ['--no-install', 'dhr', 'lint', '--format', 'json'], repo);
    expect(all.stderr).toBe('');
    const json = JSON.parse(all.stdout);
    expect(json.summary.reviews).toBe(2);
    expect(all.code).toBe(json.summary.errors > 0 ? 1 : 0);
    expect(json.findings.some((f: { file: string }) => f.file.startsWith('reviews/DHR-2025-02/'))).toBe(true);
    const one = run('npx', ['--no-install', 'dhr', 'lint'], path.join(repo, 'reviews/DHR-2024-03'));
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/no problems .*in 1 review/);
  });

  it('npx dhr build writes the documents into reports/<id>/', () => {
    const r = timed('npx dhr build', () => run('npx', ['--no-install', 'dhr', 'build', 'reviews/DHR-2025-02', '--quiet'], repo));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['manifest.json', 'overview-report.docx', 'overview-report.pdf', 'home-office-form.pdf', 'home-office-form.json']) {
      expect(existsSync(path.join(repo, 'reports/DHR-2025-02', f)), f).toBe(true);
    }
    // the empty facts stay empty in the data form
    const form = JSON.parse(readFileSync(path.join(repo, 'reports/DHR-2025-02/home-office-form.json'), 'utf8'));
    expect(form).toHaveProperty('chair_home_office_training', null);
    expect(form).toHaveProperty('criminal_proceedings', null);
  });

  it('the pre-commit hook runs the pinned dhr: refuses a leak, lets a clean commit through, and needs npm ci', () => {
    const hook = readFileSync(path.join(repo, '.git/hooks/pre-commit'), 'utf8');
    expect(hook).toContain('node_modules/@dhr-reviews/dhr/bin/dhr.js');
    expect(hook).not.toContain(ROOT); // nothing of the clone the tarball was made from
    configureRepo(repo);
    // the register where dhr init's README says it goes (ignored by git)
    cpSync(EXAMPLE_IDENTITIES, path.join(repo, '.dhr/identities.yml'));
    expect(git(['add', '-A'], repo).code).toBe(0);
    expect(git(['ls-files', '.dhr/identities.yml', 'node_modules', 'reports'], repo).stdout).toBe('');
    const clean = git(['commit', '-q', '-m', 'first reviews'], repo);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    const imr = path.join(repo, 'reviews/DHR-2024-03/imrs/police.md');
    writeFileSync(imr, readFileSync(imr, 'utf8') + '\nAdult A could be reached on 07700 900123.\n');
    git(['add', imr], repo);
    const leak = git(['commit', '-q', '-m', 'leak'], repo);
    expect(leak.code).toBe(1);
    expect(leak.stderr).toMatch(/reviews\/DHR-2024-03\/imrs\/police\.md:\d+:\d+ +error +anon\/phone/);
    expect(leak.stderr).not.toContain('900123');
    expect(leak.stderr).toContain('npx dhr lint --show-values <file>');
    // that advice works: lint takes the file
    const shown = run('npx', ['--no-install', 'dhr', 'lint', '--show-values', 'reviews/DHR-2024-03/imrs/police.md'], repo);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain('anon/phone');
    expect(shown.stdout).not.toMatch(/overview-report\.md|action-plan\.csv/);

    // without the pinned copy installed, the hook refuses and says to run npm ci
    renameSync(path.join(repo, 'node_modules'), path.join(repo, 'node_modules.away'));
    try {
      const missing = git(['commit', '-q', '-m', 'leak'], repo);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('npm ci');
    } finally {
      renameSync(path.join(repo, 'node_modules.away'), path.join(repo, 'node_modules'));
    }
  });
});
