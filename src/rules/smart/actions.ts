/** Shared by the smart/* rules: walking the action plan's rows and naming them in messages. */
import type { CsvCell, CsvRow, CsvTable, Span } from '../../review/model.js';
import { rowId } from '../../review/load.js';
import type { RuleContext } from '../../lint/rule.js';
import { isSafeRef } from '../../review/safe.js';

export const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * How a message names an action: `action A3`, or `the action on line 7` when it has no id or its
 * id is not a plain reference (the id cell can hold anything typed, a name included).
 */
export function actionName(row: CsvRow): string {
  const id = row.cells.id?.value.trim();
  return id && isSafeRef(id) ? `action ${id}` : `the action on line ${row.line}`;
}

/** Where a finding about a row's column goes: the cell, or the row's start when the cell is absent. */
export function cellOrRow(row: CsvRow, cell: CsvCell | undefined): Span {
  return cell ?? { line: row.line, column: 1, endLine: row.line, endColumn: 1 };
}

/**
 * Calls `check` for each row of the action plan. When the column is missing from the header,
 * reports that once (at line 1) instead of once per row, and calls nothing.
 */
export function eachAction(
  ctx: RuleContext,
  column: string,
  /** What to say when the column is missing; undefined when the schema already reports it. */
  missingColumn: string | undefined,
  check: (row: CsvRow, cell: CsvCell | undefined, table: CsvTable) => void,
): void {
  const table = ctx.review.actionPlan;
  if (!table || table.header.length === 0) return;
  if (!table.header.some((h) => h.column_name === column)) {
    if (table.rows.length && missingColumn) ctx.report(table.file, START, missingColumn);
    return;
  }
  for (const row of table.rows) check(row, row.cells[column], table);
}

export { rowId };
