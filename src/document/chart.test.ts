import { describe, expect, it } from 'vitest';
import { barChartDescription, barChartImage, barChartSvg, barChartTable } from './chart.js';
import { svgSize } from './shared.js';
import { SAMPLE_CHART } from './sample.js';

describe('bar charts', () => {
  it('stacks each bar from its series, scaled to the largest total, with the flag only where it is not 0', () => {
    const svg = barChartSvg(SAMPLE_CHART);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 860 ')).toBe(true);
    expect(svgSize(svg)).toEqual({ width: 860, height: 26 + 8 + 3 * 38 + 22 });
    // the largest total (6) spans the 460 units between the labels and the tail
    expect(svg).toContain('<rect x="250.0" y="34" width="230.0" height="24" fill="#1a7f5a" class="seg seg-done"><title>North: 3 done</title></rect>');
    expect(svg.match(/class="seg seg-open"/g)).toHaveLength(2);
    expect(svg.match(/class="late-badge"/g)).toHaveLength(1);
    expect(svg).toContain('>1 late</text>');
    // a bar of nothing, and a sublabel cut short with the whole in a tooltip
    expect(svg).toContain('font-style="italic" fill="#5b6775">none</text></g>');
    expect(svg).toContain('<title>The southern team, with a name too long to print whole</title>The southern team, with a name too lo…');
    // the legend: the series that occur and the flag
    expect(svg.match(/class="legend-item"/g)).toHaveLength(3);
    expect(barChartSvg(SAMPLE_CHART)).toBe(svg);
  });

  it('writes its figures in words, as a picture and as a table', () => {
    expect(barChartDescription(SAMPLE_CHART)).toBe('North: 4 in all, 3 done, 1 open, 1 late; South: 6 in all, 2 done, 4 open, 0 late; West: 0 in all, 0 done, 0 open, 0 late');
    const image = barChartImage(SAMPLE_CHART, 500);
    expect(image).toMatchObject({ type: 'image', width: 500, alt: `Progress by team. ${barChartDescription(SAMPLE_CHART)}` });
    expect(image.svg).toBe(barChartSvg(SAMPLE_CHART));
    const table = barChartTable(SAMPLE_CHART);
    expect(table.header[0]!.cells.map((c) => c.children.map((i) => (i.type === 'text' ? i.text : '')).join(''))).toEqual(['', 'Done', 'Open', 'Total', 'Late']);
    expect(table.rows.map((r) => r.cells.slice(1).map((c) => (c.children[0] as { text: string }).text))).toEqual([['3', '1', '4', '1'], ['2', '4', '6', '0'], ['0', '0', '0', '0']]);
  });

  it('inline, leaves out the namespace and fits the width it is given', () => {
    const svg = barChartSvg(SAMPLE_CHART, { inline: true });
    expect(svg).not.toContain('xmlns');
    expect(svg).toMatch(/^<svg class="chart" viewBox="0 0 860 \d+" width="100%"/);
  });
});
