/**
 * Every rule has its documentation page beside it (what, why, a wrong and a right example) and
 * its own tests; SARIF help URIs point at those pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';
import { docsUrl } from '../src/lint/rule.js';
import { ROOT } from './support/rule-tester.js';

const SPEC_RULES = ['schema/review', 'schema/chronology', 'schema/imr', 'schema/action', 'schema/config', 'format/encoding',
  'format/csv', 'format/yaml', 'anon/identity', 'anon/nhs-number', 'anon/nino', 'anon/postcode', 'anon/phone', 'anon/email',
  'anon/date-of-birth', 'anon/street-address', 'anon/person-name', 'anon/practitioner-name', 'anon/unknown-subject',
  'smart/specific', 'smart/measurable', 'smart/owner', 'smart/time-bound', 'smart/agreed', 'smart/traceable',
  'process/decision-timescale', 'process/home-office-notified', 'process/completion-timescale', 'process/family-informed',
  'process/chair-independence', 'process/panel-composition', 'process/panel-seniority', 'process/imr-independence',
  'process/imr-quality-assured', 'process/joint-review', 'process/publication', 'report/required-section',
  'report/recommendation-ids', 'report/todo', 'report/recommendations-match', 'chronology/date', 'chronology/out-of-scope',
  'chronology/duplicate', 'chronology/gap', 'security/identities-committed', 'process/commissioner-copy', 'process/qa-points'];

describe('rule documentation', () => {
  it('implements every rule id of the contract', async () => {
    const { loaderRules } = await import('../src/rules/index.js');
    const ids = new Set([...allRules.map((r) => r.meta.id), ...loaderRules.map((m) => m.id)]);
    for (const id of SPEC_RULES) expect(ids.has(id), id).toBe(true);
  });

  for (const rule of allRules) {
    it(`${rule.meta.id} has a doc page with what, why, wrong and right, and its own tests`, () => {
      const base = path.join(ROOT, 'src', 'rules', ...rule.meta.id.split('/'));
      expect(existsSync(`${base}.md`), `${base}.md`).toBe(true);
      const doc = readFileSync(`${base}.md`, 'utf8');
      expect(doc).toMatch(new RegExp(`^# ${rule.meta.id}\\b`, 'm'));
      for (const h of ['What', 'Why', 'Wrong', 'Right']) expect(doc, `${rule.meta.id}: ## ${h}`).toMatch(new RegExp(`^## ${h}`, 'm'));
      expect(existsSync(`${base}.test.ts`), `${base}.test.ts`).toBe(true);
      expect(rule.meta.tag).toBe(rule.meta.id.split('/')[0]);
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(docsUrl(rule.meta.id)).toMatch(/^https:\/\/.+\.md$/);
    });
  }
});
