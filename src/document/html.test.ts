import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import type { Block, DocOptions, Tone } from './model.js';
import { badge, createDoc, footnote, heading, link, paragraph, row, section, text } from './model.js';
import { sampleDashboardBlocks, sampleDoc } from './sample.js';

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

describe('renderHtml: the blocks of a dashboard', () => {
  const page = (blocks: Block[], options: Partial<DocOptions> = {}) => renderHtml(createDoc({ title: 'T' }, blocks, options));

  it('forbids every fetch and script by a Content-Security-Policy, pictures as data URIs aside', () => {
    expect(renderHtml(sampleDoc())).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('draws a chart as inline SVG (no namespace URL, no <img>) and key figures as cards', () => {
    const html = page(sampleDashboardBlocks());
    expect(html).toMatch(/<figure class="chart"><svg class="chart" viewBox="0 0 860 \d+" width="100%" role="img" aria-label="Progress by team"/);
    expect(html).not.toMatch(/<img|https?:\/\//);
    expect(html.match(/class="seg seg-done"/g)).toHaveLength(2);
    expect(html).toContain('<div class="key-figure figure-good"><div class="key-figure-value">5</div><div class="key-figure-label">Done</div><div class="key-figure-note">half of them</div></div>');
  });

  it('writes sections, rows and lists with their id, classes and data, rows and texts in their tone', () => {
    const html = page(sampleDashboardBlocks());
    expect(html).toContain('<section class="callout callout-warn warnings">');
    expect(html).toContain('<span class="tone-warn"><strong>Figures may be incomplete.</strong></span>');
    expect(html).toContain('<table class="tasks">');
    expect(html).toContain('<tr class="row-alert" data-task="T1">');
    expect(html).toContain('<span class="badge" style="background:#c5cfdb;color:#1d2733">open</span>');
    // blocks below a cell's text
    expect(html).toMatch(/<td>\n<ol class="history">\n<li>2024-01-02 opened<\/li>\n<li>2024-02-03 <span class="badge"/);
  });

  it('leaves out what is not a plain name or a colour, and escapes the rest', () => {
    const html = page([
      section([paragraph('x')], { id: '1 bad', classes: ['ok', 'x" onclick="y', 'a b'], data: { 'good-key': '"<v>"', 'bad key': 'z', onclick: 'w' } }),
      paragraph(badge('<b>', 'red;background:url(x)', '#fff'), { type: 'toned', tone: 'x" onclick="y' as Tone, children: [text('t')] }),
      { type: 'barChart', title: '<t>', series: [{ key: 'a"b', label: '<s>', fill: 'url(x)', ink: '#000000' }], bars: [{ label: '<l>', sublabel: '<sub>', values: [2] }] },
    ]);
    expect(html).toContain('<section class="ok" data-good-key="&quot;&lt;v&gt;&quot;" data-onclick="w">');
    expect(html).not.toMatch(/\sonclick=|url\(|<b>|<t>|<s>|<l>|<sub>/);
    expect(html).toContain('<span class="badge">&lt;b&gt;</span>');
    expect(html).toContain('class="seg seg-series1"');
    expect(html).toContain('fill="#808080"');
  });

  it('keeps heading anchors clear of the ids sections give themselves', () => {
    const html = page([heading(1, 'Overdue'), section([heading(1, 'Overdue')], { id: 'overdue' })]);
    expect(html).toContain('<section id="overdue">');
    expect(html).toContain('<h2 id="overdue-2">Overdue</h2>');
    expect(html).toContain('<h2 id="overdue-3">Overdue</h2>');
  });

  it('lays out a dashboard: its own style sheet, tables sized to their content, cells kept on a line', () => {
    const table: Block = { type: 'table', columns: [{ width: 1, noWrap: true }, { width: 5 }], header: [row(['Id', 'Text'])], rows: [row(['DHR-2024-03', 'words'])] };
    const dashboard = page([section([table])], { layout: 'dashboard', orientation: 'landscape' });
    const document = page([table]);
    expect(dashboard).toContain('main > section { background: #fff;');
    expect(dashboard).not.toContain('<colgroup>');
    expect(dashboard).toContain('<td class="nowrap">DHR-2024-03</td>');
    expect(dashboard).toContain('size: A4 landscape;\n  margin: 1.2cm;');
    expect(document).not.toContain('main > section');
    expect(document).toContain('<colgroup><col style="width:16.67%"><col style="width:83.33%"></colgroup>');
  });
});
