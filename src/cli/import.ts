/**
 * `dhr import <file> --agency ID --to <review-dir>`: an agency's return into the review — a
 * spreadsheet (.xlsx, .xls, .csv, tab-separated text) or a Word chronology table → chronologies/<agency>.csv; an IMR in Word →
 * imrs/<agency>.md. The imported file is then checked for names and identifiers at once.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parseFlags, print } from './common.js';
import { UsageError } from './errors.js';
import { ImportError, importChronology, type ImportResult } from '../chronology/import.js';
import { docxKind, importChronologyDocx, importImrDocx } from '../exchange/import-docx.js';
import { workbookIdentity } from '../exchange/workbook-identity.js';
import { identityMismatch } from '../exchange/identity.js';
import { loadReview } from '../review/load.js';
import { lintReview } from '../lint/engine.js';
import { guardFor, guarded } from '../lint/guard.js';
import { isSafeId } from '../review/safe.js';
import { allRules } from '../rules/index.js';
import { setupFor, todayInLondon } from './common.js';
import { writeFileAtomically } from '../document/atomic.js';
import { relPath } from '../review/source.js';
import { readSource } from '../review/source.js';
import { readYaml } from '../review/yaml.js';

const AGENCY_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const importCommand: Command = {
  name: 'import',
  summary: "convert an agency's return (spreadsheet, Word IMR or chronology table) into the review",
  usage: `Usage: dhr import <file.xlsx|file.xls|file.csv|file.txt|file.docx> --agency ID --to <review-dir> [--as imr|chronology] [--force]

Converts an agency's chronology (the first worksheet of an .xlsx or Excel 97–2003 .xls workbook,
a CSV or tab-separated file (.csv, .txt, .tsv: commas, tabs or semicolons; UTF-8, UTF-16 or
Windows-1252, as Excel saves "CSV", "Unicode Text" or "Text (Tab delimited)"), or a table in a Word
document) into
<review-dir>/chronologies/<ID>.csv with the standard columns, or an IMR written in Word into
<review-dir>/imrs/<ID>.md.

A workbook or IMR form made by dhr pack carries the review and agency it was made for: import
refuses it anywhere else. A Word document with tracked changes or comments is refused (accept or
reject them first: deleted text is never imported). In an IMR, headings, paragraphs, lists, tables,
footnotes and emphasis become Markdown; the details table becomes the front matter; the pack's
guidance text is left out; images are counted and reported, not imported.
After importing, the new file is checked for names and identifiers (positions only, no values).

Headings are matched ignoring case and punctuation ("Date of contact", "Contact date" → date;
"Details", "Description", "Summary of contact" → event; "Action taken", "Outcome" → action;
"Staff role", "Worker role" → practitioner; … the full list is src/chronology/headings.yml).
Columns it cannot map are reported and left out. Dates become ISO (approximate dates keep their
precision); rows with problems (no date, a date that cannot be read, no event) are still imported
as written and listed by row number, so they can be corrected.

Options:
  --agency ID      the agency id from review.yml (lower-case, e.g. police, adult-social-care)
  --as KIND        for a .docx: imr or chronology (default: a document with the IMR details table or
                   IMR headings is an IMR; one with only a chronology table is a chronology)
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
      as: { type: 'string' },
    }, 'import');
    if (values.help) {
      print(importCommand.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('import: give exactly one .xlsx, .xls, .csv or .docx file (see dhr import --help)');
    const file = positionals[0];
    const agency = values.agency as string | undefined;
    const to = values.to as string | undefined;
    if (!agency) throw new UsageError('import: --agency ID is required (the agency id from review.yml, e.g. police)');
    if (!AGENCY_RE.test(agency)) throw new UsageError('import: --agency must be a lower-case id like police or adult-social-care (what was given is not repeated: it could be a name)');
    if (!to) throw new UsageError('import: --to <review-dir> is required');
    if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
    if (!statSync(file).isFile()) throw new UsageError(`${file}: not a file`);
    if (!existsSync(to) || !statSync(to).isDirectory()) throw new UsageError(`${to}: no such review folder`);
    const as = values.as as string | undefined;
    if (as !== undefined && as !== 'imr' && as !== 'chronology') throw new UsageError('import: --as must be imr or chronology');
    const isDocx = path.extname(file).toLowerCase() === '.docx';
    if (as && !isDocx) throw new UsageError('import: --as applies to a .docx file only (a spreadsheet is always a chronology)');
    const reviewId = reviewIdOf(to);

    let result: ImportResult;
    let target: string;
    let imrNotes: string[] = [];
    try {
      const kind = isDocx ? (as ?? await docxKind(file)) : 'chronology';
      if (kind === 'imr') {
        target = path.join(to, 'imrs', `${agency}.md`);
        refuseExisting(target, Boolean(values.force));
        const imr = await importImrDocx(file, agency);
        if (imr.identity && reviewId) {
          const why = identityMismatch(imr.identity, { review: reviewId, agency });
          if (why) throw new ImportError(why);
        }
        writeFileAtomically(target, imr.markdown);
        imrNotes = [
          `Imported the IMR from ${path.basename(file)} into ${relPath(path.resolve(target))}: ${imr.headings.length} section${imr.headings.length === 1 ? '' : 's'} (${imr.headings.join(', ')})`,
          ...(imr.missing.length ? [`Details to complete in the front matter (${imr.missing.length}):`, ...imr.missing.map((m) => `  - ${m}`)] : []),
          ...(imr.images ? [`Not imported: ${imr.images} image${imr.images === 1 ? '' : 's'} (pictures cannot be checked for names; describe what they show in the text, or add them to the review by hand after checking)`] : []),
        ];
        print(`${imrNotes.join('\n')}\n`);
        const flagged = anonCheck(to, target);
        return imr.missing.length || imr.images || flagged ? 1 : 0;
      }
      target = path.join(to, 'chronologies', `${agency}.csv`);
      refuseExisting(target, Boolean(values.force));
      if (!isDocx && /\.xls[xm]$/i.test(file)) {
        const id = await workbookIdentity(file);
        if (id && reviewId) {
          const why = identityMismatch(id, { review: reviewId, agency });
          if (why) throw new ImportError(why);
        }
      }
      result = isDocx ? await importChronologyDocx(file, agency) : await importChronology(file, agency);
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
      if (known && !known.includes(agency)) {
        // the review's ids are listed only when they are plain ids that name no one (src/review/safe.ts)
        const guard = guardFor();
        const shown = known.filter((id) => isSafeId(id, guard));
        const hidden = known.length - shown.length;
        lines.push(`Note: "${agency}" is not one of the agencies in review.yml (${[...shown, ...(hidden ? [`${hidden} not shown`] : [])].join(', ')})`);
      }
    }
    if (result.problems.length) {
      const byRow = new Map<number, string[]>();
      for (const p of result.problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.reason]);
      lines.push(`Rows to correct (${byRow.size}): imported as written; fix them in the agency's sheet or in the CSV`);
      for (const [row, reasons] of byRow) lines.push(`  ${result.unit} ${row}: ${reasons.join('; ')}`);
    }
    if (lines.length) print(`${lines.join('\n')}\n`);
    const flagged = anonCheck(to, target);
    return result.problems.length || flagged ? 1 : 0;
  },
};

function refuseExisting(target: string, force: boolean): void {
  if (existsSync(target) && !force) throw new UsageError(`${relPath(path.resolve(target))} already exists: use --force to replace it`);
}

function reviewIdOf(reviewDir: string): string | undefined {
  const f = path.join(reviewDir, 'review.yml');
  if (!existsSync(f)) return undefined;
  try {
    const id = readYaml<{ id?: unknown }>(readSource(path.resolve(f))).doc?.data?.id;
    return typeof id === 'string' && /^[A-Z][A-Z0-9-]{2,40}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lints the review's anonymisation rules at once and lists what they find in the imported file, by
 * position only, so a name an agency typed is caught before the first commit. Returns the count.
 */
function anonCheck(reviewDir: string, target: string): number {
  let found;
  try {
    const review = loadReview(path.resolve(reviewDir));
    const { config, profile, identities } = setupFor(reviewDir, {});
    const rules = allRules.filter((r) => r.meta.tag === 'anon');
    const abs = path.resolve(target);
    found = lintReview(review, { config, profile, identities, today: todayInLondon(), rules, ...guarded(identities, profile) })
      .filter((f) => f.ruleId.startsWith('anon/') && path.resolve(f.file) === abs);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    print('Could not run the anonymisation check on the imported file: run dhr lint on the review.\n');
    return 0;
  }
  if (!found.length) {
    print(`Anonymisation check of ${relPath(path.resolve(target))}: nothing found\n`);
    return 0;
  }
  print(`Anonymisation check of ${relPath(path.resolve(target))}: ${found.length} possible name${found.length === 1 ? '' : 's'} or identifier${found.length === 1 ? '' : 's'} to correct before committing:\n`);
  for (const f of found) print(`  ${f.line}:${f.column}  ${f.severity}  ${f.ruleId}\n`);
  return found.length;
}

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
