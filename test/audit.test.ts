import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditPaths } from '../src/audit/audit.js';
import { daysBetween, londonDate, parseDay } from '../src/dates/index.js';
import { formatAudit, formatAuditStylish } from '../src/audit/format.js';
import { auditFindings } from '../src/audit/findings.js';
import { dashboardDoc, renderDashboard } from '../src/audit/dashboard.js';
import { renderHtml, renderMarkdown } from '../src/document/index.js';
import { monitoringReportDoc } from '../src/audit/monitoring-report.js';
import { normaliseStatus } from '../src/audit/history.js';
import { planCsv, reviewYml, writeFiles } from './audit-repo.js';
import { EXAMPLE } from './support/rule-tester.js';
import { dhr } from './support/cli.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function tempReviews(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dhr-audit-'));
  temps.push(root);
  writeFiles(root, files);
  return root;
}

describe('action dates', () => {
  it('reads a target date as smart/time-bound does: a whole day, ISO or UK order, and nothing else', () => {
    const day = (s: string | undefined) => { const r = parseDay(s ?? ''); return r.ok ? r.date.iso : null; };
    expect(day('2025-06-30')).toBe('2025-06-30');
    expect(day(' 30/06/2025 ')).toBe('2025-06-30');
    expect(day('1/7/2025')).toBe('2025-07-01');
    // A month alone used to be read as its last day here while the lint rule refused it (issue 19).
    expect(day('2026-02')).toBeNull();
    for (const bad of ['', 'ongoing', 'TBC', '31/02/2025', '2025-13-01', '06/30/2025', '30.06.2025', undefined]) expect(day(bad)).toBeNull();
  });

  it('counts whole days, across the clock change, and dates commits in London', () => {
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-06-30', '2025-07-01')).toBe(1);
    expect(daysBetween('2025-07-01', '2025-06-30')).toBe(-1);
    expect(londonDate(Date.UTC(2025, 5, 30, 23, 30) / 1000)).toBe('2025-07-01'); // BST
    expect(londonDate(Date.UTC(2025, 0, 10, 23, 30) / 1000)).toBe('2025-01-10'); // GMT
  });

  it('normalises statuses written by hand', () => {
    expect(['In progress', 'NOT_STARTED', ' Completed ', 'complete'].map(normaliseStatus)).toEqual(['in-progress', 'not-started', 'complete', 'complete']);
  });
});

describe('audit of action plans', { timeout: 180_000 }, () => {
  it('audits the example review: every action dated, nothing overdue early in 2026', () => {
    const report = auditPaths([EXAMPLE], { asOf: '2026-03-01' });
    const [r] = report.reviews;
    expect(r.review).toBe('DHR-2024-03');
    expect(r.actions.length).toBeGreaterThan(0);
    expect(r.actions.every((a) => a.targetDate !== null && a.leadAgency !== null)).toBe(true);
    expect(r.summary.overdue).toBe(0);
    const s = r.summary;
    expect(s.complete + s.inProgress + s.notStarted + s.dropped + s.unknown).toBe(s.total);
    // far in the future every open action is overdue, closed ones never
    const later = auditPaths([EXAMPLE], { asOf: '2030-01-01' }).reviews[0];
    for (const a of later.actions) expect(a.overdue).toBe(a.status !== 'complete' && a.status !== 'dropped');
  });

  it('copes with odd plans: bad target date, unknown status, blank cells, duplicate ids, no plan at all', () => {
    const root = tempReviews({
      'reviews/DHR-2025-01/review.yml': reviewYml('DHR-2025-01'),
      'reviews/DHR-2025-01/action-plan.csv': planCsv([
        { id: 'A1', rec: 'R1', lead: 'police', target: 'ongoing', status: 'in-progress' },
        { id: 'A2', rec: 'R1', lead: '', target: '2025-01-31', status: 'Started' },
        { id: 'A3', rec: '', lead: 'icb', target: '2025-01-31', status: '' },
        { id: 'A3', rec: 'R2', lead: 'icb', target: '2025-02-28', status: 'dropped' },
      ]),
      'reviews/DHR-2025-02/review.yml': reviewYml('DHR-2025-02'),
    });
    const report = auditPaths([root], { asOf: '2025-03-01' });
    const [r, none] = report.reviews;
    expect(r.actions.map((a) => [a.id, a.status, a.targetDate, a.overdue, a.daysOverdue])).toEqual([
      ['A1', 'in-progress', null, false, 0],
      // free text in a status cell is never echoed (it could be a name): it is shown as not-recognised
      ['A2', 'not-recognised', '2025-01-31', true, 29],
      ['A3', null, '2025-01-31', true, 29],
      ['A3', 'dropped', '2025-02-28', false, 0],
    ]);
    expect(r.actions[0].targetDateText).toBe('ongoing');
    expect(r.actions[1].leadAgency).toBeNull();
    expect(r.summary).toEqual({ total: 4, complete: 0, inProgress: 1, notStarted: 0, dropped: 1, overdue: 2, stale: 0, unknown: 2 });
    expect(report.agencies.map((g) => g.agency)).toEqual(['police', '(none)', 'icb']);
    expect(none.actionPlan).toBeNull();
    expect(none.actions).toEqual([]);
    const text = formatAuditStylish(report);
    expect(text).toContain('no action plan');
    expect(text).not.toMatch(/\bStarted\b/);
    expect(text).toMatch(/A1\s+R1\s+police\s+in-progress\s+not a date/);
    // the dashboard and the report are drawn from the same data without failing
    expect(renderDashboard(report)).toContain('ongoing');
    expect(monitoringReportDoc(report).blocks.length).toBeGreaterThan(5);
  });

  it('gives a finding at the cell for each overdue action and each action without a valid status', () => {
    const plan = planCsv([
      { id: 'A1', rec: 'R1', lead: 'police', target: 'ongoing', status: 'in-progress' },
      { id: 'A2', rec: 'R1', lead: 'polise', target: '2025-01-31', status: 'Started' },
      { id: 'A3', rec: '', lead: 'icb', target: '2025-01-30', status: '' },
      { id: 'A4', rec: 'R2', lead: 'icb', target: '2025-02-28', status: 'dropped' },
    ]);
    const root = tempReviews({ 'reviews/DHR-2025-01/review.yml': reviewYml('DHR-2025-01'), 'reviews/DHR-2025-01/action-plan.csv': plan });
    const report = auditPaths([root], { asOf: '2025-03-01' });
    const lines = plan.split('\r\n');
    // 1-based column of the cell that follows `before` on a line (the cells here hold no comma)
    const col = (line: number, before: string) => lines[line - 1]!.indexOf(before) + before.length + 1;
    const file = path.relative(process.cwd(), path.join(root, 'reviews/DHR-2025-01/action-plan.csv')).split(path.sep).join('/');
    const found = auditFindings(report).map((f) => [f.ruleId, f.severity, f.file, f.line, f.column, f.review]);
    expect(found).toEqual([
      ['audit/no-status', 'warning', file, 3, col(3, '2025-01-31,'), 'DHR-2025-01'],
      ['audit/overdue', 'warning', file, 3, col(3, 'cases",'), 'DHR-2025-01'],
      ['audit/no-status', 'warning', file, 4, col(4, '2025-01-30,'), 'DHR-2025-01'],
      ['audit/overdue', 'warning', file, 4, col(4, 'cases",'), 'DHR-2025-01'],
    ]);
    expect(auditFindings(report, { failOnOverdue: true }).filter((f) => f.ruleId === 'audit/overdue').map((f) => f.severity)).toEqual(['error', 'error']);
    const overdue = auditFindings(report).find((f) => f.ruleId === 'audit/overdue')!;
    expect(overdue.endColumn - overdue.column).toBe('2025-01-31'.length);
    expect(overdue.message).toBe('Action A2 (polise) is 29 days past its target date 2025-01-31 and is not-recognised. Update its status, or agree a new target date with the CSP and record it.');
    // the same findings through each of the lint formatters; the typed status is never echoed
    const stylish = formatAudit('stylish', report);
    expect(stylish).toMatch(/A1\s+R1\s+police\s+in-progress\s+not a date/);
    expect(stylish).toMatch(/^ {2}3:\d+ +warning +Action A2 \(polise\) has a status that is not one of .* audit\/no-status$/m);
    expect(stylish).toMatch(/⚠ 4 problems \(0 errors, 4 warnings\) in 1 file in 1 review/);
    const json = JSON.parse(formatAudit('json', report));
    expect(json.reviews[0].summary.overdue).toBe(2);
    expect(json.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}@${f.line}`)).toEqual(['audit/no-status@3', 'audit/overdue@3', 'audit/no-status@4', 'audit/overdue@4']);
    const sarif = JSON.parse(formatAudit('sarif', report, { failOnOverdue: true }));
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['audit/overdue', 'audit/no-status', 'audit/stale']);
    expect(sarif.runs[0].results.map((r: { ruleIndex: number; level: string }) => [r.ruleIndex, r.level])).toEqual([[1, 'warning'], [0, 'error'], [1, 'warning'], [0, 'error']]);
    expect(sarif.runs[0].properties).toEqual({ asOf: '2025-03-01' });
    const github = formatAudit('github', report);
    expect(github.split('\n')[1]).toBe(`::warning file=${file},line=3,col=${col(3, 'cases",')},endLine=3,endColumn=${col(3, 'cases",') + 10},title=audit/overdue::${overdue.message}`);
    for (const out of [stylish, JSON.stringify(json), JSON.stringify(sarif), github]) expect(out).not.toMatch(/\bStarted\b/);
  });

  it('escapes everything it puts into the dashboard', () => {
    const root = tempReviews({
      'DHR-2025-03/review.yml': reviewYml('DHR-2025-03').replace('type: dhr', 'type: dhr\ntitle: "<script>alert(1)</script> & more"'),
      'DHR-2025-03/action-plan.csv': planCsv([{ id: 'A1', rec: 'R1', lead: '<b>x</b>', target: '2025-01-31', status: 'not-started' }]),
    });
    const html = renderDashboard(auditPaths([path.join(root, 'DHR-2025-03')], { asOf: '2025-03-01' }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  });

  it('composes the dashboard in the document model, which the HTML writer writes', () => {
    const report = auditPaths([EXAMPLE], { asOf: '2030-01-01' });
    const doc = dashboardDoc(report, { marking: 'OFFICIAL-SENSITIVE' });
    expect(doc.options).toMatchObject({ layout: 'dashboard', orientation: 'landscape', marking: 'OFFICIAL-SENSITIVE' });
    expect(doc.blocks.map((b) => b.type)).toEqual(['keyFigures', 'section', 'section', 'section', 'pageBreak', 'heading', 'section', 'paragraph']);
    expect(renderDashboard(report, { marking: 'OFFICIAL-SENSITIVE' })).toBe(renderHtml(doc));
    // and any other writer can write it: here its figures as Markdown tables
    const md = renderMarkdown(doc);
    expect(md).toContain('## Overdue actions (4)');
    expect(md).toMatch(/\| \*\*DHR-2024-03\*\* \| 6 \| 3 \| 1 \| 0 \| 0 \| 10 \| 4 \|/);
  });

  it('writes the dashboard and the report with --html and --docx, leaving no temporary files', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'dhr-audit-out-'));
    temps.push(out);
    const html = path.join(out, 'sub', 'dashboard.html');
    const docx = path.join(out, 'monitoring.docx');
    const r = dhr(['audit', EXAMPLE, '--as-of', '2026-03-01', '--html', html, '--docx', docx, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).reviews[0].review).toBe('DHR-2024-03');
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out).sort()).toEqual(['monitoring.docx', 'sub']);
    expect(readdirSync(path.join(out, 'sub'))).toEqual(['dashboard.html']);
    // the same audit gives the same bytes
    const again = path.join(out, 'again.html');
    dhr(['audit', EXAMPLE, '--as-of', '2026-03-01', '--html', again, '--quiet']);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(html, 'utf8'));
  });

  it('prints --help and exits 0', () => {
    const r = dhr(['audit', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--fail-on-overdue/);
  });
});
