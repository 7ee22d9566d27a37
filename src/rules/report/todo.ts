/**
 * report/todo: TODO markers and placeholder text left in any file of the review — Markdown text,
 * CSV cells and YAML values (not YAML comments: templates explain themselves there).
 */
import { isScalar, parseDocument, visit } from '../../vendor/yaml.js';
import { defineRule, type RuleContext } from '../../lint/rule.js';
import type { CsvTable, SourceFile } from '../../review/model.js';
import { lineStarts, positionAt } from '../../review/source.js';
import { cellTextSpan } from '../cell-span.js';

export interface Placeholder {
  start: number;
  end: number;
  message: string;
}

/** HTML elements: `<br>`, `<sup>`, `<details open>` are markup, not placeholders. */
const HTML_TAGS = new Set(('a abbr address area article aside audio b bdi bdo blockquote body br button caption cite code col '
  + 'colgroup data dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head '
  + 'header hr html i iframe img input ins kbd label legend li link main map mark meta meter nav noscript object ol optgroup '
  + 'option output p param picture pre progress q rp rt ruby s samp script section select small source span strong style '
  + 'sub summary sup table tbody td template textarea tfoot th thead time title tr track u ul var video wbr center font').split(' '));

const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';

const PATTERNS: Array<{ re: RegExp; message: (m: string) => string | undefined }> = [
  { re: new RegExp(`${B}(?:TODO|FIXME|XXX)${E}`, 'gu'),
    message: (m) => `"${m}" marker left in: finish this part and remove the marker` },
  { re: new RegExp(`${B}(?:TBC|TBA|TBD)${E}`, 'giu'),
    message: (m) => `"${m.toUpperCase()}" left in: confirm the missing detail and write it in` },
  { re: /\[\s*insert\b[^\]]{0,200}\]/gi,
    message: () => 'an "[insert …]" placeholder is left in: replace it with the real text' },
  { re: /<([A-Za-z][A-Za-z0-9 '’_-]{0,80})>/g,
    message: (m) => {
      const inner = m.slice(1, -1).trim();
      const first = inner.split(/\s+/)[0].toLowerCase();
      if (HTML_TAGS.has(first)) return undefined;
      return 'a "<…>" placeholder is left in: replace it with the real text';
    } },
  { re: /\blorem\s+ipsum\b/gi,
    message: () => '"Lorem ipsum" filler text is left in: replace it with the real text' },
];

/**
 * Text that may hold a placeholder: every pattern above needs one of these, so a text without any
 * is skipped with one quick test (a 100,000-row chronology has a million cells).
 */
const MAYBE = /TODO|FIXME|XXX|TB[ACD]|insert|<[A-Za-z]|lorem/i;

/** Every placeholder in a text, in order; overlapping matches keep the first. */
export function findPlaceholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  if (!MAYBE.test(text)) return out;
  for (const { re, message } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const msg = message(m[0]);
      if (msg) out.push({ start: m.index, end: m.index + m[0].length, message: msg });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.filter((p, i) => i === 0 || p.start >= out[i - 1].end);
}

function reportText(ctx: RuleContext, file: SourceFile, from: number, to: number, starts: number[]): void {
  const text = file.text.slice(from, to);
  for (const p of findPlaceholders(text)) {
    const a = positionAt(starts, from + p.start);
    const b = positionAt(starts, from + p.end);
    ctx.report(file, { line: a.line, column: a.column, endLine: b.line, endColumn: b.column }, p.message, text.slice(p.start, p.end));
  }
}

/** Scans the values (not keys, not comments) of YAML text that starts at `offset` in the file. */
function reportYamlValues(ctx: RuleContext, file: SourceFile, yamlText: string, offset: number, starts: number[]): void {
  // each value is a part of the text: text without a possible placeholder has none to find
  if (!MAYBE.test(yamlText)) return;
  const doc = parseDocument(yamlText, { schema: 'core' });
  if (doc.errors.length) return; // format/yaml reports it
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || !isScalar(node) || !node.range) return;
      reportText(ctx, file, offset + node.range[0], offset + node.range[1], starts);
    },
  });
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function checkMarkdown(ctx: RuleContext, file: SourceFile): void {
  const starts = lineStarts(file.text);
  const fm = FRONT_MATTER.exec(file.text);
  let body = 0;
  if (fm) {
    const inner = /^---[ \t]*\r?\n/.exec(fm[0])![0].length;
    reportYamlValues(ctx, file, fm[1], inner, starts);
    body = fm[0].length;
  }
  reportText(ctx, file, body, file.text.length, starts);
}

function checkTable(ctx: RuleContext, table: CsvTable): void {
  // a cell's value is the file's text less the doubling of quotes, which no placeholder contains
  if (!MAYBE.test(table.file.text)) return;
  for (const row of table.rows) {
    for (const cell of row.raw) {
      for (const p of findPlaceholders(cell.value)) {
        ctx.report(table.file, cellTextSpan(cell, p.start, p.end), p.message, cell.value.slice(p.start, p.end));
      }
    }
  }
}

export const todo = defineRule(
  {
    id: 'report/todo',
    tag: 'report',
    severity: 'warning',
    description: 'TODO / placeholder text left in',
  },
  (ctx) => {
    const r = ctx.review;
    const tables = new Map<string, CsvTable>();
    for (const t of r.chronologies.values()) tables.set(t.file.path, t);
    if (r.actionPlan) tables.set(r.actionPlan.file.path, r.actionPlan);
    for (const file of r.files) {
      if (/\.md$/i.test(file.path)) checkMarkdown(ctx, file);
      else if (/\.ya?ml$/i.test(file.path)) reportYamlValues(ctx, file, file.text, 0, lineStarts(file.text));
      else if (tables.has(file.path)) checkTable(ctx, tables.get(file.path)!);
    }
  },
);
