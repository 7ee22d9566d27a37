/**
 * The chronology workbook an agency fills in (protocol Appendix 12, the chronology template):
 * the standard columns with plain headings, the review's reference and terms-of-reference period
 * in a header block, data validation (dates within the period, key event Yes/No, required cells),
 * a frozen header row, column widths and wrapping, an instructions sheet, and a hidden sheet that
 * identifies review and agency for `dhr import`.
 */
import ExcelJS from 'exceljs';
import { IDENTITY_SHEET, identityText, type PackIdentity } from './identity.js';

export interface WorkbookInput extends PackIdentity {
  agencyName: string;
  reviewTitle: string;
  /** Terms-of-reference period (ISO dates), when set. */
  period?: { from: string; to: string };
  /** Pseudonyms the agency must use. */
  pseudonyms: string[];
}

/** The columns of the sheet: heading in plain words (mapped back by src/chronology/headings.yml). */
export const WORKBOOK_COLUMNS: ReadonlyArray<{ key: string; heading: string; width: number; help: string; required?: boolean }> = [
  { key: 'id', heading: 'Entry number', width: 9, help: 'A number for each entry: 1, 2, 3… (never reuse one).', required: true },
  { key: 'date', heading: 'Date of contact', width: 13, help: 'The date of the contact, as a date (e.g. 14/06/2019). If only the month is known, write it as text: June 2019.', required: true },
  { key: 'time', heading: 'Time', width: 8, help: 'Time of day, 24-hour (22:35), if known.' },
  { key: 'subject', heading: 'Person', width: 16, help: 'Who the contact was with: use the pseudonyms listed below, separated by ";".' },
  { key: 'source', heading: 'Source record', width: 18, help: 'Where this comes from: the record or system (e.g. "Incident log", "GP record").', required: true },
  { key: 'event', heading: 'Details of contact', width: 50, help: 'What happened: facts, not opinions.', required: true },
  { key: 'action', heading: 'Action taken', width: 40, help: 'What your agency did, or why nothing was done.' },
  { key: 'practitioner', heading: 'Practitioner role', width: 20, help: 'The role of the practitioner (e.g. "Police constable", "Practice nurse"). Never a name.' },
  { key: 'key_event', heading: 'Key event', width: 10, help: 'Yes for a decision point or significant event, otherwise No.', required: true },
  { key: 'comment', heading: 'Agency comment', width: 40, help: "Your agency's analysis of this contact, kept apart from the facts." },
];

/** Row of the column headings (the header block sits above it). */
export const HEADER_ROW = 5;
/** Rows prepared with validation below the headings. */
const PREPARED_ROWS = 500;

function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

const col = (i: number) => String.fromCharCode(65 + i);

export async function packWorkbook(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dhr';
  // fixed dates keep the workbook byte-stable for the same review
  wb.created = new Date(Date.UTC(1980, 0, 1));
  wb.modified = wb.created;
  wb.title = `${input.reviewTitle}: chronology for ${input.agencyName}`;

  const ws = wb.addWorksheet('Chronology', {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  ws.columns = WORKBOOK_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.getCell('A1').value = `${input.reviewTitle}: chronology of contact`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = `Review: ${input.review}    Agency: ${input.agencyName}`;
  ws.getCell('A3').value = input.period
    ? `Period covered (terms of reference): ${input.period.from} to ${input.period.to}. Enter one row per contact, oldest first.`
    : 'Period covered: see the terms of reference. Enter one row per contact, oldest first.';
  ws.getCell('A4').value = 'Never write names, dates of birth, addresses, NHS or other identifying numbers: see the Instructions sheet.';
  ws.getCell('A4').font = { italic: true, color: { argb: 'FF9C0006' } };

  const header = ws.getRow(HEADER_ROW);
  WORKBOOK_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.heading;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
    cell.note = c.help;
  });
  header.height = 30;

  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + PREPARED_ROWS;
  const dateCol = WORKBOOK_COLUMNS.findIndex((c) => c.key === 'date');
  const keyCol = WORKBOOK_COLUMNS.findIndex((c) => c.key === 'key_event');
  for (let r = first; r <= last; r++) {
    const row = ws.getRow(r);
    WORKBOOK_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (i === dateCol) {
        cell.numFmt = 'dd/mm/yyyy';
        cell.dataValidation = input.period
          ? {
            type: 'date', operator: 'between', allowBlank: true, showErrorMessage: true, errorStyle: 'warning',
            formulae: [excelDate(input.period.from), excelDate(input.period.to)],
            errorTitle: 'Date outside the period', error: `The review covers ${input.period.from} to ${input.period.to}. Check the date.`,
            showInputMessage: true, promptTitle: 'Date of contact', prompt: c.help,
          }
          : { type: 'date', operator: 'greaterThan', allowBlank: true, showErrorMessage: true, formulae: [excelDate('1900-01-01')], error: 'Enter a date.' };
      } else if (i === keyCol) {
        cell.dataValidation = {
          type: 'list', allowBlank: true, formulae: ['"Yes,No"'], showErrorMessage: true,
          errorTitle: 'Key event', error: 'Choose Yes or No.', showInputMessage: true, promptTitle: 'Key event', prompt: c.help,
        };
      } else if (c.required) {
        // a required cell: some text once the row's date is filled in
        cell.dataValidation = {
          type: 'textLength', operator: 'greaterThan', formulae: [0], allowBlank: false, showErrorMessage: true,
          errorTitle: 'Required', error: `${c.heading} is required for every entry.`, showInputMessage: true, promptTitle: c.heading, prompt: c.help,
        };
      }
    });
  }
  ws.autoFilter = { from: `A${HEADER_ROW}`, to: `${col(WORKBOOK_COLUMNS.length - 1)}${HEADER_ROW}` };

  const help = wb.addWorksheet('Instructions');
  help.columns = [{ width: 24 }, { width: 90 }];
  const lines: Array<[string, string]> = [
    ['Chronology for', `${input.reviewTitle} (${input.review}), ${input.agencyName}`],
    ['Period', input.period ? `${input.period.from} to ${input.period.to}` : 'see the terms of reference'],
    ['Pseudonyms to use', input.pseudonyms.length ? input.pseudonyms.join('; ') : 'as given by the review chair'],
    ['Never write', 'real names (of anyone in the case or of practitioners), dates of birth, addresses or postcodes, NHS, National Insurance, phone or other identifying numbers, vehicle registrations, e-mail addresses.'],
    ['Practitioners', 'by role only ("Police constable", "Health visitor").'],
    ['Facts and analysis', 'Write facts in "Details of contact" and "Action taken"; keep your agency\'s analysis in "Agency comment".'],
    ['Returning it', 'Send the workbook back by secure e-mail as it is (do not rename the sheets or move the columns). The review imports it with dhr import.'],
    ['', ''],
    ['Column', 'What goes in it'],
    ...WORKBOOK_COLUMNS.map((c): [string, string] => [c.heading, `${c.help}${c.required ? ' Required.' : ''}`]),
  ];
  for (const [a, b] of lines) {
    const row = help.addRow([a, b]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  const id = wb.addWorksheet(IDENTITY_SHEET, { state: 'veryHidden' });
  id.getCell('A1').value = identityText(input);
  id.getCell('A2').value = 'Made by dhr pack: identifies the review and agency this workbook belongs to. Do not edit.';

  return Buffer.from(await wb.xlsx.writeBuffer());
}
