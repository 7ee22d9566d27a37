/**
 * A small RuleTester (after ESLint's): each case is the example review with the case's edits,
 * loaded, and ONE rule run over it; the findings of that rule are compared. As in ESLint the
 * cases run in memory: the example is read once per worker, and only the files a case changes
 * are parsed again (a case that adds a file the loader does not read itself, which some rules
 * find on disk, is written to a temporary folder as before). `prepareReview` still writes a
 * case to disk for tests that need a real folder.
 *
 *   ruleCases(myRule, {
 *     valid: [{ name: 'the example is clean' }],
 *     invalid: [{ name: 'vague action', files: { 'action-plan.csv': (t) => t.replace('Deliver', 'Consider') },
 *                 errors: [{ file: 'action-plan.csv', line: 3, column: 12 }] }],
 *   });
 */
import { guarded } from '../../src/lint/guard.js';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Rule } from '../../src/lint/rule.js';
import type { Finding } from '../../src/review/model.js';
import { loadReview, loadReviewFromFiles } from '../../src/review/load.js';
import type { Review } from '../../src/review/model.js';
import { lintReview } from '../../src/lint/engine.js';
import { DEFAULT_CONFIG, type Config } from '../../src/lint/config.js';
import { loadProfile } from '../../src/lint/profile.js';
import type { IdentityRegister } from '../../src/lint/identities.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE = path.join(ROOT, 'fixtures', 'example', 'reviews', 'DHR-2024-03');
export const EXAMPLE_IDENTITIES = path.join(ROOT, 'fixtures', 'identities.yml');

/** New text (or bytes), a function of the old text, or null to delete. */
export type Edit = string | Uint8Array | ((old: string) => string) | null;

export interface ExpectedFinding {
  /** Relative to the review folder. */
  file: string;
  line: number;
  column?: number;
  /** Substring the message must contain. */
  message?: string;
  /** The finding's severity, when the rule's findings escalate. */
  severity?: 'error' | 'warning' | 'info';
}

export interface Case {
  name: string;
  /** File edits relative to the review folder: new text, a function of the old text, or null to delete. */
  files?: Record<string, Edit>;
  /** Edits to review.yml data by path, e.g. { 'dates.decision': '2025-05-01' } (null value = delete key). */
  review?: Record<string, unknown>;
  config?: Partial<Omit<Config, 'root'>>;
  identities?: IdentityRegister['people'];
  today?: string;
  /** Invalid cases: exactly these findings of the rule (order-insensitive). */
  errors?: ExpectedFinding[];
}

/** Copies the example review into a temp folder and applies the case's edits; returns the folder. */
export function prepareReview(c: Pick<Case, 'files' | 'review'>, base = EXAMPLE): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-case-'));
  const dir = path.join(tmp, 'reviews', path.basename(base));
  cpSync(base, dir, { recursive: true });
  if (c.review) {
    const f = path.join(dir, 'review.yml');
    const doc = parseDocument(readFileSync(f, 'utf8'));
    for (const [k, v] of Object.entries(c.review)) {
      const p = k.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      if (v === null) doc.deleteIn(p);
      else doc.setIn(p, v);
    }
    writeFileSync(f, doc.toString());
  }
  for (const [rel, edit] of Object.entries(c.files ?? {})) {
    const f = path.join(dir, rel);
    if (edit === null) {
      rmSync(f, { force: true, recursive: true });
      continue;
    }
    mkdirSync(path.dirname(f), { recursive: true });
    const text = typeof edit === 'function' ? edit(readFileSync(f, 'utf8')) : edit;
    writeFileSync(f, text);
  }
  return dir;
}

type Files = Map<string, string | Uint8Array>;
const baseFiles = new Map<string, Files>();
/** Parses of unchanged files, shared by every in-memory case of this worker. */
const parsed = new Map<string, { text: string; value: unknown }>();

/** Every file of a review folder, relative paths with `/`, as bytes (read once per worker). */
function filesOf(base: string): Files {
  let files = baseFiles.get(base);
  if (!files) {
    files = new Map();
    const walk = (dir: string, rel: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(path.join(dir, e.name), r);
        else files!.set(r, readFileSync(path.join(dir, e.name)));
      }
    };
    walk(base, '');
    baseFiles.set(base, files);
  }
  return files;
}

const textOf = (v: string | Uint8Array | undefined, rel: string): string => {
  if (v === undefined) throw new Error(`ENOENT: no such file or directory, '${rel}'`);
  return typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
};

/** The files of a case: the example's with the case's edits applied, as prepareReview applies them. */
export function caseFiles(c: Pick<Case, 'files' | 'review'>, base = EXAMPLE): Files {
  const files: Files = new Map(filesOf(base));
  if (c.review) {
    const doc = parseDocument(textOf(files.get('review.yml'), 'review.yml'));
    for (const [k, v] of Object.entries(c.review)) {
      const p = k.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      if (v === null) doc.deleteIn(p);
      else doc.setIn(p, v);
    }
    files.set('review.yml', doc.toString());
  }
  for (const [rel0, edit] of Object.entries(c.files ?? {})) {
    const rel = path.posix.normalize(rel0).replace(/\/$/, '');
    if (edit === null) {
      for (const k of [...files.keys()]) if (k === rel || k.startsWith(`${rel}/`)) files.delete(k);
      continue;
    }
    files.set(rel, typeof edit === 'function' ? edit(textOf(files.get(rel), rel)) : edit);
  }
  return files;
}

/** Where in-memory reviews say they are: a folder that does not exist, in a repository that does not either. */
const MEMORY_BASE = path.join(os.tmpdir(), `dhr-rule-tester-${process.pid}`, 'reviews');
const temps: string[] = [];
const removeTemps = () => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
};

/** The review of a case: loaded from memory, or from a temporary folder when the case adds a file only a rule reads. */
function caseReview(c: Pick<Case, 'files' | 'review'>, base = EXAMPLE): { review: Review; dir: string } {
  const dir = path.join(MEMORY_BASE, path.basename(base));
  const files = caseFiles(c, base);
  const review = loadReviewFromFiles(dir, files, parsed);
  const read = new Set(review.files.map((f) => f.path));
  if ([...files.keys()].every((rel) => read.has(path.join(dir, rel)))) return { review, dir };
  const onDisk = prepareReview(c, base);
  temps.push(path.dirname(path.dirname(onDisk)));
  return { review: loadReview(onDisk), dir: onDisk };
}

function lintCase(review: Review, dir: string, rules: Rule[], c: Pick<Case, 'config' | 'identities' | 'today'>): Finding[] {
  const config: Config = { ...DEFAULT_CONFIG, ...(c.config ?? {}), root: path.dirname(path.dirname(dir)) };
  const profile = loadProfile(config.profile);
  const identities = c.identities ? { file: '(test)', people: c.identities } : undefined;
  const findings = lintReview(review, { config, profile, identities, today: c.today ?? '2025-11-25', rules, ...guarded(identities, profile) });
  return findings.map((f) => ({ ...f, file: path.relative(dir, path.resolve(f.file)).split(path.sep).join('/') }));
}

/** Runs rules over a prepared review folder and returns their findings with review-relative files. */
export function runRules(dir: string, rules: Rule[], c: Pick<Case, 'config' | 'identities' | 'today'> = {}): Finding[] {
  return lintCase(loadReview(dir), dir, rules, c);
}

/** Runs rules over the example with a case's edits, in memory (see the module comment). */
export function runCase(c: Omit<Case, 'name' | 'errors'>, rules: Rule[], base = EXAMPLE): Finding[] {
  const { review, dir } = caseReview(c, base);
  return lintCase(review, dir, rules, c);
}

/**
 * Runs rules over the example with a case's edits, always in memory: a case that adds a file the
 * loader does not read (which runCase would write to a temporary folder) throws instead.
 */
export function runCaseInMemory(c: Omit<Case, 'name' | 'errors'>, rules: Rule[], base = EXAMPLE): Finding[] {
  const dir = path.join(MEMORY_BASE, path.basename(base));
  const files = caseFiles(c, base);
  const review = loadReviewFromFiles(dir, files, parsed);
  const read = new Set(review.files.map((f) => f.path));
  // a file the loader reported instead of reading (not a folder, not UTF-8) was seen all the same
  const reported = new Set(review.findings.map((f) => path.resolve(f.file)));
  const unread = [...files.keys()].filter((rel) => !read.has(path.join(dir, rel)) && !reported.has(path.join(dir, rel)));
  if (unread.length) throw new Error(`the loader does not read ${unread.join(', ')}: this case cannot run in memory`);
  return lintCase(review, dir, rules, c);
}

export function ruleCases(rule: Rule, cases: { valid: Case[]; invalid: Case[] }): void {
  describe(rule.meta.id, () => {
    afterAll(removeTemps);
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const found = runCase(c, [rule]).filter((f) => f.ruleId === rule.meta.id);
        expect(found.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = runCase(c, [rule]).filter((f) => f.ruleId === rule.meta.id);
        const expected = c.errors ?? [];
        expect(found.length, found.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`).join('\n')).toBe(expected.length);
        for (const e of expected) {
          const hit = found.find((f) => f.file === e.file && f.line === e.line && (e.column === undefined || f.column === e.column)
            && (e.message === undefined || f.message.includes(e.message)) && (e.severity === undefined || f.severity === e.severity));
          expect(hit, `expected ${rule.meta.id} at ${e.file}:${e.line}:${e.column ?? '*'}; got\n${found.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`).join('\n')}`).toBeDefined();
        }
      });
    }
  });
}
