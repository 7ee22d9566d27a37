/** All process/* rules: registered once, documented, and never thrown off by malformed input. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prepareReview, runRules } from '../../../test/support/rule-tester.js';
import { processRules } from './index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('process rules', () => {
  it('are registered once each, with process/ ids', () => {
    const ids = processRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of processRules) {
      expect(r.meta.id).toMatch(/^process\/[a-z-]+$/);
      expect(r.meta.tag).toBe('process');
    }
    for (const id of ['process/decision-timescale', 'process/home-office-notified', 'process/completion-timescale',
      'process/family-informed', 'process/chair-independence', 'process/panel-composition', 'process/panel-seniority',
      'process/imr-independence', 'process/imr-quality-assured', 'process/joint-review', 'process/publication']) {
      expect(ids).toContain(id);
    }
  });

  it('each have a doc page with what, why, wrong, right and options', () => {
    for (const r of processRules) {
      const doc = path.join(HERE, `${r.meta.id.split('/')[1]}.md`);
      expect(existsSync(doc), doc).toBe(true);
      const text = readFileSync(doc, 'utf8');
      expect(text.startsWith(`# ${r.meta.id}\n`)).toBe(true);
      for (const h of ['## What it checks', '## Why', '## Wrong', '## Right', '## Options']) expect(text, `${doc}: ${h}`).toContain(h);
      expect(text, `${doc} cites the protocol`).toMatch(/§\d/);
    }
  });

  const malformed: Record<string, string> = {
    'scalars where mappings and lists belong': 'id: DHR-2024-03\ntype: dhr\nstatus: concluded\ndates: 5\nextensions: text\nchair: text\npanel: text\nsubjects: 7\nfamily: 3\nagencies: x\n',
    'nulls and junk inside lists': 'id: DHR-2024-03\ntype: dhr\nstatus: submitted\ndates: { notification: 2024-01-01, decision: 2024-13-45, submitted: yesterday, chair_appointed: 2024-02-01 }\n'
      + 'extensions: [1, null, { agreed_on: soon }, { agreed_on: 2024-05-01, new_deadline: 7 }]\nchair: { name: X, organisation: 5, csp_member: yes }\n'
      + 'panel: [null, 3, { name: A, agency: [1] }]\nsubjects: [null, { role: 5, age: "17" }, { role: victim, age: 16.5 }]\nagencies: [null, 1, { id: 5 }, { id: p, name: null, involvement: imr, statutory: true }]\n',
    'an empty file': '',
    'a list instead of a mapping': '- 1\n- 2\n',
  };
  for (const [name, yml] of Object.entries(malformed)) {
    it(`do not fail on malformed review.yml: ${name}`, () => {
      const dir = prepareReview({ files: { 'review.yml': yml, 'imrs/police.md': '---\n- a list\n---\n# x\n', 'imrs/icb.md': 'no front matter\n' } });
      const found = runRules(dir, processRules);
      expect(found.filter((f) => f.message.startsWith('internal error')).map((f) => f.ruleId)).toEqual([]);
    });
  }
});
