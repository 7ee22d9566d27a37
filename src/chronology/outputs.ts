/**
 * The master chronology as files: `master-chronology.csv`, `.md`, `.docx` and `timeline.svg`.
 *
 * CSV: UTF-8 without a byte-order mark, RFC 4180 (CRLF between records, a cell quoted when it
 * holds a comma, a double quote, a line break or leading/trailing spaces; quotes doubled). Line
 * breaks inside a cell are kept as written. Columns: `ref`, then the agency columns in their
 * documented order. Cells are the agency's text trimmed; `date` is the normalised ISO date (the
 * text as written when it cannot be read); `agency` is the file's agency; `key_event` is
 * lower-cased. No formula escaping is done — the cells are the agencies' words, unchanged — so
 * open the file in Excel through Data › From Text/CSV rather than by double-clicking.
 *
 * Markdown and DOCX show the same rows as a table (ref, date, time, subject, source, event,
 * action, practitioner, key event, comment — the agency is the first part of the ref), key events
 * in bold (and shaded in the DOCX), after a table of agencies that doubles as the reconciliation.
 * The DOCX is composed through the shared document model (src/document), landscape, with the
 * table header repeated on every page.
 */
import type { Review } from '../review/model.js';
import type { Block, Doc, TableCell, TableRow } from '../document/model.js';
import { cell, createDoc, heading, paragraph, row, strong, text } from '../document/model.js';
import { renderDocx, renderDocxPieces } from '../document/docx.js';
import type { OutputContent, OutputFiles } from '../document/atomic.js';
import { MASTER_COLUMNS, formatReconciliation, type MasterChronology, type MasterRow } from './merge.js';
import { timelineForReview } from './timeline.js';
import { escapeMarkdownCell } from '../document/escape.js';

export const OUTPUT_FILES = ['master-chronology.csv', 'master-chronology.md', 'master-chronology.docx', 'timeline.svg'] as const;

/** Characters of CSV or Markdown handed on at a time: a 100,000-row chronology is never one string. */
const CHUNK = 1 << 20;

/** Lines, each followed by `eol`, joined into chunks of about {@link CHUNK} characters. */
function* chunked(lines: Iterable<string>, eol: string): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line + eol;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

// ---------------------------------------------------------------- CSV

/** One CSV cell, quoted when RFC 4180 needs it (or when it has spaces at either end). */
export function csvCell(v: string): string {
  // the ends tested alone: `\s$` would be tried at every position of a long cell
  const quote = CSV_SPECIAL.test(v) || SPACE.test(v.charAt(0)) || SPACE.test(v.charAt(v.length - 1));
  return quote ? `"${v.replace(/"/g, '""')}"` : v;
}

const CSV_SPECIAL = /[",\r\n]/;
const SPACE = /\s/;

/** CSV text for rows of cells: CRLF between records and after the last. */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records.map(csvRecord).join('\r\n') + '\r\n';
}

const csvRecord = (r: readonly string[]): string => r.map(csvCell).join(',');

function masterValues(r: MasterRow): string[] {
  const v: Record<(typeof MASTER_COLUMNS)[number], string> = {
    ref: r.ref, id: r.id, date: r.date, time: r.time, agency: r.agency, subject: r.subject, source: r.source,
    event: r.event, action: r.action, practitioner: r.practitioner, key_event: r.key_event, comment: r.comment,
  };
  return MASTER_COLUMNS.map((c) => v[c]);
}

export function masterCsv(master: MasterChronology): string {
  return [...masterCsvChunks(master)].join('');
}

/** `masterCsv` in chunks. */
export function masterCsvChunks(master: MasterChronology): Generator<string> {
  return chunked(csvRecords(master), '\r\n');
}

function* csvRecords(master: MasterChronology): Generator<string> {
  yield csvRecord(MASTER_COLUMNS);
  for (const r of master.rows) yield csvRecord(masterValues(r));
}

// ---------------------------------------------------------------- shared by Markdown and DOCX

const TABLE_COLUMNS = ['Ref', 'Date', 'Time', 'Subject', 'Source', 'Event', 'Action', 'Practitioner', 'Key', 'Comment'] as const;

function tableValues(r: MasterRow): string[] {
  const date = r.parsed ? r.date : `${r.date || '(no date)'} (date not recognised)`;
  return [r.ref, date, r.time, r.subject.split(';').map((s) => s.trim()).filter(Boolean).join('; '), r.source, r.event,
    r.action, r.practitioner, r.key ? 'Yes' : r.key_event === 'no' ? 'No' : r.key_event, r.comment];
}

function agencyNames(review: Review): Map<string, string> {
  const names = new Map<string, string>();
  const agencies = review.meta?.data?.agencies;
  if (Array.isArray(agencies)) {
    for (const a of agencies) if (a && typeof a.id === 'string' && typeof a.name === 'string') names.set(a.id, a.name);
  }
  return names;
}

function intro(review: Review, master: MasterChronology): string[] {
  const n = master.rows.length;
  const k = master.rows.filter((r) => r.key).length;
  const lines = [
    `${n} entr${n === 1 ? 'y' : 'ies'} from ${master.reconciliation.agencies.length} agency chronolog${master.reconciliation.agencies.length === 1 ? 'y' : 'ies'}, `
      + `${k} marked as key event${k === 1 ? '' : 's'}. Each ref (agency#id) points to the row in the agency's chronology.`,
    'Order: by date (an approximate date such as 2020-03 comes before the days of its month), then time '
      + '(entries without a time first), then agency, then the order in the agency\'s file.',
  ];
  if (master.undated.length) {
    lines.push(`${master.undated.length} entr${master.undated.length === 1 ? 'y has a date' : 'ies have dates'} that could not be read; `
      + `${master.undated.length === 1 ? 'it is' : 'they are'} listed at the end, marked "date not recognised".`);
  }
  lines.push(`Reconciliation (rows in → rows out): ${formatReconciliation(master.reconciliation)}`);
  void review;
  return lines;
}

// ---------------------------------------------------------------- Markdown

/** Escapes text for a GFM table cell (the one Markdown cell escape: src/document/escape.ts). */
export const mdCell = escapeMarkdownCell;


export function masterMarkdown(review: Review, master: MasterChronology): string {
  return [...masterMarkdownChunks(review, master)].join('');
}

/** `masterMarkdown` in chunks. */
export function masterMarkdownChunks(review: Review, master: MasterChronology): Generator<string> {
  return chunked(markdownLines(review, master), '\n');
}

function* markdownLines(review: Review, master: MasterChronology): Generator<string> {
  const names = agencyNames(review);
  const out: string[] = [];
  out.push(`# Master chronology: ${mdCell(review.id)}`, '');
  for (const l of intro(review, master)) out.push(mdCell(l), '');
  out.push('Key events are in **bold**.', '');
  out.push('## Agencies', '');
  out.push('| Agency | Name | Rows in | Rows out |', '| --- | --- | ---: | ---: |');
  for (const c of master.reconciliation.agencies) {
    out.push(`| ${mdCell(c.agency)} | ${mdCell(names.get(c.agency) ?? '')} | ${c.rowsIn} | ${c.rowsOut} |`);
  }
  out.push(`| **Total** | | **${master.reconciliation.totalIn}** | **${master.reconciliation.totalOut}** |`, '');
  out.push('## Chronology', '');
  out.push(`| ${TABLE_COLUMNS.join(' | ')} |`, `| ${TABLE_COLUMNS.map(() => '---').join(' | ')} |`);
  yield* out;
  for (const r of master.rows) {
    const cells = tableValues(r).map((v) => {
      const e = mdCell(v);
      return r.key && e ? `**${e}**` : e;
    });
    yield `| ${cells.join(' | ')} |`;
  }
}

// ---------------------------------------------------------------- DOCX (through the document model)

export interface ChronologyDocOptions {
  /** Protective marking for the header and footer of every page (the profile's draft marking). */
  marking?: string;
}

export function masterDoc(review: Review, master: MasterChronology, options: ChronologyDocOptions = {}): Doc {
  const names = agencyNames(review);
  const blocks: Block[] = [];
  blocks.push(heading(1, 'Master chronology'));
  for (const l of intro(review, master)) blocks.push(paragraph(l));
  blocks.push(paragraph('Key events are in ', strong('bold'), ' on a shaded background, with "Yes" in the Key column.'));
  blocks.push(heading(2, 'Agencies'));
  blocks.push({
    type: 'table',
    columns: [{ width: 2 }, { width: 6 }, { width: 1, align: 'right' }, { width: 1, align: 'right' }],
    header: [row(['Agency', 'Name', 'Rows in', 'Rows out'])],
    rows: [
      ...master.reconciliation.agencies.map((c) => row([c.agency, names.get(c.agency) ?? '', String(c.rowsIn), String(c.rowsOut)])),
      row([cell(strong('Total')), '', cell(strong(String(master.reconciliation.totalIn))), cell(strong(String(master.reconciliation.totalOut)))]),
    ],
  });
  blocks.push(heading(2, 'Chronology'));
  // one cell for each distinct short text, shared by the rows that hold it: a long chronology
  // repeats its dates, sources and roles, and a cell is three objects (a long text such as an
  // event rarely repeats: not worth looking up)
  const cells = new Map<string, TableCell>();
  const cellOf = (v: string): TableCell => {
    if (v.length > 64) return multiline(v);
    let c = cells.get(v);
    if (!c) cells.set(v, (c = multiline(v)));
    return c;
  };
  const rows: TableRow[] = master.rows.map((r) => row(tableValues(r).map(cellOf), r.key));
  blocks.push({
    type: 'table',
    // Widths in points of a landscape A4 text width (728 pt) at the writer's 9-point table text:
    // dates and times never wrap; the event, action and comment get the room.
    columns: [{ width: 70 }, { width: 60 }, { width: 34 }, { width: 56 }, { width: 62 }, { width: 150 },
      { width: 102 }, { width: 66 }, { width: 30 }, { width: 98 }],
    header: [row([...TABLE_COLUMNS])],
    rows,
  });
  return createDoc(
    { title: `Master chronology: ${review.id}`, ...(typeof review.meta?.data?.title === 'string' ? { subtitle: review.meta.data.title } : {}), language: 'en-GB' },
    blocks,
    { orientation: 'landscape', pageNumbers: true, toc: false, ...(options.marking ? { marking: options.marking } : {}) },
  );
}

/** A table cell whose line breaks are kept. */
function multiline(v: string): TableCell {
  const parts = v.split(/\r\n|\r|\n/);
  if (parts.length === 1) return cell(v);
  return { children: parts.flatMap((p, i) => (i === 0 ? [text(p)] : [{ type: 'lineBreak' as const }, text(p)])) };
}

export async function masterDocx(review: Review, master: MasterChronology, options: ChronologyDocOptions = {}): Promise<Buffer> {
  return renderDocx(masterDoc(review, master, options));
}

// ---------------------------------------------------------------- all four

/** Every chronology output, by file name, as bytes. */
export async function chronologyOutputs(review: Review, master: MasterChronology, options: ChronologyDocOptions = {}): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const [name, content] of await chronologyOutputFiles(review, master, options)) {
    const chunks = typeof content === 'string' || content instanceof Uint8Array ? [content] : [...content];
    files.set(name, Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c))));
  }
  return files;
}

/**
 * Every chronology output, by file name, for writeFilesAtomically: the CSV and Markdown are
 * produced in chunks as they are written, so that neither is ever held whole.
 */
export async function chronologyOutputFiles(review: Review, master: MasterChronology, options: ChronologyDocOptions = {}): Promise<OutputFiles> {
  // the document first: its model is dropped before the CSV and Markdown are written; in pieces,
  // so that a 100,000-row chronology's DOCX is not copied into one buffer
  const docx = await renderDocxPieces(masterDoc(review, master, options));
  return new Map<string, OutputContent>([
    ['master-chronology.csv', masterCsvChunks(master)],
    ['master-chronology.md', masterMarkdownChunks(review, master)],
    ['master-chronology.docx', docx],
    ['timeline.svg', timelineForReview(review, master)],
  ]);
}
