/** `dhr chronology` and `dhr import` driven as a user would, through bin/dhr.js. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dhr } from './support/cli.js';
import { EXAMPLE, prepareReview } from './support/rule-tester.js';
import { loadReview } from '../src/review/load.js';

const OUTPUTS = ['master-chronology.csv', 'master-chronology.docx', 'master-chronology.md', 'timeline.svg'];

function workspace(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'dhr-chron-cli-'));
}

describe('dhr chronology', { timeout: 300_000 }, () => {
  it('writes the four outputs into reports/<review-id>/ and prints the reconciliation', () => {
    const cwd = workspace();
    const r = dhr(['chronology', EXAMPLE], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const review = loadReview(EXAMPLE);
    const total = [...review.chronologies.values()].reduce((n, t) => n + t.rows.length, 0);
    expect(r.stdout).toMatch(new RegExp(`^Master chronology of DHR-2024-03: adult-social-care \\d+ → \\d+, .*; total ${total} → ${total} ✔$`, 'm'));
    const out = path.join(cwd, 'reports', 'DHR-2024-03');
    expect(readdirSync(out).sort()).toEqual(OUTPUTS);
    for (const f of OUTPUTS) expect(r.stdout).toContain(`wrote reports/DHR-2024-03/${f}`);
    const csv = readFileSync(path.join(out, 'master-chronology.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('ref,id,date,time,agency,subject,source,event,action,practitioner,key_event,comment');
    // no temporary folder left behind
    expect(readdirSync(path.join(cwd, 'reports'))).toEqual(['DHR-2024-03']);
  });

  it('is byte-for-byte repeatable, and --out and --quiet work', () => {
    const cwd = workspace();
    expect(dhr(['chronology', EXAMPLE, '--out', 'a', '--quiet'], { cwd })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(dhr(['chronology', EXAMPLE, '--out', 'b', '-q'], { cwd }).code).toBe(0);
    for (const f of OUTPUTS) expect(readFileSync(path.join(cwd, 'a', f)).equals(readFileSync(path.join(cwd, 'b', f))), f).toBe(true);
  });

  it('writes outputs even when a date cannot be read, listing it on stderr (exit 0)', () => {
    const dir = prepareReview({
      files: { 'chronologies/police.csv': (t) => t.replace(/\n2,2020-05-09,/, '\n2,31/02/2020,') },
    });
    const cwd = workspace();
    const r = dhr(['chronology', dir, '--out', 'out'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Chronology findings: 1 error/m);
    expect(r.stderr).toMatch(/chronologies\/police\.csv:3:3 {2}error {2}The date cannot be used: February 2020 has 29 days.*chronology\/date/);
    const lines = readFileSync(path.join(cwd, 'out', 'master-chronology.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines.at(-1)).toMatch(/^police#2,2,31\/02\/2020,/);
    expect(readFileSync(path.join(cwd, 'out', 'master-chronology.md'), 'utf8')).toContain('31/02/2020 (date not recognised)');
  });

  it('fails with one line and exit 2 for a missing review or an unwritable --out, leaving old outputs alone', () => {
    const cwd = workspace();
    const missing = dhr(['chronology', 'no-such-review'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(dhr(['chronology'], { cwd }).code).toBe(2);

    writeFileSync(path.join(cwd, 'blocked'), 'a file where the folder should be');
    const blocked = dhr(['chronology', EXAMPLE, '--out', 'blocked'], { cwd });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^dhr: chronology: cannot write to blocked/);
    expect(readFileSync(path.join(cwd, 'blocked'), 'utf8')).toBe('a file where the folder should be');
  });
});

describe('dhr import', { timeout: 300_000 }, () => {
  async function agencySheet(file: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Probation chronology');
    ws.addRow(['Date of contact', 'Time', 'Person', 'System', 'Details', 'Outcome', 'Worker role', 'Key event', 'Comment', 'Officer name']);
    ws.addRow([new Date(Date.UTC(2022, 2, 3)), '10:15', 'Adult B', 'nDelius', 'Supervision appointment; Adult B said the relationship had ended.', 'Next appointment booked', 'Probation officer', 'No', '', 'Officer One']);
    ws.addRow(['2022-04', null, 'Adult B', 'nDelius', 'Adult B missed an appointment (£0 cost).', 'Warning letter', 'Probation officer', 'Yes', 'Enforcement was timely.', 'Officer One']);
    ws.addRow(['30/02/2022', null, 'Adult B', 'nDelius', 'A row with an impossible date', '', 'Probation officer', '', '', '']);
    await wb.xlsx.writeFile(file);
  }

  it('converts a spreadsheet into chronologies/<agency>.csv, reports unmapped columns and bad rows, and refuses to overwrite', async () => {
    const review = prepareReview({});
    const cwd = workspace();
    const sheet = path.join(cwd, 'probation.xlsx');
    await agencySheet(sheet);
    const r = dhr(['import', sheet, '--agency', 'probation', '--to', review], { cwd });
    expect(r.code).toBe(1); // imported, but a row needs correcting
    expect(r.stdout).toMatch(/^Imported 3 rows from probation\.xlsx \(worksheet "Probation chronology", headings on row 1\) into .*chronologies\/probation\.csv$/m);
    expect(r.stdout).toContain('"Date of contact" → date');
    expect(r.stdout).toContain('"Details" → event');
    // named by column letter: a heading can hold a person's name, and this output reaches CI logs
    expect(r.stdout).toContain('Not mapped, left out: column J (headings not printed');
    expect(r.stdout).not.toContain('Officer name');
    expect(r.stdout).toMatch(/row 4: the date cannot be used: February 2022 has 28 days/);
    expect(r.stdout).toContain('Note: "probation" is not one of the agencies in review.yml');
    const csv = readFileSync(path.join(review, 'chronologies', 'probation.csv'), 'utf8');
    expect(csv).toContain('1,2022-03-03,10:15,probation,Adult B,nDelius,Supervision appointment; Adult B said the relationship had ended.,Next appointment booked,Probation officer,no,\r\n');
    expect(csv).toContain('2,2022-04,,probation,Adult B,nDelius,Adult B missed an appointment (£0 cost).,Warning letter,Probation officer,yes,Enforcement was timely.');
    expect(csv).not.toContain('Officer One');
    // the imported file passes the chronology schema (only the impossible date is left for chronology/date)
    const loaded = loadReview(review);
    expect(loaded.findings.filter((f) => f.file.endsWith('probation.csv'))).toEqual([]);

    const again = dhr(['import', sheet, '--agency', 'probation', '--to', review], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/probation\.csv already exists: use --force to replace it/);
    expect(dhr(['import', sheet, '--agency', 'probation', '--to', review, '--force', '-q'], { cwd }).code).toBe(1);

    // and the master chronology takes the new agency in
    const chron = dhr(['chronology', review, '--out', 'out'], { cwd });
    expect(chron.stdout).toMatch(/probation 3 → 3/);
  });

  it('refuses bad arguments with one line and exit 2', () => {
    const cwd = workspace();
    const review = prepareReview({});
    writeFileSync(path.join(cwd, 'x.csv'), 'Date,Details\r\n2020-01-01,Something\r\n');
    for (const args of [
      ['import', 'x.csv', '--to', review],
      ['import', 'x.csv', '--agency', 'Police Force', '--to', review],
      ['import', 'x.csv', '--agency', 'police'],
      ['import', 'missing.xlsx', '--agency', 'probation', '--to', review],
      ['import', 'x.csv', '--agency', 'probation', '--to', path.join(cwd, 'nowhere')],
    ]) {
      const r = dhr(args, { cwd });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    writeFileSync(path.join(cwd, 'y.csv'), 'Name,Notes\r\nSomeone,Something\r\n');
    const noHeader = dhr(['import', 'y.csv', '--agency', 'probation', '--to', review], { cwd });
    expect(noHeader.code).toBe(2);
    expect(noHeader.stderr).toMatch(/no header row with a date column and an event column/);
    expect(existsSync(path.join(review, 'chronologies', 'probation.csv'))).toBe(false);
  });

  it('imports a Windows-1252 CSV as UTF-8', () => {
    const cwd = workspace();
    const review = prepareReview({});
    mkdirSync(path.join(cwd, 'in'));
    writeFileSync(path.join(cwd, 'in', 'gp.csv'), Buffer.from('Date,Summary of contact\r\n03/10/2023,Prescription charge \xa39.90 discussed\r\n', 'latin1'));
    const r = dhr(['import', 'in/gp.csv', '--agency', 'gp', '--to', review], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CSV, windows-1252');
    expect(readFileSync(path.join(review, 'chronologies', 'gp.csv'), 'utf8')).toContain('1,2023-10-03,,gp,,,Prescription charge £9.90 discussed,');
  });
});
