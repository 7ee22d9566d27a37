/**
 * The parse floor: read and parse the same files with the same parsers as `dhr lint` — decoding
 * (readSource: strict UTF-8, else detected), CSV with positions (readCsvTable), YAML with positions
 * (readYaml), Markdown through remark (parseMarkdown, which also parses IMR front matter) — and
 * nothing else: no JSON Schema checks, no rules. `dhr lint` is measured against this.
 *
 * Usage: node dist/bench/floor.js <review-dir or repository>…
 *        node dist/bench/floor.js --load <…>        the whole loader instead (parsing + JSON Schemas)
 *        node dist/bench/floor.js --csv <…>         only the CSV files, through our reader (cells with positions)
 *        node dist/bench/floor.js --csv-parse <…>   only the CSV files, through csv-parse (records, no positions):
 *                                                   the reference our CSV reader is held to
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { findReviewDirs, loadReview } from '../src/review/load.js';
import { readSource } from '../src/review/source.js';
import { readCsvTable } from '../src/review/csv.js';
import { readYaml } from '../src/review/yaml.js';
import { parseMarkdown } from '../src/review/markdown.js';
import { parse as csvParse } from 'csv-parse/sync';

const args = process.argv.slice(2);
const withLoader = args.includes('--load');
const csvOnly = args.includes('--csv') ? 'ours' : args.includes('--csv-parse') ? 'csv-parse' : undefined;
const dirs = args.filter((a) => !a.startsWith('--')).flatMap((p) => findReviewDirs(p));

/** Every .csv, .yml and .md file under a review folder, as the loader reads them. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const abs = path.join(dir, name);
    const st = statSync(abs);
    if (st.isDirectory()) out.push(...filesUnder(abs));
    else if (/\.(csv|ya?ml|md)$/i.test(name)) out.push(abs);
  }
  return out;
}

let files = 0;
let rows = 0;
let problems = 0;
for (const dir of dirs) {
  if (withLoader) {
    const review = loadReview(dir);
    files += review.files.length;
    problems += review.findings.length;
    for (const t of review.chronologies.values()) rows += t.rows.length;
    continue;
  }
  for (const abs of filesUnder(dir)) {
    if (csvOnly && !/\.csv$/i.test(abs)) continue;
    const f = readSource(abs);
    files++;
    if (csvOnly === 'csv-parse') {
      const records = csvParse(f.text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
      rows += /[\\/]chronologies[\\/]/.test(abs) ? Math.max(0, records.length - 1) : 0;
    } else if (/\.csv$/i.test(abs)) {
      const r = readCsvTable(f);
      rows += /[\\/]chronologies[\\/]/.test(abs) ? r.table.rows.length : 0;
      problems += r.problems.length;
    } else if (/\.ya?ml$/i.test(abs)) {
      problems += readYaml(f).problems.length;
    } else {
      problems += parseMarkdown(f).problems.length;
    }
  }
}
process.stdout.write(`${JSON.stringify({ reviews: dirs.length, files, rows, problems, mode: withLoader ? 'loader' : csvOnly ? `csv (${csvOnly})` : 'parse' })}\n`);
