/**
 * One date grammar everywhere: the lint rules, the loader's schemas, the audit and the CLI must
 * read the same text the same way, and explain an impossible date in the same words.
 */
import { describe, expect, it } from 'vitest';
import { prepareReview, runRules } from '../../test/support/rule-tester.js';
import { loadReview } from '../review/load.js';
import { auditReview } from '../audit/audit.js';
import { timeBound } from '../rules/smart/time-bound.js';
import { dateRule } from '../rules/chronology/date.js';
import { isoDateFlag } from '../cli/common.js';

const PLAN = 'action-plan.csv';
// A8 (not started) is due 2027-04-30
const withTarget = (date: string) => ({ [PLAN]: (t: string) => t.replace(',2027-04-30,not-started,', `,${date},not-started,`) });

function lintAndAudit(date: string) {
  const dir = prepareReview({ files: withTarget(date) });
  const lint = runRules(dir, [timeBound]).filter((f) => f.ruleId === 'smart/time-bound');
  const audit = auditReview(loadReview(dir), { asOf: '2025-11-25', staleDays: 90 });
  const a8 = audit.actions.find((a) => a.id === 'A8')!;
  return { lint, target: a8.targetDate };
}

describe('a target date is read the same by smart/time-bound and by the audit', () => {
  it.each([
    ['2027-03-31', '2027-03-31'],
    ['31/03/2027', '2027-03-31'],
    ['1/3/2027', '2027-03-01'],
    ['31 March 2027', '2027-03-31'],
  ])('%s is the day %s for both', (text, iso) => {
    const r = lintAndAudit(text);
    expect(r.lint).toEqual([]);
    expect(r.target).toBe(iso);
  });

  it.each(['31.03.2027', '2027-03', 'March 2027', '2027', '03/31/2027', '2027-3-31', '31/02/2027'])('%s is refused by both', (text) => {
    const r = lintAndAudit(text);
    expect(r.lint).toHaveLength(1);
    expect(r.target).toBeNull();
  });

  it('an impossible target date is explained in the same words as everywhere', () => {
    const r = lintAndAudit('29/02/2027');
    expect(r.lint[0].message).toContain('February 2027 has 28 days');
  });
});

describe('an impossible date has one plain message everywhere', () => {
  const PLAIN = 'February 2024 has 29 days, so day 30 does not exist';

  it('in a chronology', () => {
    const dir = prepareReview({ files: { 'chronologies/police.csv': (t) => t.replace(/\n([^,\n]*),\d{4}-\d{2}-\d{2},/, '\n$1,30/02/2024,') } });
    const found = runRules(dir, [dateRule]).filter((f) => f.ruleId === 'chronology/date');
    expect(found.map((f) => f.message).join('\n')).toContain(PLAIN);
  });

  it('in review.yml (the schema check)', () => {
    const dir = prepareReview({ review: { 'dates.decision': '2024-02-30' } });
    const review = loadReview(dir);
    const msgs = review.findings.map((f) => f.message);
    expect(msgs.find((m) => m.includes('dates.decision'))).toContain(PLAIN);
  });

  it('in a --as-of flag', () => {
    expect(() => isoDateFlag('2024-02-30', '--as-of')).toThrow(PLAIN);
  });

  it('in completed_on, which the schema and the audit both read as an ISO day', () => {
    const dir = prepareReview({ files: { [PLAN]: (t) => t.replace('complete,2025-06-20,', 'complete,2024-02-30,') } });
    const review = loadReview(dir);
    expect(review.findings.map((f) => f.message).join('\n')).toContain(PLAIN);
    const audit = auditReview(review, { asOf: '2025-11-25', staleDays: 90 });
    expect(audit.actions.find((a) => a.id === 'A1')!.completedOn).toBeNull();
  });

  it('completed_on in UK order is refused by the schema, so the audit does not read it either', () => {
    const dir = prepareReview({ files: { [PLAN]: (t) => t.replace('complete,2025-06-20,', 'complete,20/06/2025,') } });
    const review = loadReview(dir);
    expect(review.findings.some((f) => f.file.endsWith(PLAN) && /completed_on/.test(f.message))).toBe(true);
    const audit = auditReview(review, { asOf: '2025-11-25', staleDays: 90 });
    expect(audit.actions.find((a) => a.id === 'A1')!.completedOn).toBeNull();
  });
});
