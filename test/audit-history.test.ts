import { rmSync, writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPaths, auditJson, type AuditReport } from '../src/audit/audit.js';
import { fileVersions, readActionHistory } from '../src/audit/history.js';
import { buildAuditRepo, FINAL, OLD, PROV } from './audit-repo.js';
import { git } from './support/git.js';
import { dhr } from './support/cli.js';

let root: string;
let c: string[];
const temps: string[] = [];

beforeAll(() => {
  ({ root, commits: c } = buildAuditRepo());
  temps.push(root);
});
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const h = (date: string, status: string, commit: string, author: string) => ({ date, status, commit, author });
const byId = (report: AuditReport, review: string) => new Map(report.reviews.find((r) => r.review === review)!.actions.map((a) => [a.id, a]));

describe('action history from git', { timeout: 180_000 }, () => {
  it('follows the action plan across the folder rename, with the path of each version', () => {
    const versions = fileVersions(root, `${FINAL}/action-plan.csv`);
    expect(versions.map((v) => [v.commit, v.path])).toEqual([
      [c[5], `${FINAL}/action-plan.csv`],
      [c[4], `${FINAL}/action-plan.csv`],
      [c[3], `${FINAL}/action-plan.csv`],
      [c[2], `${PROV}/action-plan.csv`],
      [c[1], `${PROV}/action-plan.csv`],
      [c[0], `${PROV}/action-plan.csv`],
    ]);
  });

  it('records each status change by action id, oldest first, with London dates, commits and authors', () => {
    const { byAction, warnings } = readActionHistory(path.join(root, FINAL));
    expect(warnings).toEqual([]);
    expect(Object.fromEntries(byAction)).toEqual({
      A1: [h('2025-01-10', 'not-started', c[0], 'Ada Fictional'), h('2025-02-03', 'in-progress', c[1], 'Ben Example'), h('2025-07-01', 'complete', c[4], 'Cai Sample')],
      // the reorderings (c3, c6) and the rename (c4) record nothing
      A2: [h('2025-01-10', 'not-started', c[0], 'Ada Fictional'), h('2025-07-01', 'in-progress', c[4], 'Cai Sample')],
      A3: [h('2025-01-10', 'not-started', c[0], 'Ada Fictional'), h('2025-08-15', 'in-progress', c[5], 'Ben Example')],
    });
  });

  it('gives exact overdue, stale and history figures across the repository', () => {
    const report = auditPaths([root], { asOf: '2025-09-01', history: true });
    expect(report.reviews.map((r) => r.review)).toEqual(['DHR-2023-02', 'DHR-2024-07']);
    const old = byId(report, 'DHR-2023-02');
    expect(old.get('A1')).toMatchObject({ status: 'complete', targetDate: '2024-12-31', overdue: false, daysOverdue: 0, completedOn: '2025-06-20', stale: false,
      history: [h('2025-02-03', 'in-progress', c[1], 'Ben Example'), h('2025-07-01', 'complete', c[4], 'Cai Sample')] });
    // target written DD/MM/YYYY; 30 April → 1 September is 124 days; unchanged since 3 February (210 days ≥ 60)
    expect(old.get('A2')).toMatchObject({ status: 'not-started', targetDate: '2025-04-30', overdue: true, daysOverdue: 124, stale: true, lastStatusChange: '2025-02-03' });
    const fin = byId(report, 'DHR-2024-07');
    expect(fin.get('A1')).toMatchObject({ overdue: false, daysOverdue: 0, stale: false });
    // 30 June → 1 September: 63 days overdue; in progress since 1 July: 62 days ≥ stale_days 60
    expect(fin.get('A2')).toMatchObject({ status: 'in-progress', overdue: true, daysOverdue: 63, stale: true, lastStatusChange: '2025-07-01' });
    expect(fin.get('A3')).toMatchObject({ status: 'in-progress', overdue: false, stale: false, lastStatusChange: '2025-08-15' });
    expect(report.reviews.map((r) => r.summary)).toEqual([
      { total: 2, complete: 1, inProgress: 0, notStarted: 1, dropped: 0, overdue: 1, stale: 1, unknown: 0 },
      { total: 3, complete: 1, inProgress: 2, notStarted: 0, dropped: 0, overdue: 1, stale: 1, unknown: 0 },
    ]);
    expect(report.agencies.map((g) => [g.agency, g.total, g.overdue, g.reviews])).toEqual([
      ['police', 2, 0, ['DHR-2023-02', 'DHR-2024-07']],
      ['gdass', 1, 1, ['DHR-2023-02']],
      ['icb', 1, 1, ['DHR-2024-07']],
      ['housing', 1, 0, ['DHR-2024-07']],
    ]);
    expect(report.totals).toMatchObject({ total: 5, overdue: 2, stale: 2 });
  });

  it('measures overdue days from --as-of, and nothing is overdue on the target date itself', () => {
    const onTarget = auditPaths([path.join(root, FINAL)], { asOf: '2025-06-30' });
    expect(byId(onTarget, 'DHR-2024-07').get('A2')).toMatchObject({ overdue: false, daysOverdue: 0, history: [], stale: null });
    const dayAfter = auditPaths([path.join(root, FINAL)], { asOf: '2025-07-01' });
    expect(byId(dayAfter, 'DHR-2024-07').get('A2')).toMatchObject({ overdue: true, daysOverdue: 1 });
  });

  it('treats an uncommitted status change as a change (not stale) without inventing history', () => {
    const file = path.join(root, FINAL, 'action-plan.csv');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, before.replace('A2,R1,local,"Deliver the agreed change for A2, with a dated milestone plan.",icb,Head of Service,Plan agreed; change live,"At least 90% compliance in a sample of 40 cases",2025-06-30,in-progress',
        'A2,R1,local,"Deliver the agreed change for A2, with a dated milestone plan.",icb,Head of Service,Plan agreed; change live,"At least 90% compliance in a sample of 40 cases",2025-06-30,not-started'));
      const report = auditPaths([path.join(root, FINAL)], { asOf: '2025-09-01', history: true });
      const a2 = byId(report, 'DHR-2024-07').get('A2')!;
      expect(a2.status).toBe('not-started');
      expect(a2.stale).toBe(false);
      expect(a2.history.length).toBe(2);
    } finally {
      writeFileSync(file, before);
    }
  });

  it('warns that history may be incomplete in a shallow clone, and reads what is there', () => {
    const shallow = mkdtempSync(path.join(os.tmpdir(), 'dhr-audit-shallow-'));
    temps.push(shallow);
    const r = git(['clone', '-q', '--depth', '1', `file://${root}`, shallow], os.tmpdir());
    expect(r.code, r.stderr).toBe(0);
    const report = auditPaths([shallow], { asOf: '2025-09-01', history: true });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/shallow clone.*may be incomplete/);
    const fin = byId(report, 'DHR-2024-07');
    expect(fin.get('A1')!.history).toEqual([h('2025-08-15', 'complete', c[5], 'Ben Example')]);
    expect(byId(report, 'DHR-2023-02').get('A2')!.history).toEqual([h('2025-08-15', 'not-started', c[5], 'Ben Example')]);

    const cli = dhr(['audit', shallow, '--history', '--as-of', '2025-09-01', '--format', 'json']);
    expect(cli.code).toBe(0);
    expect(cli.stderr).toMatch(/^dhr audit: warning: this is a shallow clone/m);
  });

  it('has no history, with a warning, outside git', () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), 'dhr-audit-plain-'));
    temps.push(plain);
    for (const f of ['review.yml', 'action-plan.csv']) writeFileSync(path.join(plain, f), readFileSync(path.join(root, FINAL, f)));
    const report = auditPaths([plain], { asOf: '2025-09-01', history: true });
    expect(report.warnings).toEqual([expect.stringMatching(/not in a git repository/)]);
    expect(report.reviews[0].actions.map((a) => [a.id, a.history.length, a.stale])).toEqual([['A1', 0, false], ['A2', 0, null], ['A3', 0, null]]);
  });
});

describe('dhr audit (command line)', { timeout: 180_000 }, () => {
  it('prints the SPEC JSON with history, and exits 1 with --fail-on-overdue', () => {
    const r = dhr(['audit', '.', '--history', '--as-of', '2025-09-01', '--format', 'json', '--fail-on-overdue'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(out.asOf).toBe('2025-09-01');
    const a2 = out.reviews[1].actions.find((a: { id: string }) => a.id === 'A2');
    expect(Object.keys(a2).slice(0, 9)).toEqual(['id', 'recommendation', 'leadAgency', 'status', 'targetDate', 'overdue', 'daysOverdue', 'completedOn', 'history']);
    expect(a2).toMatchObject({ id: 'A2', recommendation: 'R1', leadAgency: 'icb', status: 'in-progress', targetDate: '2025-06-30', overdue: true, daysOverdue: 63, completedOn: null });
    expect(a2.history).toEqual([
      { date: '2025-01-10', status: 'not-started', commit: c[0], author: 'Ada Fictional' },
      { date: '2025-07-01', status: 'in-progress', commit: c[4], author: 'Cai Sample' },
    ]);
    expect(out.reviews[1].summary).toMatchObject({ total: 3, complete: 1, inProgress: 2, notStarted: 0, dropped: 0, overdue: 1 });
    // the SPEC's audit object, and the findings added beside it (printed as lint prints them)
    const { findings, ...audit } = out;
    expect(audit).toEqual(JSON.parse(JSON.stringify(auditJson(auditPaths([root], { asOf: '2025-09-01', history: true })))
      .replace(/"path":"[^"]*DHR-/g, '"path":"reviews/DHR-').replace(/"actionPlan":"[^"]*DHR-/g, '"actionPlan":"reviews/DHR-')));
    expect(findings.map((f: { ruleId: string; severity: string; file: string; line: number }) => [f.ruleId, f.severity, f.file, f.line])).toEqual([
      ['audit/overdue', 'error', 'reviews/DHR-2023-02/action-plan.csv', 3],
      ['audit/stale', 'warning', 'reviews/DHR-2023-02/action-plan.csv', 3],
      ['audit/overdue', 'error', 'reviews/DHR-2024-07/action-plan.csv', 3],
      ['audit/stale', 'warning', 'reviews/DHR-2024-07/action-plan.csv', 3],
    ]);
  });

  it('exits 0 without --fail-on-overdue, and 0 with it when nothing is overdue', () => {
    expect(dhr(['audit', root, '--as-of', '2025-09-01'], { cwd: root }).code).toBe(0);
    expect(dhr(['audit', root, '--as-of', '2025-01-01', '--fail-on-overdue'], { cwd: root }).code).toBe(0);
  });

  it('keeps commit authors out of the stylish table unless --show-authors', () => {
    const plain = dhr(['audit', root, '--history', '--as-of', '2025-09-01']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('DHR-2024-07');
    expect(plain.stdout).toMatch(/A2\s+R1\s+icb\s+in-progress\s+2025-06-30\s+63 days\s+stale\s+2025-07-01 [0-9a-f]{7}/);
    expect(plain.stdout).not.toMatch(/Cai Sample|Ben Example|Ada Fictional/);
    const named = dhr(['audit', root, '--history', '--as-of', '2025-09-01', '--show-authors']);
    expect(named.stdout).toContain('Cai Sample');
  });

  it('annotates overdue actions for GitHub at their row', () => {
    const r = dhr(['audit', '.', '--as-of', '2025-09-01', '--format', 'github', '--fail-on-overdue'], { cwd: root });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    // the lint formatter's annotation: at the target-date cell of the row
    const at = (review: string, date: string) => {
      const row = readFileSync(path.join(root, 'reviews', review, 'action-plan.csv'), 'utf8').split(/\r?\n/)[2]!;
      const col = row.indexOf(`,${date},`) + 2;
      return `line=3,col=${col},endLine=3,endColumn=${col + date.length}`;
    };
    expect(lines[0]).toMatch(new RegExp(`^::error file=reviews/DHR-2023-02/action-plan\\.csv,${at('DHR-2023-02', '30/04/2025')},title=audit/overdue::Action A2 \\(gdass\\) is 124 days past`));
    expect(lines[1]).toMatch(new RegExp(`^::error file=reviews/DHR-2024-07/action-plan\\.csv,${at('DHR-2024-07', '2025-06-30')},title=audit/overdue::Action A2 \\(icb\\) is 63 days past`));
  });

  it('reports overdue actions as SARIF results', () => {
    const r = dhr(['audit', '.', '--as-of', '2025-09-01', '--format', 'sarif'], { cwd: root });
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((x: { level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
      [x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]))
      .toEqual([['warning', 'reviews/DHR-2023-02/action-plan.csv', 3], ['warning', 'reviews/DHR-2024-07/action-plan.csv', 3]]);
  });

  it('refuses a bad date, a bad format and a missing path with one line and exit 2', () => {
    for (const args of [['audit', root, '--as-of', '2025-02-30'], ['audit', root, '--format', 'xml'], ['audit', path.join(root, 'nope')], ['audit']]) {
      const r = dhr(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
