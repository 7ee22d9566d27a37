/**
 * Statutory currency (issue 18) as users meet it: the `dardr` legal basis in built documents and
 * letters, the QA points lifecycle through `dhr lint`, the QA letter and scoping review built as
 * documents, and the data form's new fields read back from the PDF by qpdf.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { dhr } from '../support/cli.js';
import { prepareReview } from '../support/rule-tester.js';

const DARDR = 'Domestic Abuse Related Death Review';

function docxText(file: string): string {
  const xml = strFromU8(unzipSync(readFileSync(file))['word/document.xml']);
  return xml.replace(/<[^>]+>/g, '');
}

function setYaml(dir: string, edits: Record<string, unknown>): void {
  const f = path.join(dir, 'review.yml');
  const doc = parseDocument(readFileSync(f, 'utf8'));
  for (const [k, v] of Object.entries(edits)) {
    const p = k.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (v === undefined) doc.deleteIn(p);
    else doc.setIn(p, v);
  }
  writeFileSync(f, doc.toString());
}

const findings = (dir: string, rule: string) => {
  const r = dhr(['lint', dir, '--format', 'json', '--as-of', '2025-06-01']);
  return (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; severity: string; line: number }> }).findings.filter((f) => f.ruleId === rule);
};

describe('QA outcome and Commissioner copy through dhr lint', () => {
  it('warns once submitted, errors once published, and clears when resolved', () => {
    const dir = prepareReview({ review: { 'dates.commissioner_sent': null } });
    expect(findings(dir, 'process/commissioner-copy').map((f) => f.severity)).toEqual(['warning']);

    setYaml(dir, {
      status: 'published', 'dates.qa_cleared': '2025-03-14', 'dates.published': '2025-04-30',
      qa: { panel_date: '2025-02-20', letter_date: '2025-03-14', outcome: 'cleared-with-changes',
        points: [{ id: 'Q1', summary: 'Equality section too brief', resolved: false }, { id: 'Q2', summary: 'Terms of reference late', response: 'Moved', resolved: true }] },
    });
    expect(findings(dir, 'process/commissioner-copy').map((f) => f.severity)).toEqual(['error']);
    expect(findings(dir, 'process/qa-points')).toHaveLength(1);

    setYaml(dir, { 'dates.commissioner_sent': '2024-11-29', 'qa.points.0.resolved': true, 'qa.points.0.response': 'Rewritten' });
    expect(findings(dir, 'process/commissioner-copy')).toEqual([]);
    expect(findings(dir, 'process/qa-points')).toEqual([]);

    setYaml(dir, { 'qa.letter_date': undefined });
    expect(findings(dir, 'process/qa-points')).toHaveLength(1);
  }, 180000);
});

describe('a dardr review built with the QA letter and a scoping review', () => {
  let dir: string;
  let out: string;
  beforeAll(() => {
    dir = prepareReview({
      files: {
        'qa/letter.md': '# Letter from the Home Office Quality Assurance panel\n\nThe panel met on 20 February 2025 and '
          + 'was pleased to clear the report for publication once the equality section is expanded.\n',
        'scoping-review.md': '# Scoping review\n\nThe panel met on 2 March 2024 to record early learning about bail conditions.\n',
      },
    });
    writeFileSync(path.join(dir, '..', '..', 'dhr.config.yml'), 'profile: gloucestershire\nlegal_basis: dardr\n');
    out = path.join(dir, '..', '..', 'out');
    mkdirSync(out, { recursive: true });
    const r = dhr(['build', dir, '--draft', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
  }, 120000);

  it('every document title and letter says Domestic Abuse Related Death Review', () => {
    const cover = execFileSync('pdftotext', ['-l', '2', path.join(out, 'overview-report.pdf'), '-'], { encoding: 'utf8' });
    expect(cover.replace(/\s+/g, ' ')).toContain(DARDR);
    expect(cover).not.toContain('Domestic Homicide Review DHR');
    for (const l of ['notification', 'family']) {
      const t = docxText(path.join(out, 'letters', `${l}.docx`));
      expect(t, l).toContain(DARDR);
      expect(t, l).not.toContain('Domestic Homicide Review');
    }
    // the definition follows the Domestic Abuse Act 2021 under dardr
    expect(docxText(path.join(out, 'letters', 'notification.docx'))).toMatch(/domestic abuse as defined by the Domestic Abuse Act 2021/);
    const form = JSON.parse(readFileSync(path.join(out, 'home-office-form.json'), 'utf8'));
    expect(form.legal_basis).toBe('dardr');
    expect(form.review_type_label).toBe(DARDR);
  });

  it('builds the QA letter and the scoping review as documents', () => {
    const qa = execFileSync('pdftotext', [path.join(out, 'qa-letter.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(qa).toContain('clear the report for publication');
    const sc = execFileSync('pdftotext', [path.join(out, 'scoping-review.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(sc).toContain('early learning about bail conditions');
    execFileSync('qpdf', ['--check', path.join(out, 'qa-letter.pdf')]);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { outputs: Array<{ path: string; inputs: string[] }> };
    expect(manifest.outputs.find((o) => o.path === 'qa-letter.docx')?.inputs).toContain('qa/letter.md');
  });

  it('the new form fields read back from the PDF equal the JSON, grouped over two pages', () => {
    const json = JSON.parse(readFileSync(path.join(out, 'home-office-form.json'), 'utf8')) as Record<string, unknown>;
    const q = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=acroform', path.join(out, 'home-office-form.pdf')], { encoding: 'utf8' }));
    const fields = new Map<string, string>(q.acroform.fields.map((f: { fullname: string; value: unknown }) => [f.fullname, String(f.value ?? '').replace(/^u:/, '')]));
    expect(fields.get('case_types')).toBe((json.case_types as string[]).join(', '));
    expect(fields.get('abuse_types')).toBe((json.abuse_types as string[]).join(', '));
    expect(fields.get('perpetrator_previous_offending')).toBe('Yes');
    expect(fields.get('victim_previous_offending')).toBe('No');
    expect(fields.get('victim_religion')).toBe('');
    expect(fields.get('month_of_death')).toBe('2024-01');
    expect(fields.get('verdict')).toBe('murder');
    expect(fields.get('legal_basis')).toBe('dardr');
    const text = execFileSync('pdftotext', [path.join(out, 'home-office-form.pdf'), '-'], { encoding: 'utf8' });
    for (const g of ['The review', 'Dates', 'The death', 'The victim', 'The perpetrator']) expect(text).toContain(g);
    expect(execFileSync('pdfinfo', [path.join(out, 'home-office-form.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
  });
});
