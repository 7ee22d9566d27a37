/**
 * The report fixtures (fixtures/reports/<name>/): overview reports and executive summaries written
 * in the style of published reports, as overlays on the example review. Each must give exactly the
 * smart/* and report/* findings of its expected.json; the two well-formed ones must have every
 * recommendation recognised, repeated in the executive summary and traced by the action plan.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, prepareReview, runRules } from './support/rule-tester.js';
import { smartRules } from '../src/rules/smart/index.js';
import { reportRules } from '../src/rules/report/index.js';
import { loadReview } from '../src/review/load.js';
import { findRecommendation, overviewRecommendations, recommendationItems } from '../src/review/recommendations.js';

const FIXTURES = path.join(ROOT, 'fixtures', 'reports');
const NAMES = ['decimal-by-agency', 'lettered-table', 'missing-sections'];

interface Expected { ruleId: string; severity: string; file: string; line: number; column: number }

/** The example review with the fixture's files laid over it. */
function overlay(name: string): string {
  const dir = path.join(FIXTURES, name);
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir)) {
    if (f === 'README.md' || f === 'expected.json') continue;
    files[f] = readFileSync(path.join(dir, f), 'utf8');
  }
  return prepareReview({ files });
}

const key = (f: Expected) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.severity}`;

describe('report fixtures in the style of published reports', () => {
  for (const name of NAMES) {
    it(`${name}: exactly the expected smart/report findings`, () => {
      const want: Expected[] = JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8'));
      const got = runRules(overlay(name), [...smartRules, ...reportRules])
        .map((f) => ({ ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.line, column: f.column }));
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
    });
  }

  for (const [name, ids] of [
    ['decimal-by-agency', ['18.3.1', '18.3.2', '18.3.3', '18.3.4', '18.3.5', '18.3.6', '18.3.7']],
    ['lettered-table', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
  ] as const) {
    it(`${name}: no report/required-section finding, every recommendation recognised, repeated and traced`, () => {
      const dir = overlay(name);
      expect(runRules(dir, reportRules).filter((f) => f.ruleId === 'report/required-section')).toEqual([]);
      const review = loadReview(dir);
      const recs = overviewRecommendations(review);
      expect(recs.map((r) => r.id)).toEqual(ids);
      expect(recs.every((r) => r.text.length > 100)).toBe(true);
      // the executive summary repeats each, by the same label
      const summary = (recommendationItems(review.executiveSummary) ?? []).map((r) => r.key);
      expect(summary).toEqual(recs.map((r) => r.key));
      // every action names one of them, and each has an action
      const named = review.actionPlan!.rows.map((row) => findRecommendation(recs, row.cells.recommendation.value)?.id);
      expect(named.every(Boolean)).toBe(true);
      expect(new Set(named)).toEqual(new Set(ids));
    });
  }

  it('decimal-by-agency: the recommendations keep their agency headings', () => {
    const recs = overviewRecommendations(loadReview(overlay('decimal-by-agency')));
    expect(recs.map((r) => r.group)).toEqual(['Gloucestershire Constabulary', 'Gloucestershire Constabulary', 'Health', 'Health', 'Health',
      'Adult Social Care and GDASS', 'Adult Social Care and GDASS']);
  });

  it('missing-sections: one finding naming both missing sections, where the first belongs', () => {
    const found = runRules(overlay('missing-sections'), reportRules).filter((f) => f.ruleId === 'report/required-section');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('has no sections "Timescales" and "Dissemination"');
    expect(found[0].line).toBe(5); // at "Section 1 – Introduction", after which Timescales belongs
  });
});
