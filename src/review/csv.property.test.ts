/**
 * Property tests of the CSV reader's positions: any table of any cell strings (quotes, commas,
 * CR, LF, CRLF, non-ASCII, astral characters), written as RFC 4180 with CRLF or LF, reads back
 * cell for cell, and every cell's line/column points at its first character (or its opening
 * quote) in the original text, its end just after it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsvTable, tokenizeCsv } from './csv.js';
import { lineStarts, sourceFromText } from './source.js';

const pieces = ['a', 'b', 'Z', '1', ' ', '"', '""', ',', '\r', '\n', '\r\n', '£', 'é', '’', '—', '😀', '\u00a0', '\t', ';', "'", 'x y'];
const cellArb = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => p.join(''));

interface Written {
  text: string;
  /** Each cell's text as written (with its quotes) and whether it was quoted. */
  layout: { raw: string; quoted: boolean }[][];
}

const needsQuotes = (v: string) => /[",\r\n]/.test(v);

function writeCsv(rows: string[][], quoteAnyway: boolean[][], eol: string[], finalEol: boolean): Written {
  const layout = rows.map((r, i) => r.map((v, j) => {
    const quoted = needsQuotes(v) || quoteAnyway[i][j];
    return { raw: quoted ? `"${v.replace(/"/g, '""')}"` : v, quoted };
  }));
  let text = '';
  layout.forEach((r, i) => {
    text += r.map((c) => c.raw).join(',');
    if (i < layout.length - 1 || finalEol) text += eol[i];
  });
  return { text, layout };
}

const tableArb = fc.integer({ min: 2, max: 6 }).chain((cols) => fc.integer({ min: 1, max: 12 }).chain((nRows) => fc.record({
  rows: fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), { minLength: nRows, maxLength: nRows }),
  quoteAnyway: fc.array(fc.array(fc.boolean(), { minLength: cols, maxLength: cols }), { minLength: nRows, maxLength: nRows }),
  eol: fc.array(fc.constantFrom('\r\n', '\n'), { minLength: nRows, maxLength: nRows }),
  finalEol: fc.boolean(),
})));

/** 1-based line/column → offset, counting line breaks as the reader does (CRLF, LF or CR). */
function offsetOf(starts: number[], line: number, column: number): number {
  return starts[line - 1] + column - 1;
}

describe('CSV positions (property)', () => {
  it('round-trips every cell value and maps every cell to its place in the text', () => {
    fc.assert(fc.property(tableArb, ({ rows, quoteAnyway, eol, finalEol }) => {
      const { text, layout } = writeCsv(rows, quoteAnyway, eol, finalEol);
      const { records, problems } = tokenizeCsv(text);
      expect(problems).toEqual([]);
      expect(records.map((r) => r.cells.map((c) => c.value))).toEqual(rows);
      const starts = lineStarts(text);
      records.forEach((rec, i) => rec.cells.forEach((cell, j) => {
        const { raw, quoted } = layout[i][j];
        const from = offsetOf(starts, cell.line, cell.column);
        const to = offsetOf(starts, cell.endLine, cell.endColumn);
        expect(text.slice(from, to)).toBe(raw);
        if (quoted) expect(text[from]).toBe('"');
        else if (raw !== '') expect(text[from]).toBe(raw[0]);
        else expect(from === text.length || /[,\r\n]/.test(text[from])).toBe(true);
      }));
      // the record's first line is the line of its first cell
      records.forEach((rec) => expect(rec.line).toBe(rec.cells[0].line));
    }), { numRuns: 500 });
  });

  it('gives readCsvTable rows the same cells, keyed by the header', () => {
    fc.assert(fc.property(tableArb, ({ rows, quoteAnyway, eol, finalEol }) => {
      const header = rows[0].map((_, j) => `col${j}`);
      const { text } = writeCsv([header, ...rows], [header.map(() => false), ...quoteAnyway], ['\r\n', ...eol], finalEol);
      const { table, problems } = readCsvTable(sourceFromText('/tmp/x.csv', text));
      expect(problems).toEqual([]);
      expect(table.rows.map((r) => header.map((h) => r.cells[h].value))).toEqual(rows);
      table.rows.forEach((r, i) => expect(r.index).toBe(i + 1));
    }), { numRuns: 300 });
  });

  it('never throws and always terminates on arbitrary text, reporting problems instead', () => {
    const anyText = fc.array(fc.constantFrom('"', ',', '\r', '\n', 'a', ' ', '""', '😀'), { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(fc.property(anyText, (text) => {
      const { records, problems } = tokenizeCsv(text);
      const starts = lineStarts(text);
      for (const rec of records) for (const c of rec.cells) {
        const from = offsetOf(starts, c.line, c.column);
        expect(from).toBeGreaterThanOrEqual(0);
        expect(from).toBeLessThanOrEqual(text.length);
      }
      for (const p of problems) expect(p.line).toBeLessThanOrEqual(starts.length);
    }), { numRuns: 1000 });
  });
});
