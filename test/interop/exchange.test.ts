/**
 * Agency exchange (issue 17) with the real programs: the pack's workbook and IMR form read back,
 * opened and re-saved by LibreOffice, and imported; an IMR and a chronology table written as HTML and
 * turned into Word documents by LibreOffice, then imported; tracked changes refused.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { dhr } from '../support/cli.js';
import { EXAMPLE, prepareReview } from '../support/rule-tester.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-exchange-'));
const loHome = mkdtempSync(path.join(os.tmpdir(), 'lo-home-'));

/** LibreOffice converts `file` to `format` (e.g. "docx:MS Word 2007 XML") into `outDir`; returns the new file. */
function soffice(file: string, format: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file], {
    env: { ...process.env, HOME: loHome }, stdio: 'ignore', timeout: 180_000,
  });
  const ext = format.split(':')[0];
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${ext}`);
  expect(existsSync(out), `LibreOffice wrote ${out}`).toBe(true);
  return out;
}

let packDir: string;
beforeAll(() => {
  packDir = path.join(tmp, 'pack');
  const r = dhr(['pack', EXAMPLE, '--agency', 'police', '--out', packDir]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 120_000);

describe('the chronology workbook', () => {
  it('has data validation, frozen headings, the instructions and a hidden identity sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(packDir, 'chronology-police.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chronology', 'Instructions', 'dhr-pack']);
    const ws = wb.getWorksheet('Chronology')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.getRow(5).values).toContain('Date of contact');
    const date = ws.getCell('B6').dataValidation;
    expect(date).toMatchObject({ type: 'date', operator: 'between' });
    expect((date.formulae as Date[])[0].toISOString().slice(0, 10)).toBe('2019-01-01');
    expect(ws.getCell('I6').dataValidation).toMatchObject({ type: 'list', formulae: ['"Yes,No"'] });
    expect(ws.getCell('F6').dataValidation).toMatchObject({ type: 'textLength' });
    expect(ws.getColumn(6).width).toBeGreaterThan(30);
    expect(wb.getWorksheet('dhr-pack')!.state).toBe('veryHidden');
    expect(String(wb.getWorksheet('dhr-pack')!.getCell('A1').value)).toBe('dhr-pack:DHR-2024-03/police');
    expect(String(ws.getCell('A2').value)).toContain('DHR-2024-03');
  });

  it('filled in and saved by LibreOffice, imports back into a valid chronology; another review or agency is refused', async () => {
    // the agency fills three rows; LibreOffice opens and saves the workbook (its own writer)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(packDir, 'chronology-police.xlsx'));
    const ws = wb.getWorksheet('Chronology')!;
    const rows = [
      [1, new Date(Date.UTC(2021, 2, 2)), '21:10', 'Adult A', 'Incident log', 'Adult A reported that Adult B had taken her bank card.', 'DASH completed: medium risk.', 'Police constable', 'Yes', 'Controlling behaviour was not recognised.'],
      [2, new Date(Date.UTC(2022, 5, 14)), '', 'Adult A; Adult B', 'Crime record', 'Criminal damage to the front door reported.', 'Adult B arrested.', 'Detective constable', 'No', ''],
      [3, 'August 2023', '', 'Adult B', 'Custody record', 'Adult B detained overnight after a breach of bail.', 'Released on bail with conditions.', 'Custody sergeant', 'No', ''],
    ];
    rows.forEach((r, i) => r.forEach((v, j) => { ws.getCell(6 + i, j + 1).value = v as ExcelJS.CellValue; }));
    const filled = path.join(tmp, 'filled', 'chronology-police.xlsx');
    mkdirSync(path.dirname(filled), { recursive: true });
    await wb.xlsx.writeFile(filled);
    const saved = soffice(filled, 'xlsx:Calc MS Excel 2007 XML', path.join(tmp, 'lo-saved'));

    const dir = prepareReview({ files: { 'chronologies/police.csv': null } });
    const r = dhr(['import', saved, '--agency', 'police', '--to', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const csv = readFileSync(path.join(dir, 'chronologies', 'police.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[1]).toMatch(/^1,2021-03-02,21:10,police,Adult A,/);
    expect(csv[3]).toMatch(/^3,2023-08,/);
    const lint = dhr(['validate', dir]);
    expect(lint.code, lint.stdout).toBe(0);

    // the same workbook imported under another agency, or into another review, is refused
    const other = dhr(['import', saved, '--agency', 'icb', '--to', prepareReview({ files: { 'chronologies/icb.csv': null } })]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/made for agency "police"/);
    const otherReview = prepareReview({ review: { id: 'DHR-2025-07' }, files: { 'chronologies/police.csv': null } });
    const wrong = dhr(['import', saved, '--agency', 'police', '--to', otherReview]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/made for review DHR-2024-03/);
    expect(existsSync(path.join(otherReview, 'chronologies', 'police.csv'))).toBe(false);
  }, 240_000);
});

describe('the IMR form', () => {
  it('opens in LibreOffice with the IMR headings, and its guidance is left out on import', () => {
    const pdf = soffice(path.join(packDir, 'imr-police.docx'), 'pdf', path.join(tmp, 'imr-pdf'));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const h of ['Individual Management Review: Gloucestershire Constabulary', 'IMR details', 'Introduction', 'Agency involvement', 'Analysis', 'Good practice', 'Lessons learnt', 'Recommendations']) {
      expect(text).toContain(h);
    }
    expect(text).toContain('key lines of enquiry');
    const dir = prepareReview({ files: { 'imrs/police.md': null } });
    const r = dhr(['import', path.join(packDir, 'imr-police.docx'), '--agency', 'police', '--to', dir]);
    expect(r.code).toBe(1); // imported, with the details still to complete
    const md = readFileSync(path.join(dir, 'imrs', 'police.md'), 'utf8');
    expect(md).toMatch(/^---\nagency: police\n---/);
    expect(md).toContain('## Analysis');
    expect(md).not.toContain('Text in this blue style is guidance');
    expect(md).not.toContain('Write your answer here');
    expect(r.stdout).toContain("IMR author (name)");
  }, 240_000);

  it('an IMR written elsewhere (HTML saved as Word by LibreOffice) imports, validates and lints with its sections', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>IMR</title></head><body>
<h1>Individual Management Review: Gloucestershire Constabulary</h1>
<h2>IMR details</h2>
<table border="1"><tr><th>Question</th><th>Answer</th></tr>
<tr><td>Agency id</td><td>police</td></tr>
<tr><td>IMR author (name)</td><td>Rachel Farrant</td></tr>
<tr><td>Author's role</td><td>Detective Inspector, Review and Learning Team</td></tr>
<tr><td>Has the author had any direct involvement with the people in this case? (Yes/No)</td><td>No</td></tr>
<tr><td>Is the author the line manager of any staff involved? (Yes/No)</td><td>No</td></tr>
<tr><td>Quality assured by (role of the senior manager who commissioned the IMR)</td><td>Detective Superintendent, Head of Public Protection</td></tr>
<tr><td>Date quality assured (DD/MM/YYYY)</td><td>23/08/2024</td></tr>
<tr><td>Date the IMR was completed (DD/MM/YYYY)</td><td>16/08/2024</td></tr>
<tr><td>Pack reference (do not change)</td><td>dhr-pack:DHR-2024-03/police</td></tr></table>
<h2>Introduction</h2><p>This review was commissioned by the <em>Head of Public Protection</em>. The author had no contact with Adult A or Adult B.</p>
<h2>Agency involvement</h2><p>The force recorded eight contacts with Adult A and Adult B.</p>
<ul><li>June 2019: a neighbour reported shouting.</li><li>May 2020: Adult A called 999.</li></ul>
<h2>Analysis</h2><p>Officers did not recognise <strong>controlling or coercive behaviour</strong>.</p>
<table border="1"><tr><th>Line of enquiry</th><th>Finding</th></tr><tr><td>Risk assessment</td><td>DASH completed with Adult B present.</td></tr></table>
<h2>Good practice</h2><p>The call handler kept Adult A on the line until officers arrived.</p>
<h2>Lessons learnt</h2><p>Risk questions must be asked privately.</p>
<h2>Recommendations</h2><ol><li>Make the stalking screening tool a required step for every domestic abuse incident involving repeated contact or following after separation.</li></ol>
</body></html>`;
    // (its recommendation is one the example's action plan carries, A1: report/imr-recommendations
    // would rightly warn about one that no recommendation or action takes up)
    const src = path.join(tmp, 'html-imr', 'imr-police.html');
    mkdirSync(path.dirname(src), { recursive: true });
    writeFileSync(src, html);
    const docx = soffice(src, 'docx:MS Word 2007 XML', path.join(tmp, 'html-imr-docx'));
    const dir = prepareReview({ files: { 'imrs/police.md': null } });
    const r = dhr(['import', docx, '--agency', 'police', '--to', dir]);
    expect(r.stderr).toBe('');
    const md = readFileSync(path.join(dir, 'imrs', 'police.md'), 'utf8');
    expect(md).toContain('author: Rachel Farrant');
    expect(md).toContain('author_involved_in_case: false');
    expect(md).toContain('quality_assured_on: 2024-08-23');
    for (const h of ['## Introduction', '## Agency involvement', '## Analysis', '## Good practice', '## Lessons learnt', '## Recommendations']) expect(md).toContain(h);
    expect(md).toMatch(/_Head of Public Protection_/);
    expect(md).toMatch(/\*\*controlling or coercive behaviour\*\*/);
    expect(md).toMatch(/^- June 2019/m);
    expect(md).toMatch(/\| Risk assessment +\| DASH completed/);
    expect(md).not.toContain('Pack reference');
    const v = dhr(['validate', dir]);
    expect(v.code, v.stdout).toBe(0);
    const lint = dhr(['lint', dir, '--format', 'json']);
    const imrFindings = (JSON.parse(lint.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings.filter((f) => f.file.endsWith('imrs/police.md'));
    expect(imrFindings.map((f) => f.ruleId)).toEqual([]);
  }, 240_000);

  it('refuses a document with tracked changes or comments, and writes nothing', () => {
    const parts = unzipSync(readFileSync(path.join(packDir, 'imr-police.docx')));
    const xml = strFromU8(parts['word/document.xml']);
    parts['word/document.xml'] = strToU8(xml.replace(/<w:r>/, '<w:del w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old</w:delText></w:r></w:del><w:r>'));
    const tracked = path.join(tmp, 'tracked.docx');
    writeFileSync(tracked, zipSync(parts));
    const dir = prepareReview({ files: { 'imrs/police.md': null } });
    const r = dhr(['import', tracked, '--agency', 'police', '--to', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tracked change/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'imrs', 'police.md'))).toBe(false);
  }, 60_000);
});

describe('a chronology table in Word', () => {
  it('imports with every row, through the spreadsheet heading map and dates', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `<tr><td>${i + 1}</td><td>${String(i + 1).padStart(2, '0')}/03/2021</td><td>Adult A</td><td>GP record</td><td>Consultation ${i + 1} about low mood.</td><td>Reviewed medication.</td><td>GP</td><td>${i === 3 ? 'Yes' : 'No'}</td></tr>`).join('\n');
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Chronology</title></head><body><h1>Chronology: GP practice</h1>
<table border="1"><tr><th>Entry number</th><th>Date of contact</th><th>Person</th><th>Source record</th><th>Details of contact</th><th>Action taken</th><th>Practitioner role</th><th>Key event</th></tr>
${rows}</table></body></html>`;
    const src = path.join(tmp, 'html-chron', 'gp.html');
    mkdirSync(path.dirname(src), { recursive: true });
    writeFileSync(src, html);
    const docx = soffice(src, 'docx:MS Word 2007 XML', path.join(tmp, 'html-chron-docx'));
    const dir = prepareReview({ files: { 'chronologies/icb.csv': null } });
    const r = dhr(['import', docx, '--agency', 'icb', '--to', dir]);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    const csv = readFileSync(path.join(dir, 'chronologies', 'icb.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(13);
    expect(csv[4]).toMatch(/^4,2021-03-04,,icb,Adult A,GP record,Consultation 4 about low mood\.,Reviewed medication\.,GP,yes,/);
    copyFileSync(docx, path.join(tmp, 'kept.docx'));
  }, 240_000);
});

describe('a chronology saved as Excel 97–2003 (.xls)', () => {
  it('imports from the workbook LibreOffice writes, its dates read through their cell format', () => {
    const src = path.join(tmp, 'xls-chron', 'housing.csv');
    mkdirSync(path.dirname(src), { recursive: true });
    writeFileSync(src, 'Date of contact,Details,Action taken,Staff role\n2021-04-03,Visit to Adult A at home; Child C present.,Referral made.,Support worker\n2021-05-12,"Phone call from Adult A, about rent.",Advice given.,Duty worker\n');
    const xls = soffice(src, 'xls:MS Excel 97', path.join(tmp, 'xls-chron-out'));
    const dir = prepareReview({ files: { 'chronologies/housing.csv': null } });
    const r = dhr(['import', xls, '--agency', 'housing', '--to', dir]);
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('(Excel 97–2003)');
    const csv = readFileSync(path.join(dir, 'chronologies', 'housing.csv'), 'utf8').trim().split(/\r?\n/);
    expect(csv.slice(1)).toEqual([
      '1,2021-04-03,,housing,,,Visit to Adult A at home; Child C present.,Referral made.,Support worker,,',
      '2,2021-05-12,,housing,,,"Phone call from Adult A, about rent.",Advice given.,Duty worker,,',
    ]);
  }, 240_000);
});
