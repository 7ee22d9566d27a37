/**
 * The parse floor: read and parse the same files with the same parsers as `dhr lint` (loadReview:
 * decoding, CSV with positions, YAML with positions, Markdown through remark, JSON Schema checks of
 * rows and front matter), and run no rule. `dhr lint` is measured against this.
 *
 * Usage: node dist/bench/floor.js <review-dir or repository>…
 */
import { findReviewDirs, loadReview } from '../src/review/load.js';

const dirs = process.argv.slice(2).flatMap((p) => findReviewDirs(p));
let files = 0;
let rows = 0;
let findings = 0;
for (const dir of dirs) {
  const review = loadReview(dir);
  files += review.files.length;
  findings += review.findings.length;
  for (const t of review.chronologies.values()) rows += t.rows.length;
}
process.stdout.write(`${JSON.stringify({ reviews: dirs.length, files, rows, findings })}\n`);
