import { describe, expect, it } from 'vitest';
import { markdownToBlocks, mdastToBlocks, parseMarkdown } from './markdown.js';
import type { Block } from './model.js';

const t = (text: string) => ({ type: 'text', text });
const p = (...children: unknown[]) => ({ type: 'paragraph', children });

describe('markdownToBlocks', () => {
  it('reads headings, shifted by the offset and clamped to 1–3', () => {
    expect(markdownToBlocks('# One\n\n## Two\n\n#### Four')).toEqual([
      { type: 'heading', level: 1, children: [t('One')] },
      { type: 'heading', level: 2, children: [t('Two')] },
      { type: 'heading', level: 3, children: [t('Four')] },
    ]);
    expect(markdownToBlocks('# One\n\n## Two', { headingOffset: 1 }).map((b) => (b as { level: number }).level)).toEqual([2, 3]);
    expect(markdownToBlocks('## Two', { headingOffset: -3 })).toMatchObject([{ level: 1 }]);
  });

  it('reads emphasis, strong, code, links and hard breaks; soft breaks become spaces', () => {
    expect(markdownToBlocks('A *b* **c** `d` [e](https://example.org)\nf  \ng')).toEqual([
      p(
        t('A '),
        { type: 'emphasis', children: [t('b')] },
        t(' '),
        { type: 'strong', children: [t('c')] },
        t(' '),
        { type: 'code', text: 'd' },
        t(' '),
        { type: 'link', url: 'https://example.org', children: [t('e')] },
        t(' f'),
        { type: 'lineBreak' },
        t('g'),
      ),
    ]);
  });

  it('resolves reference links and leaves unknown ones as text', () => {
    expect(markdownToBlocks('[a][r] and [b][none]\n\n[r]: https://example.org/r')).toEqual([
      p({ type: 'link', url: 'https://example.org/r', children: [t('a')] }, t(' and [b][none]')),
    ]);
  });

  it('keeps chronology citations as plain text', () => {
    expect(markdownToBlocks('See [[chronology:police#12]] and [[chronology:health#3]].')).toEqual([
      p(t('See [[chronology:police#12]] and [[chronology:health#3]].')),
    ]);
  });

  it('carries footnote content to each reference and drops the definitions', () => {
    const blocks = markdownToBlocks('Text.[^a] More.[^b] Missing.[^zz]\n\n[^a]: First *note*.\n\n[^b]: Second.\n\n    Two paragraphs.');
    expect(blocks).toEqual([
      p(
        t('Text.'),
        { type: 'footnoteRef', content: [t('First '), { type: 'emphasis', children: [t('note')] }, t('.')] },
        t(' More.'),
        { type: 'footnoteRef', content: [t('Second.'), { type: 'lineBreak' }, t('Two paragraphs.')] },
        t(' Missing.[^zz]'),
      ),
    ]);
  });

  it('does not loop on a footnote that cites itself', () => {
    const blocks = markdownToBlocks('A.[^a]\n\n[^a]: Self.[^a]');
    expect(blocks).toEqual([p(t('A.'), { type: 'footnoteRef', content: [t('Self.[^a]')] })]);
  });

  it('reads bullet, ordered (with start), nested and task lists', () => {
    expect(markdownToBlocks('- a\n  - b\n- c\n\n3. x\n4. y\n\n- [x] done\n- [ ] todo')).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[p(t('a')), { type: 'list', ordered: false, items: [[p(t('b'))]] }], [p(t('c'))]],
      },
      { type: 'list', ordered: true, start: 3, items: [[p(t('x'))], [p(t('y'))]] },
      { type: 'list', ordered: false, items: [[p(t('☑ done'))], [p(t('☐ todo'))]] },
    ]);
  });

  it('reads GFM tables: the first row is the header, alignments become columns', () => {
    expect(markdownToBlocks('| a | b |\n|---|--:|\n| 1 | **2** |\n| 3 |')).toEqual([
      {
        type: 'table',
        columns: [{}, { align: 'right' }],
        header: [{ cells: [{ children: [t('a')] }, { children: [t('b')] }] }],
        rows: [
          { cells: [{ children: [t('1')] }, { children: [{ type: 'strong', children: [t('2')] }] }] },
          // Short rows stay short; the writers fill them out.
          { cells: [{ children: [t('3')] }] },
        ],
      },
    ]);
  });

  it('reads blockquotes, thematic breaks and code blocks', () => {
    expect(markdownToBlocks('> quoted\n\n---\n\n```\nline 1\nline 2\n```')).toEqual([
      { type: 'blockquote', children: [p(t('quoted'))] },
      { type: 'thematicBreak' },
      p({ type: 'code', text: 'line 1' }, { type: 'lineBreak' }, { type: 'code', text: 'line 2' }),
    ]);
  });

  it('drops front matter and HTML comments, and writes images as their alt text', () => {
    const md = '---\ntitle: x\n---\n<!-- dhr-disable-next-line anon/person-name -- a pseudonym -->\nText <!-- inline --> ![a chart](chart.png)';
    expect(markdownToBlocks(md)).toEqual([p(t('Text a chart'))]);
  });

  it('takes an mdast tree as well as a string', () => {
    const root = parseMarkdown('# Heading');
    const blocks: Block[] = mdastToBlocks(root, { headingOffset: 2 });
    expect(blocks).toEqual([{ type: 'heading', level: 3, children: [t('Heading')] }]);
  });
});
