/** Reads the pack identity from a returned workbook's hidden sheet, if it has one. */
import ExcelJS from 'exceljs';
import { IDENTITY_SHEET, parseIdentityText, type PackIdentity } from './identity.js';

export async function workbookIdentity(file: string): Promise<PackIdentity | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch {
    return undefined; // the import itself reports an unreadable workbook
  }
  const ws = wb.getWorksheet(IDENTITY_SHEET);
  if (!ws) return undefined;
  const v = ws.getCell('A1').value;
  return parseIdentityText(typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? (v.richText as Array<{ text: string }>).map((t) => t.text).join('') : undefined);
}
