/**
 * Importing an agency's own chronology spreadsheet (Excel .xlsx, or CSV in UTF-8 or
 * Windows-1252) into `chronologies/<agency>.csv`.
 *
 * - The first worksheet is read (exceljs). The header row is the first of the top ten rows whose
 *   headings include a date and an event column, so a title row above the table is skipped.
 * - Headings are matched to our columns through `headings.yml` (case, accents, punctuation and
 *   bracketed notes ignored). A second column for the same target, and headings we do not know,
 *   are reported as not mapped and left out (never guessed: a column may hold names).
 * - Dates become ISO (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for approximate ones) from Excel date
 *   cells, spreadsheet date numbers or text in the forms chronology/date accepts; times become
 *   `HH:MM`; key events `yes`/`no`; several subjects are joined with `;`.
 * - A row with a problem (no date, a date that cannot be read, no event…) is still imported with
 *   its text as written, and reported by its row number, so nothing is lost and the lint rules
 *   point at it afterwards. Entirely blank rows are skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parseShippedYaml } from '../review/shipped-data.js';
import { decode } from '../review/source.js';
import { guessDelimiter, tokenizeCsv } from '../review/csv.js';
import { readXls, XlsError } from './xls.js';
import { parseChronologyDate } from '../dates/index.js';
import { AGENCY_COLUMNS, type AgencyColumn } from './merge.js';
import { toCsv } from './outputs.js';

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** Row number as the agency sees it: the spreadsheet row, or the CSV line. */
  number: number;
  cells: CellValue[];
}

export interface Sheet {
  rows: SheetRow[];
  /** Worksheet name (xlsx) or encoding (CSV), for the report. */
  description: string;
  /** "row" for spreadsheets, "line" for CSV. */
  unit: 'row' | 'line';
}

export interface ImportProblem {
  row: number;
  reason: string;
}

export interface ImportResult {
  /** The CSV to write to chronologies/<agency>.csv. */
  csv: string;
  rows: number;
  mapped: Array<{ heading: string; column: AgencyColumn }>;
  unmapped: string[];
  /** Where each unmapped heading is: 0-based column index, in the same order as `unmapped`. */
  unmappedAt: number[];
  problems: ImportProblem[];
  blank: number;
  headerRow: number;
  unit: 'row' | 'line';
  description: string;
}

export class ImportError extends Error {}

// ---------------------------------------------------------------- headings

type Synonyms = Record<AgencyColumn, string[]>;
let synonyms: Map<string, AgencyColumn> | undefined;

function headingsFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const local = path.join(here, 'headings.yml');
  if (existsSync(local)) return local;
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const c = path.join(dir, 'src', 'chronology', 'headings.yml');
    if (existsSync(c)) return c;
    dir = path.dirname(dir);
  }
  throw new Error('src/chronology/headings.yml not found next to the dhr installation');
}

/** Lower case, accents and punctuation dropped, `&` read as "and", spaces collapsed. */
export function normaliseHeading(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function headingMap(): Map<string, AgencyColumn> {
  if (!synonyms) {
    const text = readFileSync(headingsFile(), 'utf8');
    const data = parseShippedYaml(text) as Partial<Synonyms>;
    synonyms = new Map();
    for (const col of AGENCY_COLUMNS) {
      for (const s of [col.replace(/_/g, ' '), ...(data[col] ?? [])]) synonyms.set(normaliseHeading(String(s)), col);
    }
  }
  return synonyms;
}

/** Our column for an agency's heading, if we know it. */
export function mapHeading(heading: string): AgencyColumn | undefined {
  const map = headingMap();
  const whole = normaliseHeading(heading);
  const noBrackets = normaliseHeading(heading.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  const col = map.get(whole) ?? map.get(noBrackets);
  // `agency` is set from --agency, never from the sheet.
  return col === 'agency' ? undefined : col;
}

// ---------------------------------------------------------------- reading

function excelValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((t) => t.text ?? '').join('');
    if ('result' in o) return excelValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return excelValue(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

export async function readXlsx(file: string): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new ImportError(`${path.basename(file)} cannot be read as an Excel workbook (${(e as Error).message.split('\n')[0]})`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportError(`${path.basename(file)} has no worksheet`);
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: CellValue[] = [];
    const n = row.cellCount;
    for (let i = 1; i <= n; i++) cells.push(excelValue(row.getCell(i).value));
    rows.push({ number, cells });
  });
  return { rows, description: `worksheet "${ws.name}"`, unit: 'row' };
}

/** The first worksheet of an Excel 97–2003 workbook (xls.ts). */
function readXlsFile(file: string): Sheet {
  try {
    const { name, rows } = readXls(readFileSync(file));
    return { rows, description: `worksheet "${name}" (Excel 97–2003)`, unit: 'row' };
  } catch (e) {
    if (e instanceof XlsError) throw new ImportError(`${path.basename(file)}: ${e.message}`);
    throw e;
  }
}

export function readCsvBytes(bytes: Uint8Array): Sheet {
  const { text, encoding, binary } = decode(bytes);
  if (binary) throw new ImportError('the file is binary, not CSV text (an .xls or .xlsx saved with a .csv name?)');
  // commas, or the tabs of Excel's "Text (Tab delimited)" and "Unicode Text", or the semicolons of
  // CSV saved where the comma is the decimal separator
  const delimiter = guessDelimiter(text);
  const { records } = tokenizeCsv(text, delimiter);
  const kind = delimiter === 9 ? 'tab-separated text' : delimiter === 59 ? 'CSV with semicolons' : 'CSV';
  return {
    rows: records.map((r) => ({ number: r.line, cells: r.cells.map((c) => c.value) })),
    description: `${kind}, ${encoding === 'utf-8' || encoding === 'utf-8-bom' ? 'UTF-8' : encoding.startsWith('utf-16') ? 'UTF-16' : encoding}`,
    unit: 'line',
  };
}

export async function readSheet(file: string): Promise<Sheet> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(file);
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsvBytes(readFileSync(file));
  if (ext === '.xls') return readXlsFile(file);
  throw new ImportError(`cannot import a ${ext || 'file without an extension'}: give an .xlsx or .csv file`);
}

// ---------------------------------------------------------------- converting cells

const pad = (n: number) => String(n).padStart(2, '0');

function asText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v.replace(/\r\n?/g, '\n').trim();
}

/** Excel's day numbers (1900 system): day 25569 is 1970-01-01. */
function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function isoOfUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Date cell → ISO date (and a time when the cell carries one), or a reason it cannot be used. */
export function convertDate(v: CellValue): { date: string; time?: string; error?: string } {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return { date: '', error: 'no date' };
  let d: Date | undefined;
  if (v instanceof Date) d = v;
  else if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1900 && v <= 2999) return { date: String(v) };
    if (v >= 10_000 && v < 2_958_466) d = serialToDate(v);
    else return { date: String(v), error: 'the date is a number that is neither a year nor a spreadsheet date' };
  }
  if (d) {
    if (Number.isNaN(d.getTime())) return { date: '', error: 'the date cell holds an invalid date' };
    const iso = isoOfUtc(d);
    const check = parseChronologyDate(iso);
    if (!check.ok) return { date: iso, error: `the date cannot be used: ${check.error}` };
    const minutes = d.getUTCHours() * 60 + d.getUTCMinutes();
    return minutes ? { date: iso, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` } : { date: iso };
  }
  const text = asText(v);
  const r = parseChronologyDate(text);
  return r.ok ? { date: r.date.iso } : { date: text, error: `the date cannot be used: ${r.error}` };
}

/** Time cell → `HH:MM`, or a reason. */
export function convertTime(v: CellValue): { time: string; error?: string } {
  if (v === null) return { time: '' };
  if (v instanceof Date) return { time: `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` };
  if (typeof v === 'number' && v >= 0 && v < 1) {
    const mins = Math.round(v * 1440) % 1440;
    return { time: `${pad(Math.floor(mins / 60))}:${pad(mins % 60)}` };
  }
  const s = asText(v).toLowerCase().replace(/\./g, (c, i: number, all: string) => (/\d/.test(all[i - 1] ?? '') && /\d/.test(all[i + 1] ?? '') ? ':' : ''));
  if (s === '') return { time: '' };
  // 22:35, 22:35:00, 9:05 pm, 2235, 2235 hrs, 9pm
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm)?$/.exec(s)
    ?? /^(\d{2})(\d{2})\s*(?:hrs|hours|h)?$/.exec(s)
    ?? /^(\d{1,2})()\s*(am|pm)$/.exec(s);
  if (m) {
    let h = Number(m[1]);
    const min = m[2] ? Number(m[2]) : 0;
    const ampm = m[3];
    let ok = h <= 23 && min <= 59;
    if (ampm) {
      ok = ok && h >= 1 && h <= 12;
      h = (h % 12) + (ampm === 'pm' ? 12 : 0);
    }
    if (ok) return { time: `${pad(h)}:${pad(min)}` };
  }
  return { time: asText(v), error: 'the time cannot be read (use HH:MM, 24-hour)' };
}

const YES = new Set(['yes', 'y', 'true', 'x', '✓', '✔', '1', 'key', 'key event', 'significant']);
const NO = new Set(['no', 'n', 'false', '0', '-', 'not key']);

export function convertKey(v: CellValue): { key: string; error?: string } {
  if (typeof v === 'boolean') return { key: v ? 'yes' : 'no' };
  const s = asText(v).toLowerCase();
  if (s === '') return { key: '' };
  if (YES.has(s)) return { key: 'yes' };
  if (NO.has(s)) return { key: 'no' };
  return { key: '', error: 'the key event cell is neither yes nor no' };
}

/** Several subjects in one cell: `Adult A, Adult B` or one per line → `Adult A;Adult B`. */
export function convertSubjects(v: CellValue): string {
  return asText(v).split(/\s*[;,\n/]\s*/).map((s) => s.trim()).filter(Boolean).join(';');
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

// ---------------------------------------------------------------- the import

function findHeader(sheet: Sheet): number {
  const limit = Math.min(sheet.rows.length, 10);
  for (let i = 0; i < limit; i++) {
    const cols = new Set(sheet.rows[i].cells.map((c) => mapHeading(asText(c))).filter(Boolean));
    if (cols.has('date') && cols.has('event')) return i;
  }
  // The cells are not quoted: a sheet without a header row starts with data, which can hold names.
  const filled = sheet.rows[0]?.cells.map(asText).filter(Boolean).length ?? 0;
  throw new ImportError(
    `no header row with a date column and an event column in the first ${limit || 10} rows`
      + (filled ? ` (the first row has ${filled} filled cell${filled === 1 ? '' : 's'}, none named as a date and an event heading)` : ' (the sheet is empty)')
      + '; rename the headings (see src/chronology/headings.yml)',
  );
}

export function convertSheet(sheet: Sheet, agency: string): ImportResult {
  const h = findHeader(sheet);
  const header = sheet.rows[h].cells.map(asText);
  const columns = new Map<AgencyColumn, number>();
  const mapped: ImportResult['mapped'] = [];
  const unmapped: string[] = [];
  const unmappedAt: number[] = [];
  header.forEach((name, i) => {
    if (name === '') return;
    const col = mapHeading(name);
    if (col && !columns.has(col)) {
      columns.set(col, i);
      mapped.push({ heading: name, column: col });
    } else {
      unmapped.push(col ? `${name} (a second ${col} column)` : name);
      unmappedAt.push(i);
    }
  });

  const problems: ImportProblem[] = [];
  const out: string[][] = [[...AGENCY_COLUMNS]];
  const ids = new Map<string, number>();
  let blank = 0;
  for (const row of sheet.rows.slice(h + 1)) {
    // Cells past the header hold nothing we can name; a row is blank when its mapped cells are.
    const get = (c: AgencyColumn): CellValue => {
      const i = columns.get(c);
      return i === undefined ? null : row.cells[i] ?? null;
    };
    if ([...columns.values()].every((i) => asText(row.cells[i] ?? null) === '')) {
      blank++;
      continue;
    }
    const problem = (reason: string) => problems.push({ row: row.number, reason });
    const n = out.length;
    let id = columns.has('id') ? asText(get('id')) : String(n);
    if (!id) id = String(n);
    if (!ID_RE.test(id)) problem('the row id has characters other than letters, digits, ".", "_" and "-" (or is over 40 long)');
    if (ids.has(id)) problem(`the row id is used twice (first on ${sheet.unit} ${ids.get(id)})`);
    else ids.set(id, row.number);

    const date = convertDate(get('date'));
    if (date.error) problem(date.error);
    let time = columns.has('time') ? convertTime(get('time')) : { time: '' };
    if (time.error) problem(time.error);
    if (!time.time && date.time) time = { time: date.time };
    const key = convertKey(get('key_event'));
    if (key.error) problem(key.error);
    const event = asText(get('event'));
    if (!event) problem('no event text');

    out.push([
      id, date.date, time.time, agency, convertSubjects(get('subject')), asText(get('source')), event,
      asText(get('action')), asText(get('practitioner')), key.key, asText(get('comment')),
    ]);
  }
  return {
    csv: toCsv(out), rows: out.length - 1, mapped, unmapped, unmappedAt, problems, blank,
    headerRow: sheet.rows[h].number, unit: sheet.unit, description: sheet.description,
  };
}

/** Reads an agency's spreadsheet or CSV and converts it. Throws ImportError for unusable files. */
export async function importChronology(file: string, agency: string): Promise<ImportResult> {
  return convertSheet(await readSheet(file), agency);
}
