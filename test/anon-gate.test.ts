/**
 * The anonymisation gate through the compiled CLI (issue 13): lint run from inside a review folder
 * finds the repository's register; without one it says so; a file or folder whose name holds a
 * registered real name is reported without its path in every output format.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { dhr as runDhr } from './support/cli.js';
import { git, ISOLATED_ENV, repoForRegister } from './support/git.js';
import { EXAMPLE, EXAMPLE_IDENTITIES } from './support/rule-tester.js';

const dhr = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) =>
  runDhr(args, { cwd, env: { ...ISOLATED_ENV, DHR_IDENTITIES: '', DHR_HMAC_KEY: '', GITHUB_STEP_SUMMARY: '', ...env } });

const register = parseYaml(readFileSync(EXAMPLE_IDENTITIES, 'utf8')) as { people: Array<{ names: string[]; identifiers: string[] }> };
const SECRETS = register.people.flatMap((p) => [...p.names, ...p.identifiers]);
/** Words of the registered names: no output may hold any of them (in any case). */
const NAME_WORDS = [...new Set(register.people.flatMap((p) => p.names.flatMap((n) => n.toLowerCase().split(/[\s-]+/))))].filter((w) => w.length >= 4);

let tmp: string;
let repo: string;
let review: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-gate-'));
  repo = path.join(tmp, 'repo');
  review = path.join(repo, 'reviews', 'DHR-2024-03');
  repoForRegister(repo);
  cpSync(EXAMPLE, review, { recursive: true });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the identity register seen from inside a review folder', { timeout: 120_000 }, () => {
  it('without any register: says so once on stderr, and is not an error', () => {
    const r = dhr(['lint', '.'], review);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/no identity register/g)).toHaveLength(1);
    expect(r.stderr).toContain('anon/identity is off');
  });

  it('finds .dhr/identities.yml of the repository from reviews/<id>, as from the root', () => {
    copyFileSync(EXAMPLE_IDENTITIES, path.join(repo, '.dhr', 'identities.yml'));
    writeFileSync(path.join(review, 'family', 'note.txt'), 'A call from Joanna Whitby.\n');
    const inside = dhr(['lint', '.', '-f', 'json'], review);
    const root = dhr(['lint', '.', '-f', 'json'], repo);
    expect(inside.stderr).not.toContain('no identity register');
    expect(inside.code).toBe(1);
    const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; line: number; column: number }> })
      .findings.filter((f) => f.ruleId === 'anon/identity').map((f) => `${f.line}:${f.column}`);
    expect(ids(inside)).toEqual(['1:13']);
    expect(ids(root)).toEqual(ids(inside));
    rmSync(path.join(review, 'family', 'note.txt'));
  });
});

describe('a file or folder named after a registered person', { timeout: 120_000 }, () => {
  beforeAll(() => {
    copyFileSync(EXAMPLE_IDENTITIES, path.join(repo, '.dhr', 'identities.yml'));
    // an IMR saved under the victim's name, and a folder named after the perpetrator
    copyFileSync(path.join(review, 'imrs', 'police.md'), path.join(review, 'imrs', 'joanna-whitby.md'));
    mkdirSync(path.join(review, 'notes', 'Darren Hollowell'), { recursive: true });
    writeFileSync(path.join(review, 'notes', 'Darren Hollowell', 'call.txt'), 'Call from 07700 900123.\n');
  });

  for (const format of ['stylish', 'json', 'github', 'sarif']) {
    it(`${format}: reported on the entry, by its place; neither the name nor the real path is printed`, () => {
      const summary = path.join(tmp, `summary-${format}.md`);
      writeFileSync(summary, '');
      const r = dhr(['lint', 'reviews/DHR-2024-03', '-f', format], repo, { GITHUB_STEP_SUMMARY: summary });
      expect(r.code).toBe(1);
      const raw = r.stdout + r.stderr + readFileSync(summary, 'utf8');
      // SARIF holds the file as a URI: compare its decoded form too
      const out = format === 'sarif' ? raw + raw.replace(/%5B|%5D|%20/g, (x) => decodeURIComponent(x)) : raw;
      expect(out).toContain('anon/identity');
      expect(out).toMatch(/imrs\/\[file \d+ of \d+\]/);
      expect(out).toMatch(/notes\/\[folder 1 of 1\]/);
      // the identifier inside the hidden folder is still reported, under the safe path
      expect(out).toMatch(/notes\/\[folder 1 of 1\]\/call\.txt/);
      const lower = out.toLowerCase();
      for (const w of NAME_WORDS) expect(lower.includes(w), `printed a registered name word`).toBe(false);
      for (const s of SECRETS) expect(out.includes(s), 'printed a registered value').toBe(false);
      expect(out).not.toContain('joanna-whitby');
    });
  }
});

describe('a review folder named after a registered person', { timeout: 120_000 }, () => {
  let repo2: string;
  beforeAll(() => {
    repo2 = path.join(tmp, 'repo2');
    repoForRegister(repo2, EXAMPLE_IDENTITIES);
    // the folder a coordinator made for the case, named after the victim (review.yml keeps its id)
    cpSync(EXAMPLE, path.join(repo2, 'reviews', 'Joanna Whitby'), { recursive: true });
    writeFileSync(path.join(repo2, 'reviews', 'Joanna Whitby', 'family', 'note.txt'), 'Call from 07700 900123.\n');
  });

  for (const format of ['stylish', 'json', 'github', 'sarif']) {
    it(`${format}: the folder is reported by its place, and no finding under it prints its name`, () => {
      const r = dhr(['lint', '.', '-f', format], repo2, {});
      expect(r.code).toBe(1);
      const raw = r.stdout + r.stderr;
      const out = format === 'sarif' ? raw + raw.replace(/%5B|%5D|%20/g, (x) => decodeURIComponent(x)) : raw;
      expect(out).toContain('anon/identity');
      // the identifier in family/note.txt is still reported, under the safe path of its review
      expect(out).toMatch(/reviews\/\[folder 1 of 1\]\/family\/note\.txt/);
      const lower = out.toLowerCase();
      for (const w of NAME_WORDS) expect(lower.includes(w), 'printed a registered name word').toBe(false);
      for (const s of SECRETS) expect(out.includes(s), 'printed a registered value').toBe(false);
    });
  }

  for (const format of ['stylish', 'json', 'github', 'sarif']) {
    it(`validate ${format}: a loader finding under the folder is printed under a safe path`, () => {
      const csv = path.join(repo2, 'reviews', 'Joanna Whitby', 'chronologies', 'police.csv');
      const before = readFileSync(csv, 'utf8');
      writeFileSync(csv, `${before}bad,row\n`);
      try {
        const r = dhr(['validate', '.', '-f', format], repo2, {});
        expect(r.code).toBe(1);
        const raw = r.stdout + r.stderr;
        expect(raw).toContain('format/csv');
        // the register's form (name-withheld-<hash>) or anon/person-name's (its place), whichever applies first
        expect(raw).toMatch(/name-withheld-[0-9a-f]{8}|reviews\/(?:\[|%5B)folder(?: |%20)1(?: |%20)of(?: |%20)1(?:\]|%5D)\/chronologies/);
        const lower = raw.toLowerCase();
        for (const w of NAME_WORDS) expect(lower.includes(w), 'printed a registered name word').toBe(false);
      } finally {
        writeFileSync(csv, before);
      }
    });
  }

  for (const format of ['stylish', 'json', 'github', 'sarif']) {
    it(`audit ${format}: neither the folder's name nor a registered name in the title is printed`, () => {
      const yml = path.join(repo2, 'reviews', 'Joanna Whitby', 'review.yml');
      const before = readFileSync(yml, 'utf8');
      // a title written with the victim's real name, and an overdue action (as of 2030) to report
      writeFileSync(yml, before.replace(/^title: .*$/m, 'title: Review into the death of Joanna Whitby'));
      try {
        const r = dhr(['audit', '.', '-f', format, '--as-of', '2030-01-01'], repo2, {});
        expect(r.code, r.stderr).toBe(0);
        const raw = r.stdout + r.stderr;
        const out = format === 'sarif' ? raw + decodeURIComponent(raw.replace(/%(?![0-9A-F]{2})/g, '%25')) : raw;
        expect(out).toMatch(/audit\/overdue|overdue/);
        expect(out).toMatch(/name-withheld-[0-9a-f]{8}/);
        const lower = out.toLowerCase();
        for (const w of NAME_WORDS) expect(lower.includes(w), 'printed a registered name word').toBe(false);
      } finally {
        writeFileSync(yml, before);
      }
    });
  }
});
