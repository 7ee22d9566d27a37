import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { missingDocument } from './missing-document.js';

const REVIEW = readFileSync(path.join(EXAMPLE, 'review.yml'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const status = at(REVIEW, 'submitted\n');
const o = 'overview-report.md';
const e = 'executive-summary.md';

ruleCases(missingDocument, {
  valid: [
    { name: 'the example is submitted with both documents' },
    { name: 'the right example: in progress, the reports not yet written', review: { status: 'in-progress', 'dates.submitted': null }, files: { [o]: null, [e]: null } },
    { name: 'a learning review writes no executive summary', review: { type: 'learning-review' }, files: { [e]: null } },
  ],
  invalid: [
    { name: 'the wrong example: submitted without an overview report', files: { [o]: null },
      errors: [{ file: 'review.yml', ...status, message: 'the review\'s status is "submitted", but there is no overview-report.md' }] },
    { name: 'published without either document: one finding for each', review: { status: 'published' }, files: { [o]: null, [e]: null },
      errors: [{ file: 'review.yml', line: status.line, message: 'no overview-report.md' }, { file: 'review.yml', line: status.line, message: 'no executive-summary.md' }] },
    { name: 'a submission date counts even if the status was not updated', review: { status: 'in-progress' }, files: { [e]: null },
      errors: [{ file: 'review.yml', message: 'the review has a submission date, but there is no executive-summary.md', line: at(REVIEW, '  submitted:').line }] },
  ],
});
