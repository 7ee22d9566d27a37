import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { tokenizeCsv } from '../review/csv.js';
import { convertDate, convertKey, convertSubjects, convertTime, importChronology, ImportError, mapHeading } from './import.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'dhr-import-'));

/** Reads the CSV an import produced into objects by column name. */
function rowsOf(csv: string): Array<Record<string, string>> {
  const { records } = tokenizeCsv(csv);
  const head = records[0].cells.map((c) => c.value);
  return records.slice(1).map((r) => Object.fromEntries(head.map((h, i) => [h, r.cells[i]?.value ?? ''])));
}

async function workbook(file: string, build: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Chronology');
  build(ws);
  wb.addWorksheet('Notes').addRow(['This sheet is ignored']);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('headings', () => {
  it.each([
    ['Date of contact', 'date'], ['Contact Date', 'date'], ['DATE', 'date'], ['Date (dd/mm/yyyy)', 'date'],
    ['Details', 'event'], ['Description', 'event'], ['Summary of contact', 'event'], ['Event', 'event'],
    ['Time', 'time'], ['Action taken', 'action'], ['Outcome', 'action'], ['Staff role', 'practitioner'],
    ['Practitioner', 'practitioner'], ['Worker role', 'practitioner'], ['Source', 'source'], ['Record', 'source'],
    ['System', 'source'], ['Subject', 'subject'], ['Person', 'subject'], ['Key event', 'key_event'],
    ['Significant', 'key_event'], ['Key event (Y/N)', 'key_event'], ['Comment', 'comment'], ['Analysis', 'comment'],
    ['Agency comment', 'comment'], ['Ref.', 'id'], ['  action-taken ', 'action'],
  ])('"%s" → %s', (h, col) => expect(mapHeading(h)).toBe(col));

  it.each(['Officer name', 'Agency', 'Notes', 'Column1', ''])('"%s" is not mapped', (h) => expect(mapHeading(h)).toBeUndefined());
});

describe('cell conversion', () => {
  it('dates: Excel dates, serial numbers, years and text', () => {
    expect(convertDate(new Date(Date.UTC(2023, 10, 4)))).toEqual({ date: '2023-11-04' });
    expect(convertDate(new Date(Date.UTC(2023, 10, 4, 19, 48)))).toEqual({ date: '2023-11-04', time: '19:48' });
    expect(convertDate(45234)).toEqual({ date: '2023-11-04' });
    expect(convertDate(2019)).toEqual({ date: '2019' });
    expect(convertDate('04/11/2023')).toEqual({ date: '2023-11-04' });
    expect(convertDate('March 2020')).toEqual({ date: '2020-03' });
    expect(convertDate('31/02/2020').error).toContain('February 2020 has 29 days');
    expect(convertDate('31/02/2020').date).toBe('31/02/2020');
    expect(convertDate(null).error).toBe('no date');
    expect(convertDate(12.5).error).toContain('neither a year nor a spreadsheet date');
  });

  it('times: Excel times, fractions of a day and text', () => {
    expect(convertTime(new Date(Date.UTC(1899, 11, 30, 22, 35)))).toEqual({ time: '22:35' });
    expect(convertTime(0.5)).toEqual({ time: '12:00' });
    expect(convertTime('9:05')).toEqual({ time: '09:05' });
    expect(convertTime('22.35')).toEqual({ time: '22:35' });
    expect(convertTime('2235')).toEqual({ time: '22:35' });
    expect(convertTime('2235 hrs')).toEqual({ time: '22:35' });
    expect(convertTime('9.05 p.m.')).toEqual({ time: '21:05' });
    expect(convertTime('12am')).toEqual({ time: '00:00' });
    expect(convertTime('evening').error).toContain('cannot be read');
    expect(convertTime('25:00').error).toContain('cannot be read');
  });

  it('key events and subjects', () => {
    expect(convertKey('Y')).toEqual({ key: 'yes' });
    expect(convertKey(true)).toEqual({ key: 'yes' });
    expect(convertKey('No')).toEqual({ key: 'no' });
    expect(convertKey(null)).toEqual({ key: '' });
    expect(convertKey('maybe').error).toBeDefined();
    expect(convertSubjects('Adult A, Adult B\nChild C')).toBe('Adult A;Adult B;Child C');
  });
});

describe('importChronology from .xlsx', () => {
  it('maps headings, converts Excel dates and times, reports unmapped columns and bad rows', async () => {
    const file = await workbook(path.join(tmp(), 'police chronology.xlsx'), (ws) => {
      ws.addRow(['Gloucestershire Constabulary — chronology for DHR-2024-03']); // a title above the table
      ws.addRow([]);
      ws.addRow(['Ref', 'Date of contact', 'Time', 'Person', 'Record', 'Details', 'Action taken', 'Staff role', 'Significant', 'Agency comment', 'Officer name']);
      ws.addRow([1, new Date(Date.UTC(2019, 5, 14)), new Date(Date.UTC(1899, 11, 30, 22, 35)), 'Adult A, Adult B', 'Incident log',
        'Neighbour reported shouting; rent arrears of £1,240.', 'DASH completed', 'Response officer', 'Y', 'Officers did not speak to them "separately".', 'PC Example']);
      ws.addRow([2, '09/05/2020', '23:10', 'Adult A', '999 call', { richText: [{ text: 'Adult A called ' }, { text: '999.' }] }, 'Arrest', 'Police constable', 'No', null, 'PC Example']);
      ws.addRow([3, '31/02/2021', null, 'Adult B', 'Crime file', 'Impossible date row', '', '', '', '', '']);
      ws.addRow([null, null, null, null, null, null, null, null, null, null, 'PC Example']); // nothing we import: blank
      ws.addRow([4, 45234, 'evening', 'Adult A', 'Incident log', '', '', '', 'perhaps', '', '']);
      ws.addRow([5, { formula: 'DATE(2023,12,9)', result: new Date(Date.UTC(2023, 11, 9)) }, null, 'Adult A', 'Incident log', 'Car parked near her road', '', 'Response officer', 'yes', '', '']);
    });
    const r = await importChronology(file, 'police');
    expect(r.rows).toBe(5);
    expect(r.headerRow).toBe(3);
    expect(r.description).toBe('worksheet "Chronology"');
    expect(r.mapped.map((m) => `${m.heading}→${m.column}`)).toEqual([
      'Ref→id', 'Date of contact→date', 'Time→time', 'Person→subject', 'Record→source', 'Details→event',
      'Action taken→action', 'Staff role→practitioner', 'Significant→key_event', 'Agency comment→comment',
    ]);
    expect(r.unmapped).toEqual(['Officer name']);
    expect(r.blank).toBe(1);
    expect(r.problems).toEqual([
      { row: 6, reason: 'the date cannot be used: February 2021 has 28 days, so day 31 does not exist' },
      { row: 8, reason: 'the time cannot be read (use HH:MM, 24-hour)' },
      { row: 8, reason: 'the key event cell is neither yes nor no' },
      { row: 8, reason: 'no event text' },
    ]);
    const rows = rowsOf(r.csv);
    expect(Object.keys(rows[0])).toEqual(['id', 'date', 'time', 'agency', 'subject', 'source', 'event', 'action', 'practitioner', 'key_event', 'comment']);
    expect(rows[0]).toMatchObject({ id: '1', date: '2019-06-14', time: '22:35', agency: 'police', subject: 'Adult A;Adult B', source: 'Incident log',
      event: 'Neighbour reported shouting; rent arrears of £1,240.', action: 'DASH completed', practitioner: 'Response officer', key_event: 'yes',
      comment: 'Officers did not speak to them "separately".' });
    expect(rows[1]).toMatchObject({ date: '2020-05-09', time: '23:10', event: 'Adult A called 999.', key_event: 'no' });
    expect(rows[2]).toMatchObject({ id: '3', date: '31/02/2021' }); // kept as written, reported
    expect(rows[3]).toMatchObject({ id: '4', date: '2023-11-04', time: 'evening' });
    expect(rows[4]).toMatchObject({ id: '5', date: '2023-12-09' });
    expect(r.csv).not.toContain('PC Example');
  });

  it('numbers rows when the sheet has no id column, and refuses a sheet without date and event headings', async () => {
    const dir = tmp();
    const ok = await workbook(path.join(dir, 'a.xlsx'), (ws) => {
      ws.addRow(['Contact date', 'Summary of contact']);
      ws.addRow(['2020-03', 'Telephone review']);
      ws.addRow(['2021', 'Letter sent']);
    });
    const r = await importChronology(ok, 'icb');
    expect(rowsOf(r.csv).map((x) => [x.id, x.date, x.agency])).toEqual([['1', '2020-03', 'icb'], ['2', '2021', 'icb']]);
    expect(r.problems).toEqual([]);

    const bad = await workbook(path.join(dir, 'b.xlsx'), (ws) => {
      ws.addRow(['When it happened?', 'Stuff']);
      ws.addRow(['2020-03', 'x']);
    });
    await expect(importChronology(bad, 'icb')).rejects.toThrow(/no header row with a date column and an event column/);
    writeFileSync(path.join(dir, 'c.xlsx'), 'not a zip');
    await expect(importChronology(path.join(dir, 'c.xlsx'), 'icb')).rejects.toThrow(ImportError);
    // .xls workbooks are read now (xls.test.ts); one that is not a workbook is refused in words
    writeFileSync(path.join(dir, 'd.xls'), 'not a workbook');
    await expect(importChronology(path.join(dir, 'd.xls'), 'icb')).rejects.toThrow(/d\.xls: it cannot be read as an Excel 97–2003 workbook/);
  });
});

describe('importChronology from .csv', () => {
  it('reads Windows-1252 (the £ survives) and reports lines', async () => {
    const dir = tmp();
    const text = 'Date,Description,Outcome,Worker role,Key event\r\n14/12/2020,"Rent arrears of £1,240",Letter sent,Income officer,Yes\r\n12/31/2020,US date,,,\r\n';
    writeFileSync(path.join(dir, 'housing.csv'), iconv.encode(text, 'windows-1252'));
    const r = await importChronology(path.join(dir, 'housing.csv'), 'housing');
    expect(r.description).toBe('CSV, windows-1252');
    expect(r.unit).toBe('line');
    const rows = rowsOf(r.csv);
    expect(rows[0]).toMatchObject({ date: '2020-12-14', event: 'Rent arrears of £1,240', action: 'Letter sent', practitioner: 'Income officer', key_event: 'yes' });
    expect(r.problems).toEqual([{ row: 3, reason: expect.stringContaining('US-style') }]);
  });

  it('reads Excel\'s "Unicode Text" (UTF-16, tab-separated) and "Text (Tab delimited)", and CSV with semicolons', async () => {
    const dir = tmp();
    const rows = [['Date of contact', 'Details', 'Action taken'], ['03/04/2021', 'Visit; Child C present, asleep', 'Referral, by phone']];
    const tabs = rows.map((r) => r.join('\t')).join('\r\n');
    writeFileSync(path.join(dir, 'unicode.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabs, 'utf16le')]));
    writeFileSync(path.join(dir, 'tabs.tsv'), tabs);
    writeFileSync(path.join(dir, 'semicolons.csv'), rows.map((r) => r.map((c) => (c.includes(';') ? `"${c}"` : c)).join(';')).join('\r\n'));
    for (const [name, description] of [['unicode.txt', 'tab-separated text, UTF-16'], ['tabs.tsv', 'tab-separated text, UTF-8'], ['semicolons.csv', 'CSV with semicolons, UTF-8']]) {
      const r = await importChronology(path.join(dir, name), 'housing');
      expect(r.description, name).toBe(description);
      expect(rowsOf(r.csv)[0], name).toMatchObject({ date: '2021-04-03', event: 'Visit; Child C present, asleep', action: 'Referral, by phone' });
    }
  });
});
