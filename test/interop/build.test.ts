/**
 * The submission documents as users meet them: DOCX opened by LibreOffice, PDFs checked by qpdf
 * and read back by pdftotext, a page rendered by pdftoppm, form fields read back by qpdf --json.
 * These use the real Debian programs (.ci/run installs them); a missing program fails the test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { dhr } from '../support/cli.js';
import { EXAMPLE, ROOT } from '../support/rule-tester.js';
import { brokenCase } from '../support/broken.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-build-'));
const outA = path.join(tmp, 'a');
const outB = path.join(tmp, 'b');
const converted = path.join(tmp, 'converted');

const OVERVIEW_SECTIONS = ['Introduction', 'Timescales', 'Confidentiality', 'Terms of reference', 'Methods',
  'Involvement of family', 'Contributors to the review', 'The review panel members', 'Author of the overview report',
  'Parallel reviews', 'Equality and diversity', 'Dissemination', 'Background information', 'Chronology', 'Overview',
  'Analysis', 'Conclusions', 'Lessons to be learnt', 'Recommendations'];
const SUMMARY_SECTIONS = ['The review process', 'Contributors to the review', 'The review panel members',
  'Author of the overview report', 'Terms of reference', 'Summary chronology', 'Key issues arising from the review',
  'Conclusions', 'Lessons to be learnt', 'Recommendations'];
const ACTION_PLAN_COLUMNS = ['Recommendation', 'Scope of', 'Action to take', 'Lead agency', 'Key milestones', 'Target date', 'Date of completion'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  }).sort();
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Asserts the headings appear in order in the body (after the table of contents, when there is one). */
function expectInOrder(text: string, headings: string[]) {
  const flat = text.replace(/\s+/g, ' ');
  // skip the table of contents: start where the first heading occurs for the last-but-one time
  const firstHits: number[] = [];
  for (let i = flat.indexOf(headings[0]); i >= 0; i = flat.indexOf(headings[0], i + 1)) firstHits.push(i);
  expect(firstHits.length, `"${headings[0]}" not found`).toBeGreaterThan(0);
  let at = firstHits.length > 1 && flat.includes('Contents') ? firstHits[1] : firstHits[0];
  for (const h of headings.slice(1)) {
    const next = flat.indexOf(h, at + 1);
    expect(next, `"${h}" should follow in order`).toBeGreaterThan(at);
    at = next;
  }
}

beforeAll(() => {
  const env = { SOURCE_DATE_EPOCH: '1735689600' };
  const a = dhr(['build', EXAMPLE, '--out', outA, '--quiet'], { env });
  expect(a.stderr).toBe('');
  expect(a.code).toBe(0);
  const b = dhr(['build', EXAMPLE, '--out', outB, '--quiet'], { env });
  expect(b.code).toBe(0);
  const docx = walk(outA).filter((f) => f.endsWith('.docx'));
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', converted, ...docx], {
    env: { ...process.env, HOME: mkdtempSync(path.join(os.tmpdir(), 'lo-home-')) }, stdio: 'ignore', timeout: 300_000,
  });
}, 400_000);

describe('dhr build on the example review', () => {
  it('writes every output named in the contract', () => {
    for (const f of ['master-chronology.csv', 'master-chronology.md', 'master-chronology.docx', 'timeline.svg',
      'overview-report.docx', 'overview-report.pdf', 'executive-summary.docx', 'executive-summary.pdf',
      'action-plan.docx', 'action-plan.pdf', 'home-office-form.pdf', 'home-office-form.json', 'manifest.json',
      'letters/notification.docx', 'letters/family.docx']) {
      expect(existsSync(path.join(outA, f)), f).toBe(true);
    }
  });

  it('is deterministic: two builds are byte-identical', () => {
    const a = walk(outA).map((f) => path.relative(outA, f));
    const b = walk(outB).map((f) => path.relative(outB, f));
    expect(b).toEqual(a);
    for (const f of a) expect(readFileSync(path.join(outB, f)).equals(readFileSync(path.join(outA, f))), f).toBe(true);
  });

  it('lists every output with its SHA-256 in manifest.json', async () => {
    const { createHash } = await import('node:crypto');
    const m = JSON.parse(readFileSync(path.join(outA, 'manifest.json'), 'utf8'));
    expect(m.review).toBe('DHR-2024-03');
    const listed = m.outputs.map((o: { path: string }) => o.path).sort();
    expect(listed).toEqual(walk(outA).map((f) => path.relative(outA, f).split(path.sep).join('/')).filter((f) => f !== 'manifest.json').sort());
    for (const o of m.outputs) {
      expect(createHash('sha256').update(readFileSync(path.join(outA, o.path))).digest('hex')).toBe(o.sha256);
    }
    expect(m.outputs.find((o: { path: string }) => o.path === 'overview-report.pdf').inputs).toContain('overview-report.md');
  });

  it('every DOCX converts with LibreOffice', () => {
    const docx = walk(outA).filter((f) => f.endsWith('.docx'));
    expect(docx.length).toBeGreaterThanOrEqual(5);
    for (const f of docx) {
      const pdf = path.join(converted, path.basename(f).replace(/\.docx$/, '.pdf'));
      expect(existsSync(pdf), `${path.basename(f)} did not convert`).toBe(true);
      expect(pdfText(pdf).trim().length).toBeGreaterThan(100);
    }
  });

  it('the converted DOCX show the template sections in order, with the marking', () => {
    const ov = pdfText(path.join(converted, 'overview-report.pdf'));
    expectInOrder(ov, OVERVIEW_SECTIONS);
    expect(ov).toContain('OFFICIAL-SENSITIVE');
    expectInOrder(pdfText(path.join(converted, 'executive-summary.pdf')), SUMMARY_SECTIONS);
    expectInOrder(pdfText(path.join(converted, 'action-plan.pdf')).replace(/\s+/g, ' '), ACTION_PLAN_COLUMNS.slice(0, 4));
  });

  it('every PDF passes qpdf --check and shows the sections in order, the marking on every page', () => {
    for (const f of walk(outA).filter((x) => x.endsWith('.pdf'))) {
      execFileSync('qpdf', ['--check', f], { stdio: 'pipe' });
    }
    const ov = pdfText(path.join(outA, 'overview-report.pdf'));
    expectInOrder(ov, OVERVIEW_SECTIONS);
    const pages = ov.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(3);
    for (const p of pages) expect(p).toContain('OFFICIAL-SENSITIVE');
    expectInOrder(pdfText(path.join(outA, 'executive-summary.pdf')), SUMMARY_SECTIONS);
    const ap = pdfText(path.join(outA, 'action-plan.pdf'));
    expect(ap).toContain('A1');
    expect(ap).toContain('R7');
  });

  it('renders a page of the overview report with pdftoppm', () => {
    const prefix = path.join(tmp, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '2', '-l', '2', path.join(outA, 'overview-report.pdf'), prefix]);
    const png = readdirSync(tmp).find((n) => n.startsWith('page') && n.endsWith('.png'));
    expect(png).toBeDefined();
    const bytes = readFileSync(path.join(tmp, png!));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(5000);
  });

  it('the form fields read back by qpdf --json equal home-office-form.json', () => {
    const json = JSON.parse(readFileSync(path.join(outA, 'home-office-form.json'), 'utf8'));
    const q = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=acroform', path.join(outA, 'home-office-form.pdf')], { encoding: 'utf8' }));
    const fields = new Map<string, string>(q.acroform.fields.map((f: { fullname: string; value: unknown }) => [f.fullname, String(f.value ?? '')]));
    const spec = (parseYaml(readFileSync(path.join(ROOT, 'src', 'reports', 'home-office-form.fields.yml'), 'utf8')) as { fields: Array<{ key: string; type: string }> }).fields;
    const keys = spec.map((f) => f.key);
    const types = new Map(spec.map((f) => [f.key, f.type]));
    expect(Object.keys(json)).toEqual(keys);
    for (const k of ['review_id', 'date_of_death', 'victim_age', 'recommendations_total', 'family_involved', 'criminal_proceedings', 'agencies_contributing', 'imrs']) {
      expect(json).toHaveProperty(k);
    }
    for (const [k, v] of Object.entries(json)) {
      expect(fields.has(k), `field ${k}`).toBe(true);
      const got = fields.get(k)!.replace(/^u:/, '');
      const type = types.get(k);
      if (type === 'boolean') expect(got, k).toBe(v ? '/Yes' : '/Off');
      else if (type === 'yes-no') expect(got, k).toBe(v === true ? 'Yes' : v === false ? 'No' : '');
      else if (Array.isArray(v)) expect(got, k).toBe(v.join(', '));
      else expect(got, k).toBe(v === null ? '' : String(v));
    }
    expect(json.review_id).toBe('DHR-2024-03');
    expect(json.recommendations_total).toBe(json.recommendations_local + json.recommendations_regional + json.recommendations_national);
  });
});

describe('dhr build --final', () => {
  it('refuses a review with lint errors and writes nothing, leaving previous outputs intact', () => {
    const broken = brokenCase('schema-action-bad-scope').review;
    const out = path.join(tmp, 'final');
    const r1 = dhr(['build', broken, '--final', '--out', out]);
    expect(r1.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    // with earlier outputs in place
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'overview-report.pdf'), 'previous build');
    const r2 = dhr(['build', broken, '--final', '--out', out]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('refused');
    expect(readdirSync(out)).toEqual(['overview-report.pdf']);
    expect(readFileSync(path.join(out, 'overview-report.pdf'), 'utf8')).toBe('previous build');
  }, 240_000);

  it('final builds carry no protective marking', () => {
    const out = path.join(tmp, 'final-ok');
    const r = dhr(['build', EXAMPLE, '--final', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfText(path.join(out, 'executive-summary.pdf'))).not.toContain('OFFICIAL-SENSITIVE');
  }, 240_000);
});
