import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { createDoc, footnote, heading, link, paragraph } from './model.js';
import { sampleDoc } from './sample.js';

describe('renderHtml', () => {
  it('is deterministic and self-contained', () => {
    const html = renderHtml(sampleDoc());
    expect(renderHtml(sampleDoc())).toBe(html);
    expect(html).not.toMatch(/<script|<link|src="https?:|url\(/i);
    expect(html).toContain('<img src="data:image/svg+xml;base64,');
  });

  it('escapes text, attributes and the marking, and drops unsafe links', () => {
    const html = renderHtml(
      createDoc({ title: '<b>"T"</b>' }, [paragraph(link('javascript:alert(1)', 'x'), ' ', link('https://a.example/?q="1"', 'y'))], {
        marking: 'A "B" \\ </style>',
      }),
    );
    expect(html).toContain('<title>&lt;b&gt;"T"&lt;/b&gt;</title>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<a href="https://a.example/?q=&quot;1&quot;">y</a>');
    expect(html).toContain('content: "A \\"B\\" \\\\ \\3C /style>"');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('numbers footnotes, links them both ways, and gives headings unique ids', () => {
    const html = renderHtml(createDoc({ title: 'T' }, [heading(1, 'Same'), paragraph('a', footnote('one')), heading(2, 'Same'), paragraph('b', footnote('two'))], { toc: true }));
    expect(html).toContain('<h2 id="same">Same</h2>');
    expect(html).toContain('<h3 id="same-2">Same</h3>');
    expect(html).toContain('<a href="#note_2" aria-label="Note 2">2</a>');
    expect(html).toContain('<li id="note_1">one <a class="note-back" href="#note_ref_1"');
    expect(html).toContain('<a href="#same-2">Same</a>');
  });

  it('repeats table headers when printed and marks key rows', () => {
    const html = renderHtml(sampleDoc());
    expect(html).toContain('<thead>');
    expect(html).toContain('<tr class="key">');
    expect(html).toContain('@top-center');
    expect(html).toContain('counter(pages)');
  });
});
