/** Markdown through unified/remark-parse with GFM and YAML front matter, positions kept. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import type { MarkdownDoc, SourceFile, Span } from './model.js';
import { readYaml } from './yaml.js';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

export const MAX_MARKDOWN_NESTING = 50;

export interface MarkdownProblem extends Span {
  ruleId: 'format/yaml' | 'format/markdown';
  message: string;
}

/** Quick guard against pathological nesting (`>>>>>…` or deeply indented lists) before parsing. */
function nestingTooDeep(text: string): number {
  let worst = 0;
  const re = /^[ \t]*((?:>[ \t]?){2,})/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const depth = (m[1].match(/>/g) ?? []).length;
    if (depth > worst) worst = depth;
  }
  return worst > MAX_MARKDOWN_NESTING ? worst : 0;
}

export function parseMarkdown(file: SourceFile): { doc: MarkdownDoc; problems: MarkdownProblem[] } {
  const problems: MarkdownProblem[] = [];
  const deep = nestingTooDeep(file.text);
  if (deep) {
    problems.push({ ruleId: 'format/markdown', line: 1, column: 1, endLine: 1, endColumn: 1,
      message: `Markdown nested ${deep} levels deep (limit ${MAX_MARKDOWN_NESTING}); the file was not parsed` });
    return { doc: { file, tree: { type: 'root', children: [] } }, problems };
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
