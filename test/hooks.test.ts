/**
 * The pre-commit guard, end to end through the compiled CLI and real git: a repository made by
 * `dhr init`, a clean review committed, then a registered real name staged and refused — HEAD
 * unchanged and the name never printed.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { strToU8, zipSync } from 'fflate';
import { dhr as runDhr } from './support/cli.js';
import { configureRepo, git, ISOLATED_ENV } from './support/git.js';
import { EXAMPLE, EXAMPLE_IDENTITIES } from './support/rule-tester.js';
import { reviewFolderOf } from '../src/review/staged.js';

const dhr = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) =>
  runDhr(args, { cwd, env: { ...ISOLATED_ENV, ...env } });

const REVIEW = 'reviews/DHR-2024-03';
const register = parseYaml(readFileSync(EXAMPLE_IDENTITIES, 'utf8')) as { people: Array<{ pseudonym: string; names: string[]; identifiers: string[] }> };
const adultA = register.people.find((p) => p.pseudonym === 'Adult A')!;
const REAL_NAME = adultA.names[0];
/** Every registered value: none may ever appear in what the hook prints. */
const SECRETS = register.people.flatMap((p) => [...p.names, ...p.identifiers]);

function expectNoSecret(text: string): void {
  for (const s of SECRETS) expect(text.includes(s), `printed a registered value`).toBe(false);
}

let tmp: string;
let repo: string;

function head(): string {
  return git(['rev-parse', 'HEAD'], repo).stdout.trim();
}

function commit(message: string) {
  return git(['commit', '-m', message], repo);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-hooks-'));
  repo = path.join(tmp, 'reviews-repo');
  const init = dhr(['init', repo], tmp);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  configureRepo(repo);
  // the register sits where dhr looks for it, untracked and ignored
  mkdirSync(path.join(repo, '.dhr'), { recursive: true });
  cpSync(EXAMPLE_IDENTITIES, path.join(repo, '.dhr', 'identities.yml'));
  cpSync(EXAMPLE, path.join(repo, REVIEW), { recursive: true });
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('dhr hooks: the pre-commit check', { timeout: 120_000 }, () => {
  it('is installed by dhr init, calling this node and this dhr by absolute path, never npx', () => {
    const hook = readFileSync(path.join(repo, '.git', 'hooks', 'pre-commit'), 'utf8');
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
    expect(hook).toContain(process.execPath.split(path.sep).join('/'));
    expect(hook).toContain(path.resolve('bin', 'dhr.js').split(path.sep).join('/'));
    expect(hook).toContain('hooks run-pre-commit');
    expect(hook).not.toMatch(/\bnpx\b/);
  });

  it('keeps the register out of git: ignored, so "git add -A" does not stage it', () => {
    expect(git(['check-ignore', '-q', '.dhr/identities.yml'], repo).code).toBe(0);
    git(['add', '-A'], repo);
    const staged = git(['diff', '--cached', '--name-only'], repo).stdout;
    expect(staged).not.toContain('identities');
    expect(staged).toContain(`${REVIEW}/review.yml`);
  });

  it('lets a clean review be committed', () => {
    const r = commit('DHR-2024-03: first draft');
    expect(r.stderr + r.stdout).not.toContain('commit refused');
    expect(r.code).toBe(0);
    expect(git(['ls-files', REVIEW], repo).stdout.split('\n').filter(Boolean).length).toBeGreaterThan(10);
    expectNoSecret(r.stdout + r.stderr);
  });

  it('refuses a staged registered real name: non-zero exit, HEAD unchanged, name not printed, pseudonym given', () => {
    const before = head();
    const file = path.join(repo, REVIEW, 'imrs', 'police.md');
    appendFileSync(file, `\nOfficers later spoke to ${REAL_NAME} at the station.\n`);
    git(['add', `${REVIEW}/imrs/police.md`], repo);
    const r = commit('IMR update');
    expect(r.code).not.toBe(0);
    expect(head()).toBe(before);
    const out = r.stdout + r.stderr;
    expect(out).toContain('commit refused');
    expect(out).toMatch(new RegExp(`${REVIEW}/imrs/police\\.md:\\d+:\\d+ +error +anon/identity`));
    expect(out).toContain('Adult A');
    expect(out).not.toContain(REAL_NAME);
    expectNoSecret(out);
  });

  it('checks the staged content, not the working tree', () => {
    const before = head();
    const file = path.join(repo, REVIEW, 'imrs', 'police.md');
    // fixed in the working tree only: the staged version still holds the name
    writeFileSync(file, readFileSync(path.join(EXAMPLE, 'imrs', 'police.md'), 'utf8'));
    const r1 = commit('IMR update');
    expect(r1.code).not.toBe(0);
    expect(head()).toBe(before);
    // staged clean, working tree dirty: the commit holds only clean text, so it goes ahead
    git(['add', `${REVIEW}/imrs/police.md`], repo);
    const clean = readFileSync(path.join(EXAMPLE, 'imrs', 'police.md'), 'utf8');
    writeFileSync(file, `${clean}\nA note about ${REAL_NAME}, not staged.\n`);
    appendFileSync(path.join(repo, REVIEW, 'terms-of-reference.md'), '\nThe panel met again in May.\n');
    git(['add', `${REVIEW}/terms-of-reference.md`], repo);
    const r2 = commit('terms of reference');
    expect(r2.code).toBe(0);
    expect(head()).not.toBe(before);
    expect(git(['show', `HEAD:${REVIEW}/imrs/police.md`], repo).stdout).not.toContain(REAL_NAME);
    writeFileSync(file, clean);
  });

  it('refuses a registered identifier in a chronology cell', () => {
    const before = head();
    const file = path.join(repo, REVIEW, 'chronologies', 'police.csv');
    const text = readFileSync(file, 'utf8');
    const phone = adultA.identifiers.find((x) => x.startsWith('07700'))!;
    writeFileSync(file, text.replace(/\r?\n$/, '') + `\n99,2023-01-05,,police,Adult A,Command and control,Call from ${phone} about a disturbance,,Call handler,no,\n`);
    git(['add', `${REVIEW}/chronologies/police.csv`], repo);
    const r = commit('chronology');
    expect(r.code).not.toBe(0);
    expect(head()).toBe(before);
    expect(r.stderr).toContain('chronologies/police.csv');
    expectNoSecret(r.stdout + r.stderr);
    git(['checkout', 'HEAD', '--', `${REVIEW}/chronologies/police.csv`], repo);
  });

  it('covers every staged file under a review: any extension, hidden files, office documents, file and folder names; never prints them', () => {
    const before = head();
    const notes = path.join(repo, REVIEW, 'notes');
    mkdirSync(path.join(notes, 'deep', 'er'), { recursive: true });
    writeFileSync(path.join(notes, 'deep', 'er', '.scratch'), `Spoke to J&#111;anna Whitby.\n`);
    writeFileSync(path.join(notes, 'minutes.html'), '<p>Jo<span>anna</span> Whitby</p>\n');
    const docx = zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>Met Jo</w:t></w:r><w:r><w:t>anna Whitby.</w:t></w:r></w:p></w:body></w:document>') });
    writeFileSync(path.join(notes, 'letter.docx'), docx);
    // a file whose NAME is the real name, with harmless content
    const named = path.join(repo, REVIEW, 'imrs', `${REAL_NAME.toLowerCase().replace(/\s+/g, '-')}.txt`);
    writeFileSync(named, 'Nothing here.\n');
    git(['add', `${REVIEW}/notes`, path.relative(repo, named)], repo);
    const r = commit('notes');
    expect(r.code).not.toBe(0);
    expect(head()).toBe(before);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(new RegExp(`${REVIEW}/notes/deep/er/\\.scratch:1:\\d+ +error +anon/identity`));
    expect(out).toMatch(new RegExp(`${REVIEW}/notes/minutes\\.html:1:\\d+ +error +anon/identity`));
    expect(out).toMatch(new RegExp(`${REVIEW}/notes/letter\\.docx:1:\\d+ +error +anon/identity`));
    expect(out).toMatch(new RegExp(`${REVIEW}/imrs/\\[file \\d+ of \\d+\\]:1:1 +error +anon/identity`));
    expect(out.toLowerCase()).not.toContain(path.basename(named).toLowerCase());
    expect(out.toLowerCase()).not.toContain('whitby');
    expectNoSecret(out);
    git(['reset', '-q', 'HEAD', '--', `${REVIEW}/notes`, path.relative(repo, named)], repo);
    rmSync(notes, { recursive: true, force: true });
    rmSync(named);
  });

  it('refuses a commit that adds the identity register, even forced past .gitignore or renamed', () => {
    const before = head();
    expect(git(['add', '-f', '.dhr/identities.yml'], repo).code).toBe(0);
    const r1 = commit('oops');
    expect(r1.code).not.toBe(0);
    expect(head()).toBe(before);
    expect(r1.stderr).toContain('security/identities-committed');
    expectNoSecret(r1.stdout + r1.stderr);
    git(['rm', '--cached', '-q', '.dhr/identities.yml'], repo);

    mkdirSync(path.join(repo, 'notes'), { recursive: true });
    cpSync(EXAMPLE_IDENTITIES, path.join(repo, 'notes', 'people.yml'));
    git(['add', 'notes/people.yml'], repo);
    const r2 = commit('oops again');
    expect(r2.code).not.toBe(0);
    expect(head()).toBe(before);
    expect(r2.stderr).toContain('notes/people.yml');
    expectNoSecret(r2.stdout + r2.stderr);
    git(['rm', '--cached', '-q', 'notes/people.yml'], repo);
    rmSync(path.join(repo, 'notes'), { recursive: true });
  });

  it('uses the register named by $DHR_IDENTITIES', () => {
    const before = head();
    const elsewhere = path.join(tmp, 'secure-drive', 'register.yml');
    mkdirSync(path.dirname(elsewhere), { recursive: true });
    cpSync(EXAMPLE_IDENTITIES, elsewhere);
    rmSync(path.join(repo, '.dhr', 'identities.yml'));
    const file = path.join(repo, REVIEW, 'family', 'family-statement.md');
    appendFileSync(file, `\n${adultA.names[1]} loved the sea.\n`);
    git(['add', `${REVIEW}/family/family-statement.md`], repo);
    const without = commit('family');
    // no register: the name is not known (pattern rules still ran), and the hook says so
    expect(without.stderr).toContain('no identity register found');
    git(['reset', '-q', '--soft', before], repo);
    git(['add', `${REVIEW}/family/family-statement.md`], repo);
    const r = git(['commit', '-m', 'family'], repo, { DHR_IDENTITIES: elsewhere });
    expect(r.code).not.toBe(0);
    expect(head()).toBe(before);
    expectNoSecret(r.stdout + r.stderr);
    git(['checkout', 'HEAD', '--', `${REVIEW}/family/family-statement.md`], repo);
    cpSync(EXAMPLE_IDENTITIES, path.join(repo, '.dhr', 'identities.yml'));
  });

  it('refuses when the installed dhr has moved, telling how to reinstall', () => {
    const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
    const original = readFileSync(hook, 'utf8');
    writeFileSync(hook, original.replace(/^dhr='.*'$/m, `dhr='${path.join(tmp, 'gone', 'dhr.js')}'`));
    appendFileSync(path.join(repo, REVIEW, 'terms-of-reference.md'), '\nAnother line.\n');
    git(['add', `${REVIEW}/terms-of-reference.md`], repo);
    const before = head();
    const r = commit('moved');
    expect(r.code).not.toBe(0);
    expect(head()).toBe(before);
    expect(r.stderr).toContain('dhr hooks install');
    writeFileSync(hook, original);
    git(['reset', '-q', 'HEAD', '--', '.'], repo);
    git(['checkout', 'HEAD', '--', REVIEW], repo);
  });
});

describe('dhr hooks install', { timeout: 120_000 }, () => {
  function freshRepo(): string {
    const dir = mkdtempSync(path.join(tmp, 'clone-'));
    git(['init', '-q'], dir);
    return dir;
  }

  it('writes .git/hooks/pre-commit, executable, and updates its own hook on reinstall', () => {
    const dir = freshRepo();
    const r1 = dhr(['hooks', 'install'], dir);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain('Installed');
    const file = path.join(dir, '.git', 'hooks', 'pre-commit');
    expect(existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o111).not.toBe(0);
    const r2 = dhr(['hooks', 'install'], dir);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain('Updated');
  });

  it('respects core.hooksPath', () => {
    const dir = freshRepo();
    git(['config', 'core.hooksPath', '.githooks'], dir);
    const r = dhr(['hooks', 'install'], dir);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, '.githooks', 'pre-commit'))).toBe(true);
    expect(existsSync(path.join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('works from a sub-folder of the clone', () => {
    const dir = freshRepo();
    mkdirSync(path.join(dir, 'reviews'));
    expect(dhr(['hooks', 'install'], path.join(dir, 'reviews')).code).toBe(0);
    expect(existsSync(path.join(dir, '.git', 'hooks', 'pre-commit'))).toBe(true);
  });

  it('will not replace a hook it did not write, unless --force (keeping a copy)', () => {
    const dir = freshRepo();
    const file = path.join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(file, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const r = dhr(['hooks', 'install'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe('#!/bin/sh\necho mine\n');
    const f = dhr(['hooks', 'install', '--force'], dir);
    expect(f.code).toBe(0);
    expect(readFileSync(`${file}.before-dhr`, 'utf8')).toBe('#!/bin/sh\necho mine\n');
    expect(readFileSync(file, 'utf8')).toContain('dhr-hook: pre-commit');
  });

  it('uninstall removes only its own hook', () => {
    const dir = freshRepo();
    dhr(['hooks', 'install'], dir);
    expect(dhr(['hooks', 'uninstall'], dir).code).toBe(0);
    expect(existsSync(path.join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('is a usage error outside a git repository, or without a subcommand', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'dhr-nogit-'));
    const r = dhr(['hooks', 'install'], outside, { GIT_CEILING_DIRECTORIES: path.dirname(outside) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dhr: hooks: not inside a git repository/);
    rmSync(outside, { recursive: true, force: true });
    expect(dhr(['hooks'], tmp).code).toBe(2);
    expect(dhr(['hooks', 'frobnicate'], tmp).code).toBe(2);
  });
});

describe('dhr identities hash', { timeout: 120_000 }, () => {
  const KEY = 'another-test-only-key-0123456789';
  // a copy: the fictional register is tracked in this repository, and dhr refuses tracked registers
  let REGISTER: string;
  beforeAll(() => {
    REGISTER = path.join(tmp, 'register-copy.yml');
    cpSync(EXAMPLE_IDENTITIES, REGISTER);
  });
  it('prints a keyed-hash register holding no registered value', () => {
    const r = dhr(['identities', 'hash', '--identities', REGISTER], tmp, { DHR_HMAC_KEY: KEY });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.algorithm).toBe('HMAC-SHA256');
    expect(data.entries.map((e: { pseudonym: string }) => e.pseudonym)).toContain('Adult A');
    expectNoSecret(r.stdout);
  });

  it('refuses without a key, with a short key, or with no register', () => {
    expect(dhr(['identities', 'hash', '--identities', REGISTER], tmp).stderr).toMatch(/^dhr: the key is missing: set the environment variable DHR_HMAC_KEY/);
    expect(dhr(['identities', 'hash', '--identities', REGISTER], tmp, { DHR_HMAC_KEY: 'short' }).code).toBe(2);
    expect(dhr(['identities', 'hash', '--identities', path.join(tmp, 'none.yml')], tmp, { DHR_HMAC_KEY: KEY }).code).toBe(2);
    expect(dhr(['identities'], tmp).code).toBe(2);
  });
});

describe('staged helpers', { timeout: 120_000 }, () => {
  it('finds the review folder of a staged file', () => {
    const indexed = new Set(['cases/DHR-1/review.yml', 'cases/DHR-1/imrs/police.md']);
    expect(reviewFolderOf('cases/DHR-1/imrs/police.md', indexed)).toBe('cases/DHR-1');
    expect(reviewFolderOf('reviews/DHR-2/chronologies/police.csv', indexed)).toBe('reviews/DHR-2');
    expect(reviewFolderOf('reviews/README.md', indexed)).toBeUndefined();
    expect(reviewFolderOf('README.md', indexed)).toBeUndefined();
    expect(reviewFolderOf('docs/notes.md', indexed)).toBeUndefined();
  });
});

