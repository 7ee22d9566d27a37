import { messageOf, shownFile, summarise, type FormatInput } from './shared.js';

const C = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', dim: '\x1b[2m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

/** Findings grouped by file, one aligned line each, and a count at the end. */
export function formatStylish(input: FormatInput): string {
  const paint = (code: string, s: string) => (input.color ? code + s + C.reset : s);
  const byFile = new Map<string, typeof input.findings>();
  for (const f of input.findings) {
    const file = shownFile(f);
    const list = byFile.get(file) ?? [];
    list.push(f);
    byFile.set(file, list);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(paint(C.underline, file));
    // a loop, not Math.max(...list): a file can have more findings than a call takes arguments
    const posW = list.reduce((w, f) => Math.max(w, `${f.line}:${f.column}`.length), 0);
    const sevW = 7;
    for (const f of list) {
      const pos = `${f.line}:${f.column}`.padEnd(posW);
      const sevText = f.severity.padEnd(sevW);
      const sev = f.severity === 'error' ? paint(C.red, sevText) : f.severity === 'warning' ? paint(C.yellow, sevText) : paint(C.blue, sevText);
      out.push(`  ${paint(C.dim, pos)}  ${sev}  ${messageOf(f, input.showValues)}  ${paint(C.dim, f.ruleId)}`);
    }
    out.push('');
  }
  const s = summarise(input);
  const total = s.errors + s.warnings + s.infos;
  const counts = `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}` + (s.infos ? `, ${s.infos} info` : '');
  const where = `${s.files} file${s.files === 1 ? '' : 's'} in ${s.reviews} review${s.reviews === 1 ? '' : 's'}`;
  if (total === 0) out.push(paint(C.bold, `✔ no problems (${where})`));
  else out.push(paint(C.bold, (s.errors ? paint(C.red, '✖ ') : '⚠ ') + `${total} problem${total === 1 ? '' : 's'} (${counts}) in ${where}`));
  return out.join('\n') + '\n';
}
