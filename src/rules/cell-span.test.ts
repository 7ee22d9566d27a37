import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../review/csv.js';
import { sourceFromText, lineStarts, positionAt } from '../review/source.js';
import { cellPosition, cellTextSpan, cellTrimmedSpan, isQuotedCell } from './cell-span.js';

function table(text: string) {
  return readCsvTable(sourceFromText('/tmp/x.csv', text)).table;
}

/** Where `needle` is in the raw file text (the n-th occurrence), as 1-based line/column. */
function rawPos(text: string, needle: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  return positionAt(lineStarts(text), at);
}

describe('cellTextSpan', () => {
  it('maps offsets in an unquoted cell', () => {
    const text = 'id,action\nA1,Consider training staff\n';
    const cell = table(text).rows[0].cells.action;
    expect(isQuotedCell(cell)).toBe(false);
    const span = cellTextSpan(cell, cell.value.indexOf('training'), cell.value.indexOf('training') + 8);
    expect(span).toEqual({ line: 2, column: 13, endLine: 2, endColumn: 21 });
  });

  it('starts one column later in a quoted cell', () => {
    const text = 'id,action\nA1,"Consider, then act"\n';
    const cell = table(text).rows[0].cells.action;
    expect(isQuotedCell(cell)).toBe(true);
    const s = cellTextSpan(cell, 0, 8);
    expect(s).toMatchObject({ line: 2, column: 5, endColumn: 13 });
    expect(s.column).toBe(rawPos(text, 'Consider').column);
  });

  it('counts doubled quotes as two columns', () => {
    const text = 'id,action\nA1,"Issue the ""stalking"" tool, then explore"\n';
    const cell = table(text).rows[0].cells.action;
    expect(cell.value).toBe('Issue the "stalking" tool, then explore');
    const off = cell.value.indexOf('explore');
    expect(cellPosition(cell, off)).toEqual(rawPos(text, 'explore'));
    expect(cellTextSpan(cell, off, off + 7).endColumn).toBe(rawPos(text, 'explore').column + 7);
  });

  it('follows LF and CRLF line breaks inside a quoted cell', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const text = `id,action${nl}A0,x${nl}A1,"First line ""quoted""${nl}second line${nl}  then consider it"${nl}A2,y${nl}`;
      const cell = table(text).rows[1].cells.action;
      const off = cell.value.indexOf('consider');
      const span = cellTextSpan(cell, off, off + 8);
      expect(span).toEqual({ line: 5, column: 8, endLine: 5, endColumn: 16 });
      const q = cell.value.indexOf('second');
      expect(cellPosition(cell, q)).toEqual({ line: 4, column: 1 });
    }
  });

  it('handles offsets at the ends and out of range', () => {
    const text = 'a,b\n"x""y",z\n';
    const cell = table(text).rows[0].cells.a;
    expect(cellPosition(cell, 0)).toEqual({ line: 2, column: 2 });
    expect(cellPosition(cell, cell.value.length)).toEqual({ line: 2, column: 6 });
    expect(cellTextSpan(cell, -5, 99)).toEqual({ line: 2, column: 2, endLine: 2, endColumn: 6 });
  });

  it('gives the trimmed text span, or the whole cell when blank', () => {
    const text = 'a,b\n"  TBC ",\n';
    const row = table(text).rows[0];
    expect(cellTrimmedSpan(row.cells.a)).toEqual({ line: 2, column: 4, endLine: 2, endColumn: 7 });
    expect(cellTrimmedSpan(row.cells.b)).toMatchObject({ line: 2, column: 10 });
  });

  it('agrees with the raw text for every word of a messy file', () => {
    const text = 'id,action,note\r\nA1,"One ""two"" three\r\nfour, five",six seven\r\nA2,eight,"nine\nten"\r\n';
    const t = table(text);
    const words = ['One', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    for (const w of words) {
      const cell = t.rows.flatMap((r) => r.raw).find((c) => new RegExp(`\\b${w}\\b`).test(c.value))!;
      const off = cell.value.search(new RegExp(`\\b${w}\\b`));
      expect(cellPosition(cell, off), w).toEqual(rawPos(text, w));
    }
  });
});
