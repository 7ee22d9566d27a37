/**
 * Positions inside a CSV cell. A `CsvCell` knows where the cell starts and ends in the file and
 * holds its decoded value; a rule that finds something *inside* the value (a vague phrase, a
 * TODO, an NHS number) needs the file position of that text. The raw cell differs from its value
 * when it is quoted: the text starts one column after the opening `"`, each `""` in the file is one
 * `"` in the value, and a quoted value may span lines (CRLF, LF or CR).
 */
import type { CsvCell, Span } from '../review/model.js';

/** The parts of a cell the mapping needs (a `CsvCell`, or any positioned value). */
export type PositionedValue = Pick<CsvCell, 'value' | 'line' | 'column' | 'endLine' | 'endColumn'>;

/**
 * True when the cell was written quoted in the file. An unquoted cell never spans lines and its
 * width in the file is exactly its value's length; a quoted one is at least two columns wider.
 */
export function isQuotedCell(cell: PositionedValue): boolean {
  return cell.endLine !== cell.line || cell.endColumn - cell.column !== cell.value.length;
}

/** File line/column (1-based) of the character at `offset` in the cell's value (0 ≤ offset ≤ length). */
export function cellPosition(cell: PositionedValue, offset: number): { line: number; column: number } {
  const quoted = isQuotedCell(cell);
  const v = cell.value;
  const stop = Math.max(0, Math.min(offset, v.length));
  let line = cell.line;
  let column = cell.column + (quoted ? 1 : 0);
  for (let i = 0; i < stop; i++) {
    const c = v.charCodeAt(i);
    if (c === 13 /* \r */) {
      // the CR of a CRLF takes no column (as the CSV reader counts it); a lone CR breaks the line
      if (v.charCodeAt(i + 1) === 10) continue;
      line++;
      column = 1;
    } else if (c === 10 /* \n */) {
      line++;
      column = 1;
    } else if (c === 34 /* " */ && quoted) {
      column += 2; // written as "" inside a quoted cell
    } else {
      column++;
    }
  }
  return { line, column };
}

/**
 * The file span of `value.slice(start, end)` inside a cell: `line`/`column` at its first character,
 * `endLine`/`endColumn` just after its last (exclusive, like every `Span`).
 */
export function cellTextSpan(cell: PositionedValue, start: number, end: number): Span {
  const s = Math.max(0, Math.min(start, cell.value.length));
  const e = Math.max(s, Math.min(end, cell.value.length));
  const a = cellPosition(cell, s);
  const b = cellPosition(cell, e);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** The span of the cell's text without surrounding whitespace (the whole cell when it is blank). */
export function cellTrimmedSpan(cell: PositionedValue): Span {
  const v = cell.value;
  const start = v.length - v.trimStart().length;
  const end = v.trimEnd().length;
  if (end <= start) return { line: cell.line, column: cell.column, endLine: cell.endLine, endColumn: cell.endColumn };
  return cellTextSpan(cell, start, end);
}
