import { describe, expect, it } from 'vitest';
import { guessDelimiter, readCsvTable, tokenizeCsv } from './csv.js';
import { sourceFromText } from './source.js';

const table = (text: string) => readCsvTable(sourceFromText('/tmp/t.csv', text));

describe('CSV cell positions', () => {
  it('gives each cell its line and column', () => {
    const { table: t, problems } = table('id,date,event\n1,2020-01-02,First\n2,2020-02-03,Second\n');
    expect(problems).toEqual([]);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1].cells.event).toMatchObject({ value: 'Second', line: 3, column: 14, endLine: 3, endColumn: 20 });
    expect(t.header[2]).toMatchObject({ value: 'event', line: 1, column: 9 });
  });

  it('counts quoted multi-line cells correctly for the rows after them', () => {
    const text = 'id,event,comment\n1,"line one\nline two\nline three",x\n2,after,"a ""quoted"" word"\n';
    const { table: t } = table(text);
    expect(t.rows[0].cells.event).toMatchObject({ value: 'line one\nline two\nline three', line: 2, column: 3, endLine: 4 });
    expect(t.rows[0].cells.comment).toMatchObject({ value: 'x', line: 4, column: 13 });
    expect(t.rows[1]).toMatchObject({ line: 5 });
    expect(t.rows[1].cells.event).toMatchObject({ value: 'after', line: 5, column: 3 });
    expect(t.rows[1].cells.comment).toMatchObject({ value: 'a "quoted" word', line: 5, column: 9 });
  });

  it('reads CRLF files (Excel) with the same positions as LF', () => {
    const lf = table('a,b\n"x\ny",2\n3,4\n').table;
    const crlf = table('a,b\r\n"x\r\ny",2\r\n3,4\r\n').table;
    expect(crlf.rows[1].cells.a).toMatchObject({ line: 4, column: 1 });
    expect(lf.rows[1].cells.a).toMatchObject({ line: 4, column: 1 });
    expect(crlf.rows[0].cells.a.value).toBe('x\r\ny');
  });

  it('reports a row with the wrong cell count and still reads the rest', () => {
    const { table: t, problems } = table('id,event\n1,a\n2,b,extra\n3,c\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, column: 1 });
    expect(problems[0].message).toContain('3 cells but the header has 2');
    expect(t.rows.map((r) => r.cells.event.value)).toEqual(['a', 'b', 'c']);
  });

  it('recovers from an unclosed quote at the end of its line', () => {
    const { table: t, problems } = table('id,event\n1,"never closed\n2,fine\n');
    expect(problems[0]).toMatchObject({ line: 2, column: 3 });
    expect(problems[0].message).toContain('unclosed quote');
    expect(t.rows.map((r) => r.cells.id.value)).toEqual(['1', '2']);
    expect(t.rows[1].cells.event).toMatchObject({ value: 'fine', line: 3, column: 3 });
  });

  it('skips blank lines and keeps empty cells', () => {
    const { records } = tokenizeCsv('a,,c\n\n\n,,\n');
    expect(records).toHaveLength(2);
    expect(records[0].cells.map((c) => c.value)).toEqual(['a', '', 'c']);
    expect(records[1].line).toBe(4);
  });
});

describe('guessDelimiter', () => {
  it('takes the character that splits one of the first lines into the most cells, outside quotes; on a tie a tab, then a comma', () => {
    expect(guessDelimiter('a,b,c\n1;2;3\n')).toBe(44);
    expect(guessDelimiter('Chronology: police, housing\nDate\tEvent\tAction\tWorker\n')).toBe(9); // a title line first
    expect(guessDelimiter('\r\nDate\tEvent\tAction\n')).toBe(9);
    expect(guessDelimiter('Date;"Event, details";Action\n')).toBe(59);
    expect(guessDelimiter('"a;b;c;d",e\n')).toBe(44);
    expect(guessDelimiter('single\n')).toBe(44);
    expect(guessDelimiter('Date\tEvent\tAction\nToday\tVisit, call, letter\tNone\n')).toBe(9); // commas in prose, as many as the tabs
  });
});
