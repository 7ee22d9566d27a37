import { describe, expect, it } from 'vitest';
import { markdownToBlocks } from './markdown.js';
import { renderMarkdown } from './markdown-writer.js';
import type { Block } from './model.js';
import { bulletList, code, createDoc, emphasis, footnote, heading, lineBreak, link, orderedList, paragraph, row, strong } from './model.js';
import { sampleDashboardBlocks, sampleDoc } from './sample.js';

describe('renderMarkdown', () => {
  it('reads back as the same blocks (headings shifted by the title)', () => {
    const blocks: Block[] = [
      heading(1, 'One'),
      paragraph('Plain ', strong('bold'), ' ', emphasis('it'), ' ', code('a`b'), ' ', link('https://example.org/a b', 'link'), '.', footnote('A ', strong('note'), '.')),
      paragraph('Looks like markup: *not* [this] <b> 1. # and_under_scores'),
      paragraph('- not a list'),
      paragraph('Broken', lineBreak(), 'line'),
      heading(2, 'Two'),
      bulletList([[paragraph('a')], [paragraph('b'), orderedList([[paragraph('c')], [paragraph('d')]], 3)]]),
      { type: 'blockquote', children: [paragraph('quoted'), paragraph('twice')] },
      {
        type: 'table',
        columns: [{ align: 'left' }, { align: 'right' }],
        header: [row(['a|b', 'c'])],
        rows: [row(['1', '2']), row(['x', 'y'])],
      },
      { type: 'thematicBreak' },
      heading(3, 'Three'),
    ];
    const md = renderMarkdown(createDoc({ title: 'T' }, blocks));
    const back = markdownToBlocks(md, { headingOffset: -1 });
    expect(back[0]).toEqual({ type: 'heading', level: 1, children: [{ type: 'text', text: 'T' }] });
    expect(back.slice(1)).toEqual(blocks);
  });

  it('prints the marking first and last, key rows in bold and pictures as their alt text', () => {
    const md = renderMarkdown(sampleDoc());
    expect(md.startsWith('**OFFICIAL-SENSITIVE — DRAFT**\n\n# Sample Report\n\n_A document using every feature of the model_\n')).toBe(true);
    expect(md.trimEnd().endsWith('**OFFICIAL-SENSITIVE — DRAFT**')).toBe(true);
    expect(md).toContain('| **7** | **2024-07-07** | **Police** |');
    expect(md).toContain('_A timeline with one key event_');
    expect(md).toContain('[^1]: The footnote text, with _emphasis_.');
    const withUrl = renderMarkdown(sampleDoc(), { imageUrl: () => 'timeline.svg' });
    expect(withUrl).toContain('![A timeline with one key event](timeline.svg)');
  });
});

describe('renderMarkdown: what Markdown cannot draw', () => {
  it('writes a chart as the table of its figures, key figures as a table, tones and badges as their words', () => {
    const md = renderMarkdown(createDoc({ title: 'T' }, sampleDashboardBlocks()));
    expect(md).toContain('| Tasks | Done | Late |\n| --- | --- | --- |\n| **10** | **5**<br>half of them | **1** |');
    expect(md).toContain('**Figures may be incomplete.** One source was not read.');
    expect(md).toContain('_Progress by team_\n\n|  | Done | Open | Total | Late |\n| --- | ---: | ---: | ---: | ---: |\n| **North** | 3 | 1 | 4 | 1 |\n| **South** (The southern team, with a name too long to print whole) | 2 | 4 | 6 | 0 |');
    // blocks in a cell folded into its line
    expect(md).toContain('| T1<br>Owner: a team lead | open | 1. 2024-01-02 opened<br>2. 2024-02-03 late |');
  });
});
