import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import iconv from 'iconv-lite';
import { EXAMPLE, prepareReview } from '../../test/support/rule-tester.js';
import { loadReview } from '../review/load.js';
import { tokenizeCsv } from '../review/csv.js';
import { mergeChronologies, MASTER_COLUMNS } from './merge.js';
import { chronologyOutputs, csvCell, masterCsv, masterCsvChunks, masterDoc, masterMarkdown, masterMarkdownChunks, mdCell, toCsv } from './outputs.js';

const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment\n';

describe('master-chronology.csv', () => {
  it('quotes as RFC 4180 asks, with CRLF between records', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(toCsv([['a', 'b'], ['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });

  it('holds every row of the example once, reading back to the same cells', () => {
    const review = loadReview(EXAMPLE);
    const master = mergeChronologies(review);
    const csv = masterCsv(master);
    const { records, problems } = tokenizeCsv(csv);
    expect(problems).toEqual([]);
    expect(records[0].cells.map((c) => c.value)).toEqual([...MASTER_COLUMNS]);
    expect(records.length - 1).toBe(master.rows.length);
    records.slice(1).forEach((rec, i) => {
      const r = master.rows[i];
      expect(rec.cells.map((c) => c.value)).toEqual([r.ref, r.id, r.date, r.time, r.agency, r.subject, r.source, r.event, r.action, r.practitioner, r.key_event, r.comment]);
    });
    // sources with multi-line cells survive as multi-line quoted cells
    expect(master.rows.some((r) => r.comment.includes('\n') || r.event.includes('\n'))).toBe(true);
  });

  it('reads back the same when written in several chunks (a chronology of more than a megabyte)', () => {
    const review = loadReview(EXAMPLE);
    const one = mergeChronologies(review);
    // the example's rows many times over, each a new row
    const copies = Math.ceil((2.5 * (1 << 20)) / masterCsv(one).length);
    const rows = Array.from({ length: copies }, (_, k) => one.rows.map((r) => ({ ...r, ref: `${r.ref}-${k}` }))).flat();
    const master = { ...one, rows };
    expect([...masterCsvChunks(master)].length).toBeGreaterThan(1);
    expect([...masterMarkdownChunks(review, master)].length).toBeGreaterThan(1);
    const { records, problems } = tokenizeCsv(masterCsv(master));
    expect(problems).toEqual([]);
    expect(records.slice(1).map((rec) => rec.cells[0]!.value)).toEqual(rows.map((r) => r.ref));
    const md = masterMarkdown(review, master).split('\n');
    for (const r of rows) expect(md.filter((line) => line.startsWith(`| ${r.key ? `**${mdCell(r.ref)}**` : mdCell(r.ref)} |`)).length, r.ref).toBe(1);
  });

  it('keeps Windows-1252 text: a £ in a cp1252 chronology is UTF-8 £ in the master', async () => {
    const text = `${HEADER}1,14/12/2020,,housing,Adult A,Rent account,Arrears of £1,240 — “final” notice,,Income officer,no,\n`.replace('Arrears of £1,240 — “final” notice', '"Arrears of £1,240 — “final” notice"');
    const dir = prepareReview({ files: { 'chronologies/housing.csv': null } });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/chronologies/housing.csv`, iconv.encode(text.replace(/\n/g, '\r\n'), 'windows-1252'));
    const review = loadReview(dir);
    expect(review.chronologies.get('housing')!.file.encoding).toBe('windows-1252');
    const files = await chronologyOutputs(review, mergeChronologies(review));
    const csv = files.get('master-chronology.csv')!;
    expect(new TextDecoder('utf-8', { fatal: true }).decode(csv)).toContain('housing#1,1,2020-12-14,,housing,Adult A,Rent account,"Arrears of £1,240 — “final” notice"');
    expect(csv.includes(Buffer.from('£', 'utf8'))).toBe(true);
    expect(csv[0]).toBe('r'.charCodeAt(0)); // no byte-order mark
    expect(files.get('master-chronology.md')!.toString('utf8')).toContain('Arrears of £1,240');
  });
});

describe('master-chronology.md', () => {
  const review = loadReview(EXAMPLE);
  const master = mergeChronologies(review);
  const md = masterMarkdown(review, master);

  it('is a GFM table with one line per row, key events in bold', () => {
    const lines = md.split('\n');
    const start = lines.findIndex((l) => l.startsWith('| Ref | Date |'));
    const body = lines.slice(start + 2).filter((l) => l.startsWith('| '));
    expect(body.length).toBe(master.rows.length);
    body.forEach((l, i) => {
      const r = master.rows[i];
      expect(l.startsWith(r.key ? `| **${mdCell(r.ref)}** |` : `| ${mdCell(r.ref)} |`)).toBe(true);
      // every line has the same number of unescaped pipes as the header
      expect(l.split(/(?<!\\)\|/).length).toBe(lines[start].split('|').length);
    });
    expect(md).toContain(`total ${master.rows.length} → ${master.rows.length} ✔`);
  });

  it('escapes pipes, markup and line breaks inside cells', () => {
    expect(mdCell('a | b')).toBe('a \\| b');
    expect(mdCell('*not bold* <b>')).toBe('\\*not bold\\* &lt;b&gt;');
    expect(mdCell('one\r\ntwo')).toBe('one<br>two');
  });
});

describe('master-chronology.docx', () => {
  it('is a landscape table whose header repeats on each page, key rows emphasised', async () => {
    const review = loadReview(EXAMPLE);
    const master = mergeChronologies(review);
    const doc = masterDoc(review, master, { marking: 'OFFICIAL-SENSITIVE' });
    expect(doc.options.orientation).toBe('landscape');
    const table = doc.blocks.filter((b) => b.type === 'table').at(-1)!;
    if (table.type !== 'table') throw new Error('no table');
    expect(table.rows.length).toBe(master.rows.length);
    expect(table.rows.filter((r) => r.emphasis).length).toBe(master.rows.filter((r) => r.key).length);

    const files = await chronologyOutputs(review, master, { marking: 'OFFICIAL-SENSITIVE' });
    const xml = strFromU8(unzipSync(files.get('master-chronology.docx')!)['word/document.xml']);
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('<w:tblHeader');
    expect(xml).toContain(master.rows[0].ref);
  });

  it('gives byte-identical outputs for the same review', async () => {
    const review = loadReview(EXAMPLE);
    const a = await chronologyOutputs(review, mergeChronologies(review));
    const b = await chronologyOutputs(loadReview(EXAMPLE), mergeChronologies(loadReview(EXAMPLE)));
    for (const [name, bytes] of a) expect(Buffer.compare(bytes, b.get(name)!), name).toBe(0);
  });
});
