/**
 * Safe defaults and forgiving commands (issue 15), through the compiled CLI: every refusal exits 2
 * with one line and writes nothing; misspelt commands, options and formats get "did you mean";
 * commands run inside a review repository find it.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dhr as runDhr } from './support/cli.js';
import { git, ISOLATED_ENV } from './support/git.js';
import { EXAMPLE, ROOT } from './support/rule-tester.js';

const dhr = (args: string[], cwd: string) => runDhr(args, { cwd, env: { ...ISOLATED_ENV, CI: '' } });

/** Every file under a folder with its bytes' size and modification time: "nothing was written" means this is unchanged. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = `${s.size}:${s.mtimeMs}:${readFileSync(p).toString('base64').slice(0, 64)}`;
    }
  };
  walk(dir);
  return out;
}

/** exit 2, nothing on stdout, exactly one line on stderr starting "dhr: ". */
function expectRefusal(r: { code: number; stdout: string; stderr: string }): string {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^dhr: /);
  return lines[0];
}

let tmp: string;

beforeAll(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'dhr-safe-')));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('dhr init: its own repository, and hooks only there', { timeout: 120_000 }, () => {
  it('refuses a folder inside another git work tree, writing nothing', () => {
    const outer = path.join(tmp, 'outer');
    mkdirSync(outer);
    git(['init', '-q'], outer);
    const before = snapshot(outer);
    const line = expectRefusal(dhr(['init', 'reviews-repo'], outer));
    expect(line).toMatch(/reviews-repo is inside the git repository at .*outer.*--here/);
    expect(existsSync(path.join(outer, 'reviews-repo'))).toBe(false);
    expect(snapshot(outer)).toEqual(before);
    // also an existing sub-folder, and the current folder when it is below the top
    mkdirSync(path.join(outer, 'sub'));
    expectRefusal(dhr(['init'], path.join(outer, 'sub')));
    expect(readdirSync(path.join(outer, 'sub'))).toEqual([]);
  });

  it('--here writes the files there, but no git init and no hook in a repository it did not create', () => {
    const outer = path.join(tmp, 'outer-here');
    mkdirSync(outer);
    git(['init', '-q'], outer);
    const r = dhr(['init', 'sub', '--here'], outer);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(outer, 'sub', 'package.json'))).toBe(true);
    expect(existsSync(path.join(outer, 'sub', '.git'))).toBe(false);
    expect(existsSync(path.join(outer, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(r.stdout).not.toMatch(/installed\s+pre-commit/);
  });

  it('at the top of an existing repository: writes the files, installs no hook, says how to', () => {
    const cloned = path.join(tmp, 'cloned');
    mkdirSync(cloned);
    git(['init', '-q'], cloned);
    const r = dhr(['init'], cloned);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(cloned, 'dhr.config.yml'))).toBe(true);
    expect(existsSync(path.join(cloned, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(r.stdout).toMatch(/no pre-commit check was installed: run "npx dhr hooks install"/);
  });

  it('a new folder: git init, the hook that runs the pinned dhr, and package.json pinning this version', () => {
    const fresh = path.join(tmp, 'fresh');
    const r = dhr(['init', fresh], tmp);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('git init');
    const pkg = JSON.parse(readFileSync(path.join(fresh, 'package.json'), 'utf8'));
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(pkg.dependencies).toEqual({ '@dhr-reviews/dhr': version });
    expect(pkg.private).toBe(true);
    const hook = readFileSync(path.join(fresh, '.git', 'hooks', 'pre-commit'), 'utf8');
    expect(hook).toContain('"$top/node_modules/@dhr-reviews/dhr/bin/dhr.js"');
  });

  it('--tool: a git URL must name a tag or commit; a missing tarball and a branch action are refused', () => {
    for (const args of [
      ['--tool', 'git+https://example.org/dhr.git'],
      ['--tool', 'git+https://example.org/dhr.git#main'],
      ['--tool', './no-such-dhr.tgz'],
      ['--tool', 'latest'],
      ['--action', 'dhr-reviews/dhr@main'],
    ]) {
      const target = path.join(tmp, `tool-${args[1].replace(/\W+/g, '-')}`);
      expectRefusal(dhr(['init', target, ...args], tmp));
      expect(existsSync(target), args.join(' ')).toBe(false);
    }
    const pinned = path.join(tmp, 'tool-git');
    expect(dhr(['init', pinned, '--no-hooks', '--tool', 'git+https://example.org/dhr.git#v0.1.0'], tmp).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(pinned, 'package.json'), 'utf8')).dependencies['@dhr-reviews/dhr']).toBe('git+https://example.org/dhr.git#v0.1.0');
  });
});

describe('commands inside a review repository find it', { timeout: 120_000 }, () => {
  let repo: string;
  beforeAll(() => {
    repo = path.join(tmp, 'repo');
    expect(dhr(['init', repo, '--no-git'], tmp).code).toBe(0);
    cpSync(EXAMPLE, path.join(repo, 'reviews', 'DHR-2024-03'), { recursive: true });
  });

  it('dhr new <id> at the top creates reviews/<id> and says so', () => {
    const r = dhr(['new', 'DHR-2025-02'], repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created reviews\/DHR-2025-02 /);
    expect(existsSync(path.join(repo, 'reviews', 'DHR-2025-02', 'review.yml'))).toBe(true);
    expect(existsSync(path.join(repo, 'DHR-2025-02'))).toBe(false);
  });

  it('dhr lint with no path: the reviews/ of the repository, or the review you stand in', () => {
    const all = JSON.parse(dhr(['lint', '--format', 'json'], repo).stdout);
    expect(all.summary.reviews).toBe(2);
    const inside = JSON.parse(dhr(['lint', '--format', 'json'], path.join(repo, 'reviews', 'DHR-2024-03', 'imrs')).stdout);
    expect(inside.summary.reviews).toBe(1);
    expect(inside.findings).toEqual([]);
    // outside any review repository: a usage error, not a guess
    const nowhere = path.join(tmp, 'nowhere');
    mkdirSync(nowhere);
    expect(expectRefusal(dhr(['lint'], nowhere))).toMatch(/give a review folder or repository/);
  });

  it('dhr lint <file> lints that file\'s review and shows that file\'s findings only', () => {
    const plan = path.join('reviews', 'DHR-2025-02', 'action-plan.csv');
    const r = dhr(['lint', '--format', 'json', plan], repo);
    expect(r.code).toBe(1);
    const files = new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file));
    expect([...files]).toEqual(['reviews/DHR-2025-02/action-plan.csv']);
    writeFileSync(path.join(repo, 'loose.md'), 'notes\n');
    expect(expectRefusal(dhr(['lint', 'loose.md'], repo))).toMatch(/loose\.md: not inside a review folder/);
  });
});

describe('dhr build: safe outputs', { timeout: 300_000 }, () => {
  let ws: string;
  beforeAll(() => {
    ws = path.join(tmp, 'build');
    mkdirSync(ws);
    cpSync(EXAMPLE, path.join(ws, 'rev'), { recursive: true });
  });

  it('refuses an output folder that is not empty and holds no manifest.json (--out ~), writing nothing', () => {
    const home = path.join(ws, 'home');
    mkdirSync(path.join(home, 'Documents'), { recursive: true });
    writeFileSync(path.join(home, 'Documents', 'letter.docx'), 'mine');
    writeFileSync(path.join(home, '.bashrc'), 'export X=1\n');
    const before = snapshot(home);
    const line = expectRefusal(dhr(['build', 'rev', '--out', home], ws));
    expect(line).toMatch(/is not empty and holds no manifest\.json of an earlier build; nothing was written/);
    expect(snapshot(home)).toEqual(before);
    // no temporary folder left beside it either
    expect(readdirSync(ws).sort()).toEqual(['home', 'rev']);
  });

  it('no readable review.yml: exit 2, one line, nothing written', () => {
    mkdirSync(path.join(ws, 'empty-review', 'imrs'), { recursive: true });
    expect(expectRefusal(dhr(['build', 'empty-review'], ws))).toMatch(/empty-review\/review\.yml not found/);
    writeFileSync(path.join(ws, 'empty-review', 'review.yml'), '- just\n- a list\n');
    expect(expectRefusal(dhr(['build', 'empty-review'], ws))).toMatch(/review\.yml:1:1: .*nothing was written/);
    expect(existsSync(path.join(ws, 'reports'))).toBe(false);
  });

  it('a rebuild refuses to replace a document edited since the last build, naming it; --force replaces it', () => {
    const out = path.join(ws, 'out');
    const first = dhr(['build', 'rev', '--out', 'out', '--quiet'], ws);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // an unchanged earlier build is rebuilt over without fuss (checked below with --force too)
    const edited = path.join(out, 'action-plan.docx');
    writeFileSync(edited, Buffer.concat([readFileSync(edited), Buffer.from('edited by hand')]));
    const before = snapshot(out);
    const line = expectRefusal(dhr(['build', 'rev', '--out', 'out', '--quiet'], ws));
    expect(line).toMatch(/out\/action-plan\.docx changed since the last build \(manifest\.json\); nothing was written .*--force/);
    expect(snapshot(out)).toEqual(before);
    const forced = dhr(['build', 'rev', '--out', 'out', '--quiet', '--force'], ws);
    expect(forced.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(readFileSync(edited).includes(Buffer.from('edited by hand'))).toBe(false);
    expect(manifest.outputs.find((o: { path: string }) => o.path === 'action-plan.docx')).toBeTruthy();
  });
});

describe('forgiving commands', { timeout: 120_000 }, () => {
  it('"did you mean" for a misspelt command, option and format', () => {
    expect(expectRefusal(dhr(['buidl', 'x'], tmp))).toBe('dhr: unknown command "buidl"; did you mean "build"? (run dhr --help for the list)');
    expect(expectRefusal(dhr(['chrono'], tmp))).toMatch(/did you mean "chronology"\?/);
    expect(expectRefusal(dhr(['lint', '--fromat', 'json'], tmp))).toMatch(/^dhr: lint: unknown option --fromat; did you mean --format\?/);
    expect(expectRefusal(dhr(['init', '--tol', 'x.tgz'], tmp))).toMatch(/did you mean --tool\?/);
    expect(expectRefusal(dhr(['lint', '--format', 'jsno'], tmp))).toMatch(/did you mean "json"\?/);
    // nothing close: no guess
    expect(expectRefusal(dhr(['frobnicate'], tmp))).not.toMatch(/did you mean/);
  });

  it('a format or option given to the wrong command says what to use', () => {
    expect(expectRefusal(dhr(['audit', EXAMPLE, '--format', 'html'], tmp))).toMatch(/--format html is not an output format here: for the dashboard page use --html FILE/);
    expect(expectRefusal(dhr(['build', EXAMPLE, '--format', 'docx'], tmp))).toMatch(/--format is not an option of build; it is for lint, validate, audit and costs/);
    expect(expectRefusal(dhr(['lint', EXAMPLE, '--format', 'pdf'], tmp))).toMatch(/documents .* come from dhr build/);
  });

  it('one date message for --as-of and review.yml, as in chronologies', () => {
    expect(expectRefusal(dhr(['audit', EXAMPLE, '--as-of', '2023-02-29'], tmp))).toMatch(/--as-of 2023-02-29: February 2023 has 28 days, so day 29 does not exist/);
    expect(expectRefusal(dhr(['lint', EXAMPLE, '--as-of', '29/02/2024'], tmp))).toMatch(/write 2024-02-29/);
    const rev = path.join(tmp, 'dates', 'rev');
    cpSync(EXAMPLE, rev, { recursive: true });
    const yml = path.join(rev, 'review.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^( {2}death:) .*$/m, '$1 2024-02-30').replace(/^( {2}notification:) .*$/m, '$1 29/02/2024'));
    const r = JSON.parse(dhr(['validate', '--format', 'json', rev], tmp).stdout);
    const messages = r.findings.map((f: { message: string }) => f.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^dates\.death: February 2024 has 29 days, so day 30 does not exist/),
      expect.stringMatching(/^dates\.notification: write 2024-02-29/),
    ]));
  });

  it('costs written 12,500 or £12,500 are read; words are refused at their line', () => {
    const rev = path.join(tmp, 'costs', 'rev');
    cpSync(EXAMPLE, rev, { recursive: true });
    const yml = path.join(rev, 'review.yml');
    const text = readFileSync(yml, 'utf8');
    writeFileSync(yml, text.replace(/^( {2}chair:) \d+$/m, '$1 "£9,000"').replace(/^( {2}administration:) \d+$/m, '$1 1,500'));
    const r = dhr(['costs', rev, '--format', 'json'], tmp);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).total).toBe(12000);
    expect(dhr(['validate', rev], tmp).code).toBe(0);
    writeFileSync(yml, text.replace(/^( {2}chair:) \d+$/m, '$1 about nine thousand'));
    const line = text.split('\n').findIndex((l) => /^ {2}chair: \d+$/.test(l)) + 1;
    expect(expectRefusal(dhr(['costs', rev], tmp))).toMatch(new RegExp(`review\\.yml:${line}:\\d+: costs\\.chair must be an amount in pounds, e\\.g\\. 12500, 12500\\.50 or £12,500`));
  });
});
