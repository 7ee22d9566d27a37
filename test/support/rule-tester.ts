/**
 * A small RuleTester (after ESLint's): each case copies the example review into a temporary
 * folder, edits files, loads it, runs ONE rule and compares the findings of that rule.
 *
 *   ruleCases(myRule, {
 *     valid: [{ name: 'the example is clean' }],
 *     invalid: [{ name: 'vague action', files: { 'action-plan.csv': (t) => t.replace('Deliver', 'Consider') },
 *                 errors: [{ file: 'action-plan.csv', line: 3, column: 12 }] }],
 *   });
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Rule } from '../../src/lint/rule.js';
import type { Finding } from '../../src/review/model.js';
import { loadReview } from '../../src/review/load.js';
import { lintReview } from '../../src/lint/engine.js';
import { DEFAULT_CONFIG, type Config } from '../../src/lint/config.js';
import { loadProfile } from '../../src/lint/profile.js';
import type { IdentityRegister } from '../../src/lint/identities.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE = path.join(ROOT, 'fixtures', 'example', 'reviews', 'DHR-2024-03');
export const EXAMPLE_IDENTITIES = path.join(ROOT, 'fixtures', 'identities.yml');

export type Edit = string | ((old: string) => string) | null;

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

/** Runs rules over a prepared review folder and returns their findings with review-relative files. */
export function runRules(dir: string, rules: Rule[], c: Pick<Case, 'config' | 'identities' | 'today'> = {}): Finding[] {
  const review = loadReview(dir);
  const config: Config = { ...DEFAULT_CONFIG, ...(c.config ?? {}), root: path.dirname(path.dirname(dir)) };
  const profile = loadProfile(config.profile);
  const identities = c.identities ? { file: '(test)', people: c.identities } : undefined;
  const findings = lintReview(review, { config, profile, identities, today: c.today ?? '2025-11-25', rules });
  return findings.map((f) => ({ ...f, file: path.relative(dir, path.resolve(f.file)).split(path.sep).join('/') }));
}

export function ruleCases(rule: Rule, cases: { valid: Case[]; invalid: Case[] }): void {
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const dir = prepareReview(c);
        const found = runRules(dir, [rule], c).filter((f) => f.ruleId === rule.meta.id);
        expect(found.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const dir = prepareReview(c);
        const found = runRules(dir, [rule], c).filter((f) => f.ruleId === rule.meta.id);
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
