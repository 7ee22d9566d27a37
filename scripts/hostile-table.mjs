#!/usr/bin/env node
/**
 * Renders the hostile-input table (docs/HOSTILE-INPUTS.md) from the runs the tests record:
 *
 *   DHR_HOSTILE_TABLE=/tmp/t.jsonl npx vitest run test/hostile
 *   node scripts/hostile-table.mjs /tmp/t.jsonl [--write | --compact]
 *
 * One row per hostile input, one cell per command: **exit code**, then what the tool did. Without
 * --write the table is printed; with it, it replaces the part of docs/HOSTILE-INPUTS.md between the
 * markers <!-- hostile-table:start --> and <!-- hostile-table:end -->. --compact prints one line per
 * input: what validate (or the first command run) did, and every command's exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/hostile-table.mjs <runs.jsonl> [--write]\n');
  process.exit(2);
}
/** The commands in the order test/hostile/support.ts runs them (COMMAND_RUNS); others after them. */
const ORDER = ['validate', 'lint', 'chronology', 'build', 'audit', 'costs', 'redact', 'import'];

const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const seen = [...new Set(rows.map((r) => r.command))];
const commands = [...ORDER.filter((c) => seen.includes(c)), ...seen.filter((c) => !ORDER.includes(c))];
const byCase = new Map();
for (const r of rows) {
  const c = byCase.get(r.case) ?? { input: r.input, cells: new Map() };
  c.cells.set(r.command, r);
  byCase.set(r.case, c);
}
const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const out = [`| hostile input | ${commands.join(' | ')} |`, `| --- | ${commands.map(() => '---').join(' | ')} |`];
for (const [, c] of [...byCase].sort(([a], [b]) => a.localeCompare(b))) {
  out.push(`| ${esc(c.input)} | ${commands.map((n) => {
    const r = c.cells.get(n);
    return r ? `**${r.code}** ${esc(r.result)}` : '–';
  }).join(' | ')} |`);
}
// a later record of the same input and command replaces an earlier one (a test run again)
const codes = {};
let runs = 0;
for (const c of byCase.values()) {
  for (const r of c.cells.values()) {
    codes[r.code] = (codes[r.code] ?? 0) + 1;
    runs++;
  }
}
const summary = `${byCase.size} hostile inputs, ${runs} runs; exit codes: ${Object.entries(codes).sort().map(([k, v]) => `${k} × ${v}`).join(', ')}.`;
const table = `${summary}\n\n${out.join('\n')}\n`;

if (rest.includes('--compact')) {
  const lines = [`| hostile input | what the tool did | exit codes (${commands.join(', ')}) |`, '| --- | --- | --- |'];
  for (const [, c] of [...byCase].sort(([a], [b]) => a.localeCompare(b))) {
    const first = c.cells.get('validate') ?? [...c.cells.values()][0];
    const did = `${first.command}: ${first.result}`;
    lines.push(`| ${esc(c.input)} | ${esc(did)} | ${commands.map((n) => c.cells.get(n)?.code ?? '–').join(' ')} |`);
  }
  process.stdout.write(`${summary}\n\n${lines.join('\n')}\n`);
} else if (rest.includes('--write')) {
  const doc = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'HOSTILE-INPUTS.md');
  const text = readFileSync(doc, 'utf8');
  const start = '<!-- hostile-table:start -->';
  const end = '<!-- hostile-table:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    process.stderr.write(`${doc}: the markers ${start} and ${end} are missing\n`);
    process.exit(2);
  }
  writeFileSync(doc, `${text.slice(0, a + start.length)}\n${table}${text.slice(b)}`);
  process.stdout.write(`wrote the table into ${path.relative(process.cwd(), doc)}: ${summary}\n`);
} else process.stdout.write(table);
