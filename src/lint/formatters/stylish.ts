import { messageOf, shownFile, summarise, type FormatInput } from './shared.js';
import { palette } from './ansi.js';

/** Findings grouped by file, one aligned line each, and a count at the end. */
export function formatStylish(input: FormatInput): string {
  const c = palette(input.color);
  const byFile = new Map<string, typeof input.findings>();
  for (const f of input.findings) {
    const file = shownFile(f);
    const list = byFile.get(file) ?? [];
    list.push(f);
    byFile.set(file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(c.underline(file));
    // a loop, not Math.max(...list): a file can have more findings than a call takes arguments
    const posW = list.reduce((w, f) => Math.max(w, `${f.line}:${f.column}`.length), 0);
    const sevW = 7;
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padEnd(posW);
      const sevText = f.severity.padEnd(sevW);
      const sev = f.severity === 'error' ? c.red(sevText) : f.severity === 'warning' ? c.yellow(sevText) : c.blue(sevText);
      out.push(`  ${c.dim(pos)}  ${sev}  ${messageOf(f, input.showValues)}  ${c.dim(f.ruleId)}`);
    }
    out.push('');
  }
  const s = summarise(input);
  const total = s.errors + s.warnings + s.infos;
  const counts = `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}` + (s.infos ? `, ${s.infos} info` : '');
  const where = `${s.files} file${s.files === 1 ? '' : 's'} in ${s.reviews} review${s.reviews === 1 ? '' : 's'}`;
  if (total === 0) out.push(c.bold(`✔ no problems (${where})`));
  else out.push(c.bold((s.errors ? c.red('✖ ') : '⚠ ') + `${total} problem${total === 1 ? '' : 's'} (${counts}) in ${where}`));
  return out.join('\n') + '\n';
}
