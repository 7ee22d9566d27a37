/**
 * A CSV reader that keeps the position of every cell (RFC 4180, as Excel writes it: quoted
 * cells with doubled quotes, cells spanning lines, CRLF or LF). csv-parse reports records, not
 * cells, so positions are tracked here; malformed input is reported and reading goes on.
 */
import type { CsvCell, CsvRow, CsvTable, SourceFile, Span } from './model.js';

export interface CsvProblem extends Span {
  message: string;
}

export interface RawCell extends Span {
  value: string;
  /** Empty from the tokenizer; the header's name of the column in a table (readCsvTable). */
  column_name: string;
}

/** Most cells read in one row; a chronology has 11 columns, an action plan 14. */
export const MAX_CSV_COLUMNS = 200;
/** Most data rows read from one file (a real chronology has hundreds; 100,000 must still work). */
export const MAX_CSV_ROWS = 250_000;

export interface RawRecord {
  line: number;
  endLine: number;
  cells: RawCell[];
  /** Cells beyond MAX_CSV_COLUMNS: counted (a `format/csv` problem), not kept. */
  dropped?: number;
}

/**
 * Tokenises CSV text into records of positioned cells. Blank lines are skipped. `delimiter` is the
 * character code that separates cells: a comma in a review's own files; `dhr import` also reads
 * what Excel writes as "Text (Tab delimited)" and, in some locales, CSV with semicolons.
 */
export function tokenizeCsv(text: string, delimiter = 44): { records: RawRecord[]; problems: CsvProblem[] } {
  const records: RawRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let col = 1;

  const advance = () => {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      col = 1;
    } else if (c !== 13) {
      col++;
    }
    i++;
  };

  while (i < n) {
    // skip blank lines between records
    const c0 = text.charCodeAt(i);
    if (c0 === 10 || c0 === 13) {
      advance();
      continue;
    }
    if (records.length > MAX_CSV_ROWS) {
      problems.push({ line, column: col, endLine: line, endColumn: col + 1,
        message: `the file has more than ${MAX_CSV_ROWS} rows; the rows from here on were not read` });
      break;
    }
    const rec: RawRecord = { line, endLine: line, cells: [] };
    for (;;) {
      const startLine = line;
      const startCol = col;
      let value = '';
      if (text.charCodeAt(i) === 34 /* " */) {
        const quoteLine = line;
        const quoteCol = col;
        const quoteOffset = i;
        advance();
        let closed = false;
        // the value is sliced between quotes, not built a character at a time (100,000-row files)
        let seg = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 34) {
            if (text.charCodeAt(i + 1) === 34) {
              value += text.slice(seg, i + 1);
              advance();
              advance();
              seg = i;
              continue;
            }
            value += text.slice(seg, i);
            advance();
            closed = true;
            break;
          }
          if (c !== 10 && c !== 13) {
            col++;
            i++;
          } else advance();
        }
        if (!closed) {
          problems.push({ line: quoteLine, column: quoteCol, endLine: quoteLine, endColumn: quoteCol + 1,
            message: 'unclosed quote: this cell opens a quote that is never closed' });
          // Recover: the cell ends at the end of the line where the quote opened.
          let j = quoteOffset + 1;
          while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
          value = text.slice(quoteOffset + 1, j);
          i = quoteOffset;
          line = quoteLine;
          col = quoteCol;
          while (i < j) advance();
        } else {
          // text after a closing quote, before the delimiter: keep it, report it
          let junk = '';
          const jl = line;
          const jc = col;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === delimiter || c === 10 || c === 13) break;
            junk += text[i];
            advance();
          }
          if (junk.trim() !== '') {
            problems.push({ line: jl, column: jc, endLine: line, endColumn: col,
              message: 'text after the closing quote of a cell' });
            value += junk;
          }
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delimiter || c === 10 || c === 13) break;
          j++;
        }
        value = text.slice(i, j);
        col += j - i;
        i = j;
      }
      if (rec.cells.length < MAX_CSV_COLUMNS) {
        // column_name is filled in by readCsvTable; made here, so that the cell keeps every field inside itself
        rec.cells.push({ value, line: startLine, column: startCol, endLine: line, endColumn: col, column_name: '' });
      } else if (!rec.dropped) {
        rec.dropped = 1;
        problems.push({ line: startLine, column: startCol, endLine: line, endColumn: col,
          message: `row has more than ${MAX_CSV_COLUMNS} cells; the cells from here on were ignored` });
      } else rec.dropped++;
      if (i < n && text.charCodeAt(i) === delimiter) {
        advance();
        continue;
      }
      rec.endLine = line;
      if (i < n) advance(); // the line break (CR of CRLF is skipped by advance)
      if (i < n && text.charCodeAt(i - 1) === 13 && text.charCodeAt(i) === 10) advance();
      break;
    }
    records.push(rec);
  }
  return { records, problems };
}

export interface CsvReadResult {
  table: CsvTable;
  /** Malformed rows and quotes: each becomes a `format/csv` finding. */
  problems: CsvProblem[];
}

/** Reads a CSV file with a header row into a table keyed by lower-cased header names. */
export function readCsvTable(file: SourceFile): CsvReadResult {
  const { records, problems } = tokenizeCsv(file.text);
  const header: CsvCell[] = [];
  const rows: CsvRow[] = [];
  if (records.length === 0) return { table: { file, header, rows }, problems };
  const names = records[0].cells.map((c) => c.value.trim().toLowerCase());
  records[0].cells.forEach((c, k) => header.push({ ...c, value: c.value.trim(), column_name: names[k] }));
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    if (rec.cells.length === 1 && rec.cells[0].value.trim() === '' && names.length > 1) continue;
    const count = rec.cells.length + (rec.dropped ?? 0);
    const malformed = count !== names.length;
    if (malformed) {
      const first = rec.cells[0];
      problems.push({ line: first.line, column: first.column, endLine: rec.endLine,
        endColumn: rec.cells[rec.cells.length - 1].endColumn,
        message: `row has ${count} cells but the header has ${names.length}` });
    }
    const cells: Record<string, CsvCell> = {};
    // the tokenizer's cells and their array become the table's (no copy: a large chronology has a million cells)
    const raw: CsvCell[] = rec.cells;
    for (let k = 0; k < raw.length; k++) {
      const name = names[k] ?? `#${k + 1}`;
      const cell = raw[k]!;
      cell.column_name = name;
      if (k < names.length && !(name in cells)) cells[name] = cell;
    }
    rows.push({ index: rows.length + 1, line: rec.line, endLine: rec.endLine, cells, raw, ...(malformed ? { malformed } : {}) });
  }
  return { table: { file, header, rows }, problems };
}

/**
 * The cell delimiter of delimited text whose maker is not known (an agency's export): comma, tab or
 * semicolon, whichever splits one of its first five lines (outside quotes) into the most cells, as
 * a title line may come before the headings; on a tie a tab, then a comma.
 */
export function guessDelimiter(text: string): number {
  const lines = text.slice(0, 65536).split(/\r?\n|\r/).filter((l) => l.trim() !== '').slice(0, 5);
  const most = new Map<number, number>([[44, 0], [9, 0], [59, 0]]);
  for (const line of lines) {
    const counts = new Map<number, number>([[44, 0], [9, 0], [59, 0]]);
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
    }
    for (const [c, k] of counts) most.set(c, Math.max(most.get(c)!, k));
  }
  // on a tie a tab wins (prose has none), then a comma
  let best = 9;
  for (const c of [44, 59]) if (most.get(c)! > most.get(best)!) best = c;
  return most.get(best)! > 0 ? best : 44;
}
