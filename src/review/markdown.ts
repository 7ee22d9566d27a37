/** Markdown through unified/remark-parse with GFM and YAML front matter, positions kept. */
import { remarkFrontmatter, remarkGfm, remarkParse, unified } from '../vendor/markdown.js';
import type { Root } from 'mdast';
import type { MarkdownDoc, SourceFile, Span } from './model.js';
import { readYaml } from './yaml.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export const MAX_MARKDOWN_NESTING = 50;
/** Lines and characters in one Markdown file: a long report has a few thousand lines. */
export const MAX_MARKDOWN_LINES = 100_000;
export const MAX_MARKDOWN_CHARS = 2_000_000;
/**
 * Emphasis, link and code markers (`* _ [ ] < \``) in one paragraph or table row. The parser's
 * work grows with their square within a paragraph, so a crafted paragraph could take hours;
 * a real one has a few dozen.
 */
export const MAX_INLINE_MARKERS = 2_000;
/** The sum over paragraphs of markers squared: a few worst-case paragraphs, not thousands. */
export const MAX_INLINE_COST = 4 * MAX_INLINE_MARKERS ** 2;

export interface MarkdownProblem extends Span {
  ruleId: 'format/yaml' | 'format/markdown';
  message: string;
}

const isBlank = (c: number) => c === 32 || c === 9;

/** Container markers (`>`, `-`, `*`, `+`, `1.`) opening a line, plus list indentation: its nesting depth. */
function lineDepth(s: string): number {
  let i = 0;
  let indent = 0;
  for (; i < s.length && isBlank(s.charCodeAt(i)); i++) indent += s[i] === '\t' ? 4 - (indent % 4) : 1;
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    let next = i;
    if (c === '>') next = i + 1;
    else if ((c === '-' || c === '*' || c === '+') && (i + 1 === s.length || isBlank(s.charCodeAt(i + 1)))) next = i + 1;
    else {
      let j = i;
      while (j < s.length && j - i < 9 && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
      if (j > i && (s[j] === '.' || s[j] === ')') && (j + 1 === s.length || isBlank(s.charCodeAt(j + 1)))) next = j + 1;
      else break;
    }
    depth++;
    i = next;
    while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  }
  return depth ? depth + Math.floor(indent / 2) : 0;
}

/**
 * A linear scan for input that would make the parser slow or crash (deep nesting, pathological
 * paragraphs, huge files), so that such a file is reported instead of hanging CI.
 */
export function markdownTooComplex(text: string): { line: number; message: string } | undefined {
  if (text.length > MAX_MARKDOWN_CHARS) {
    return { line: 1, message: `Markdown file has ${text.length} characters (limit ${MAX_MARKDOWN_CHARS}); the file was not parsed` };
  }
  let line = 0;
  let blockLine = 1;
  let markers = 0;
  let cost = 0;
  let problem: { line: number; message: string } | undefined;
  const endBlock = () => {
    cost += markers * markers;
    if (!problem && cost > MAX_INLINE_COST) {
      problem = { line: blockLine, message: `Markdown has too many emphasis, link or code markers (* _ [ ] < \`) in its paragraphs (from line ${blockLine}); the file was not parsed` };
    }
    markers = 0;
  };
  const n = text.length;
  let start = 0;
  while (start <= n && !problem) {
    let end = start;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    line++;
    if (line > MAX_MARKDOWN_LINES) return { line, message: `Markdown file has more than ${MAX_MARKDOWN_LINES} lines; the file was not parsed` };
    const s = text.slice(start, end);
    if (/^[ \t]*$/.test(s)) {
      endBlock();
      blockLine = line + 1;
    } else {
      const depth = lineDepth(s);
      if (depth > MAX_MARKDOWN_NESTING) return { line, message: `Markdown nested ${depth} levels deep (limit ${MAX_MARKDOWN_NESTING}); the file was not parsed` };
      const tableRow = /^[ \t]*\|/.test(s);
      if (tableRow) {
        endBlock();
        blockLine = line;
      }
      for (let k = 0; k < s.length; k++) {
        const c = s.charCodeAt(k);
        // * _ [ ] < `
        if (c === 42 || c === 95 || c === 91 || c === 93 || c === 60 || c === 96) markers++;
      }
      if (markers > MAX_INLINE_MARKERS) {
        return { line: blockLine, message: `a paragraph has more than ${MAX_INLINE_MARKERS} emphasis, link or code markers (* _ [ ] < \`); the file was not parsed` };
      }
      if (tableRow) {
        endBlock();
        blockLine = line + 1;
      }
    }
    if (end >= n) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  if (!problem) endBlock();
  return problem;
}

export function parseMarkdown(file: SourceFile): { doc: MarkdownDoc; problems: MarkdownProblem[] } {
  const problems: MarkdownProblem[] = [];
  const complex = markdownTooComplex(file.text);
  if (complex) {
    problems.push({ ruleId: 'format/markdown', line: complex.line, column: 1, endLine: complex.line, endColumn: 1, message: complex.message });
    // the body is not parsed, but front matter (an IMR's author, dates…) is still read
    const fm = /^---[ \t]*\r?\n(?:([^]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(file.text.length > 200_000 ? file.text.slice(0, 200_000) : file.text);
    let frontMatter: MarkdownDoc['frontMatter'];
    if (fm) {
      const res = readYaml<Record<string, unknown>>(file, fm[1] ?? '', 1);
      const data = res.doc?.data;
      if (res.doc && (data == null || (typeof data === 'object' && !Array.isArray(data)))) frontMatter = { ...res.doc, data: (data ?? {}) as Record<string, unknown> };
      for (const p of res.problems) problems.push({ ruleId: 'format/yaml', ...p });
    }
    return { doc: { file, tree: { type: 'root', children: [] }, frontMatter }, problems };
  }
  const tree = parser.parse(file.text) as Root;
  let frontMatter: MarkdownDoc['frontMatter'];
  const first = tree.children[0];
  if (first && first.type === 'yaml') {
    const startLine = first.position?.start.line ?? 1;
    const res = readYaml<Record<string, unknown>>(file, first.value, startLine);
    if (res.doc) {
      const data = res.doc.data;
      if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
        problems.push({ ruleId: 'format/yaml', line: startLine + 1, column: 1, endLine: startLine + 1, endColumn: 1,
          message: 'front matter is not a mapping of keys to values' });
      } else {
        frontMatter = { ...res.doc, data: (data ?? {}) as Record<string, unknown> };
      }
    }
    for (const p of res.problems) problems.push({ ruleId: 'format/yaml', ...p });
    tree.children.shift();
  }
  return { doc: { file, tree, frontMatter }, problems };
}
