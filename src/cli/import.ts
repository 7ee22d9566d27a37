/** `dhr import <file.xlsx|file.csv> --agency ID --to <review-dir>`: an agency's spreadsheet → chronologies/<agency>.csv. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parseFlags, print } from './common.js';
import { UsageError } from './errors.js';
import { ImportError, importChronology } from '../chronology/import.js';
import { writeFileAtomically } from '../document/atomic.js';
import { relPath } from '../review/source.js';
import { readSource } from '../review/source.js';
import { readYaml } from '../review/yaml.js';

const AGENCY_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const importCommand: Command = {
  name: 'import',
  summary: "convert an agency's spreadsheet into chronologies/<agency>.csv",
  usage: `Usage: dhr import <file.xlsx|file.csv> --agency ID --to <review-dir> [--force]

Converts an agency's chronology (the first worksheet of an .xlsx workbook, or a CSV file in UTF-8
or Windows-1252) into <review-dir>/chronologies/<ID>.csv with the standard columns.

Headings are matched ignoring case and punctuation ("Date of contact", "Contact date" → date;
"Details", "Description", "Summary of contact" → event; "Action taken", "Outcome" → action;
"Staff role", "Worker role" → practitioner; … the full list is src/chronology/headings.yml).
Columns it cannot map are reported and left out. Dates become ISO (approximate dates keep their
precision); rows with problems (no date, a date that cannot be read, no event) are still imported
as written and listed by row number, so they can be corrected.

Options:
  --agency ID      the agency id from review.yml (lower-case, e.g. police, adult-social-care)
  --to DIR         the review folder to write into
  --force          replace an existing chronologies/<ID>.csv
  --quiet, -q      print only the rows with problems
Exit codes: 0 imported; 1 imported, but some rows need correcting; 2 usage error or unreadable file
(nothing written).
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, {
      agency: { type: 'string', short: 'a' },
      to: { type: 'string', short: 't' },
      force: { type: 'boolean' },
    }, 'import');
    if (values.help) {
      print(importCommand.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('import: give exactly one .xlsx or .csv file (see dhr import --help)');
    const file = positionals[0];
    const agency = values.agency as string | undefined;
    const to = values.to as string | undefined;
    if (!agency) throw new UsageError('import: --agency ID is required (the agency id from review.yml, e.g. police)');
    if (!AGENCY_RE.test(agency)) throw new UsageError('import: --agency must be a lower-case id like police or adult-social-care (what was given is not repeated: it could be a name)');
    if (!to) throw new UsageError('import: --to <review-dir> is required');
    if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
    if (!statSync(file).isFile()) throw new UsageError(`${file}: not a file`);
    if (!existsSync(to) || !statSync(to).isDirectory()) throw new UsageError(`${to}: no such review folder`);
    const target = path.join(to, 'chronologies', `${agency}.csv`);
    if (existsSync(target) && !values.force) {
      throw new UsageError(`${relPath(path.resolve(target))} already exists: use --force to replace it`);
    }

    let result;
    try {
      result = await importChronology(file, agency);
    } catch (e) {
      if (e instanceof ImportError) throw new UsageError(`${file}: ${e.message}`);
      throw e;
    }
    writeFileAtomically(target, result.csv);

    const quiet = Boolean(values.quiet);
    const lines: string[] = [];
    if (!quiet) {
      lines.push(`Imported ${result.rows} row${result.rows === 1 ? '' : 's'} from ${path.basename(file)} (${result.description}, headings on ${result.unit} ${result.headerRow}) into ${relPath(path.resolve(target))}`);
      lines.push(`Columns: ${result.mapped.map((m) => `"${m.heading}" → ${m.column}`).join(', ')}`);
      // Unmapped headings are named by column, not quoted: an agency's own column can be headed
      // with a person's name ("Notes by …"), and this output reaches CI logs.
      if (result.unmappedAt.length) {
        const where = result.unmappedAt.map((i) => (result.unit === 'row' ? columnLetter(i) : String(i + 1)));
        lines.push(`Not mapped, left out: column${where.length === 1 ? '' : 's'} ${where.join(', ')} (headings not printed; see src/chronology/headings.yml for the names we map)`);
      }
      if (result.blank) lines.push(`Skipped ${result.blank} blank row${result.blank === 1 ? '' : 's'}`);
      const known = knownAgencies(to);
      if (known && !known.includes(agency)) lines.push(`Note: "${agency}" is not one of the agencies in review.yml (${known.join(', ')})`);
    }
    if (result.problems.length) {
      const byRow = new Map<number, string[]>();
      for (const p of result.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.reason]);
      lines.push(`Rows to correct (${byRow.size}): imported as written; fix them in the agency's sheet or in the CSV`);
      for (const [row, reasons] of byRow) lines.push(`  ${result.unit} ${row}: ${reasons.join('; ')}`);
    }
    if (lines.length) print(`${lines.join('\n')}\n`);
    return result.problems.length ? 1 : 0;
  },
};

function knownAgencies(reviewDir: string): string[] | undefined {
  const f = path.join(reviewDir, 'review.yml');
  if (!existsSync(f)) return undefined;
  try {
    const doc = readYaml<{ agencies?: Array<{ id?: unknown }> }>(readSource(path.resolve(f))).doc;
    const list = doc?.data?.agencies;
    return Array.isArray(list) ? list.map((a) => a?.id).filter((x): x is string => typeof x === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
