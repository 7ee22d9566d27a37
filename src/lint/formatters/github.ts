import { appendFileSync } from 'node:fs';
import { messageOf, printable, shownFile, summarise, type FormatInput } from './shared.js';
import { escapeMarkdownCell } from '../../document/escape.js';

/**
 * Escapes data and property values of a GitHub workflow command (`%`, line breaks; `:` and `,` in
 * properties). The text is made printable first, so no control character reaches the log.
 */
export function escData(s: string): string {
  return printable(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escProp(s: string): string {
  return escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub workflow commands (`::error file=…,line=…,col=…,title=RULE::msg`), one per finding. */
export function formatGithub(input: FormatInput): string {
  const lines = input.findings.map((f) => {
    const kind = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = [`file=${escProp(shownFile(f))}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escProp(f.ruleId)}`];
    return `::${kind} ${props.join(',')}::${escData(messageOf(f, input.showValues))}`;
  });
  if (process.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, jobSummary(input));
    } catch {
      // the summary is a convenience; annotations are already printed
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** Text as one cell of a Markdown table: printable first (no line break, no control character), then escaped. */
function markdownCell(x: string): string {
  return escapeMarkdownCell(printable(x));
}

/** A Markdown job summary: GitHub shows only ~10 annotations per type per step, this shows all. */
export function jobSummary(input: FormatInput): string {
  const s = summarise(input);
  const out = [`## dhr ${input.command ?? 'lint'}: ${s.errors} error(s), ${s.warnings} warning(s) in ${s.reviews} review(s)`, ''];
  if (input.findings.length) {
    out.push('| severity | file | line | rule | message |', '| --- | --- | --- | --- | --- |');
    for (const f of input.findings) {
      out.push(`| ${f.severity} | ${markdownCell(shownFile(f))} | ${f.line}:${f.column} | \`${f.ruleId}\` | ${markdownCell(messageOf(f, input.showValues))} |`);
    }
  } else out.push('No problems found.');
  return out.join('\n') + '\n\n';
}
