import { messageOf, shownFile, summarise, type FormatInput } from './shared.js';

/** The findings as the SPEC's JSON prints them (SPEC.md "The finding"). */
export function findingsJson(input: Pick<FormatInput, 'findings' | 'showValues'>): object[] {
  return input.findings.map((f) => ({
    ruleId: f.ruleId, severity: f.severity, file: shownFile(f), line: f.line, column: f.column,
    endLine: f.endLine, endColumn: f.endColumn, message: messageOf(f, input.showValues),
    ...(f.review ? { review: f.review } : {}),
  }));
}

/** The SPEC's JSON shape: `{ version, findings, summary }`. */
export function formatJson(input: FormatInput): string {
  const s = summarise(input);
  const findings = findingsJson(input);
  return JSON.stringify({ version: 1, findings, summary: { errors: s.errors, warnings: s.warnings, infos: s.infos, files: s.files, reviews: s.reviews } }, null, 2) + '\n';
}
