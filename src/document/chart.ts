/**
 * Charts drawn from their figures (model.ts BarChartBlock) as SVG, for every writer: HTML puts the
 * SVG inline (so the page's Content-Security-Policy need not admit pictures), PDF and DOCX draw it
 * as a picture, and Markdown, which has no drawing, gives the figures as a table. The SVG carries
 * its own colours and sizes (presentation attributes), so it looks the same wherever it is drawn;
 * its classes only say what each part is. Everything written into it is escaped here.
 */
import type { BarChartBlock, Block, ChartSeries, ImageBlock } from './model.js';
import { cell, row, strong } from './model.js';
import { escapeXml } from './escape.js';
import { isColour, isPlainName } from './shared.js';

const esc = escapeXml;
const INK = '#1d2733';
const MUTED = '#5b6775';
const GRID = '#e7ebf0';
const FONT = 'DejaVu Sans, Arial, sans-serif';

/** The chart's width in SVG units; it is scaled to the width it is given. */
export const CHART_WIDTH = 860;
const LABEL_WIDTH = 250;
const TAIL_WIDTH = 150;
const BAR_HEIGHT = 24;
const GAP = 14;
const LEGEND_HEIGHT = 26;

const fillOf = (s: ChartSeries): string => (isColour(s.fill) ? s.fill : '#808080');
const inkOf = (s: ChartSeries): string => (isColour(s.ink) ? s.ink : '#ffffff');
const keyOf = (s: ChartSeries, i: number): string => (isPlainName(s.key) ? s.key : `series${i + 1}`);
const total = (values: readonly number[]): number => values.reduce((a, b) => a + (Number.isFinite(b) && b > 0 ? b : 0), 0);
const value = (n: number | undefined): number => (n !== undefined && Number.isFinite(n) && n > 0 ? n : 0);
const fixed = (n: number): string => n.toFixed(1);

/** About how wide a text is drawn, in SVG units (DejaVu Sans is wide: 0.6 of the size a letter, bold a little more). */
function textWidth(text: string, size: number, bold = false): number {
  return [...text].length * size * (bold ? 0.64 : 0.58);
}

/** The chart's figures in words: its <desc>, and the alt text of its picture. */
export function barChartDescription(chart: BarChartBlock): string {
  return chart.bars
    .map((b) => {
      const parts = chart.series.map((s, i) => `${value(b.values[i])} ${s.label.toLowerCase()}`);
      if (chart.flag) parts.push(`${value(b.flag)} ${chart.flag.label.toLowerCase()}`);
      return `${b.label}: ${total(b.values)} in all, ${parts.join(', ')}`;
    })
    .join('; ');
}

/**
 * The chart as SVG. `inline` leaves out the XML namespace, for an <svg> inside an HTML page;
 * without it the SVG stands alone (a picture file, PDF, DOCX).
 */
export function barChartSvg(chart: BarChartBlock, { inline = false }: { inline?: boolean } = {}): string {
  const barW = CHART_WIDTH - LABEL_WIDTH - TAIL_WIDTH;
  const top = LEGEND_HEIGHT + 8;
  const bars = chart.bars;
  const max = Math.max(1, ...bars.map((b) => total(b.values)));
  const H = top + bars.length * (BAR_HEIGHT + GAP) + 22;
  const parts: string[] = [];

  // The legend: the series that occur, then the flag when any bar has one.
  let lx = 0;
  chart.series.forEach((s, i) => {
    if (!bars.some((b) => value(b.values[i]))) return;
    parts.push(`<g class="legend-item"><rect x="${fixed(lx)}" y="7" width="12" height="12" rx="3" fill="${fillOf(s)}"/>`
      + `<text x="${fixed(lx + 17)}" y="17.5" font-size="11" fill="${MUTED}">${esc(s.label)}</text></g>`);
    lx += 17 + textWidth(s.label, 11) + 16;
  });
  if (chart.flag && bars.some((b) => value(b.flag))) {
    parts.push(`<g class="legend-item"><rect x="${fixed(lx)}" y="7" width="20" height="12" rx="6" fill="${fillOf(chart.flag)}"/>`
      + `<text x="${fixed(lx + 25)}" y="17.5" font-size="11" fill="${MUTED}">${esc(chart.flag.label)}</text></g>`);
  }

  // The scale: a line every 1, 5, 10… up to the largest total.
  const tick = max <= 10 ? 1 : max <= 25 ? 5 : max <= 60 ? 10 : Math.ceil(max / 50) * 10;
  for (let t = 0; t <= max; t += tick) {
    const x = fixed(LABEL_WIDTH + (t / max) * barW);
    parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${H - 20}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${x}" y="${H - 6}" font-size="11" fill="${MUTED}" text-anchor="middle">${t}</text>`);
  }

  bars.forEach((b, row) => {
    const y = top + row * (BAR_HEIGHT + GAP);
    const sum = total(b.values);
    parts.push(`<g class="bar-row" data-label="${esc(b.label)}">`);
    parts.push(`<text x="${LABEL_WIDTH - 10}" y="${y + (b.sublabel ? 10 : BAR_HEIGHT / 2 + 5)}" font-size="14" font-weight="bold" text-anchor="end">${esc(b.label)}</text>`);
    if (b.sublabel) {
      const short = b.sublabel.length > 38 ? `${b.sublabel.slice(0, 37).trimEnd()}…` : b.sublabel;
      parts.push(`<text x="${LABEL_WIDTH - 10}" y="${y + 23}" font-size="11" fill="${MUTED}" text-anchor="end">${short !== b.sublabel ? `<title>${esc(b.sublabel)}</title>` : ''}${esc(short)}</text>`);
    }
    let x = LABEL_WIDTH;
    chart.series.forEach((s, i) => {
      const n = value(b.values[i]);
      if (!n) return;
      const w = (n / max) * barW;
      parts.push(`<rect x="${fixed(x)}" y="${y}" width="${fixed(w)}" height="${BAR_HEIGHT}" fill="${fillOf(s)}" class="seg seg-${keyOf(s, i)}"><title>${esc(`${b.label}: ${n} ${s.label.toLowerCase()}`)}</title></rect>`);
      if (w >= 18) parts.push(`<text x="${fixed(x + w / 2)}" y="${y + BAR_HEIGHT / 2 + 4.5}" font-size="12" font-weight="bold" text-anchor="middle" fill="${inkOf(s)}">${n}</text>`);
      x += w;
    });
    // an empty bar says so in place of its total
    if (sum === 0) parts.push(`<text x="${LABEL_WIDTH + 4}" y="${y + BAR_HEIGHT / 2 + 5}" font-size="12" font-style="italic" fill="${MUTED}">${esc(chart.empty ?? 'none')}</text>`);
    else parts.push(`<text x="${fixed(x + 8)}" y="${y + BAR_HEIGHT / 2 + 5}" font-size="13" font-weight="bold">${sum}</text>`);
    const flagged = value(b.flag);
    if (chart.flag && flagged) {
      const label = `${flagged} ${chart.flag.label.toLowerCase()}`;
      const ox = x + 8 + textWidth(String(sum), 13, true) + 10;
      const bw = textWidth(label, 11.5, true) + 16;
      parts.push(`<g class="${keyOf(chart.flag, -1)}-badge"><rect x="${fixed(ox)}" y="${y + 3}" width="${fixed(bw)}" height="${BAR_HEIGHT - 6}" rx="9" fill="${fillOf(chart.flag)}"/>`
        + `<text x="${fixed(ox + bw / 2)}" y="${y + BAR_HEIGHT / 2 + 4.5}" font-size="11.5" font-weight="bold" text-anchor="middle" fill="${inkOf(chart.flag)}">${esc(label)}</text></g>`);
    }
    parts.push('</g>');
  });

  const ns = inline ? '' : ' xmlns="http://www.w3.org/2000/svg"';
  const size = inline ? ' width="100%"' : ` width="${CHART_WIDTH}" height="${H}"`;
  return `<svg${ns} class="chart" viewBox="0 0 ${CHART_WIDTH} ${H}"${size} role="img" aria-label="${esc(chart.title)}" font-family="${FONT}" fill="${INK}">`
    + `<title>${esc(chart.title)}</title><desc>${esc(barChartDescription(chart))}</desc>${parts.join('')}</svg>`;
}

/** The chart as a picture `width` points wide, for the writers that place pictures (PDF, DOCX). */
export function barChartImage(chart: BarChartBlock, width: number): ImageBlock {
  return { type: 'image', svg: barChartSvg(chart), width, alt: `${chart.title}. ${barChartDescription(chart)}` };
}

/** The chart's figures as a table: a row per bar, a column per series, the total and the flag. */
export function barChartTable(chart: BarChartBlock): Extract<Block, { type: 'table' }> {
  const head = ['', ...chart.series.map((s) => s.label), 'Total', ...(chart.flag ? [chart.flag.label] : [])];
  return {
    type: 'table',
    columns: head.map((_, i) => (i ? { width: 1, align: 'right' as const } : { width: 3 })),
    header: [row(head)],
    rows: chart.bars.map((b) =>
      row([
        cell(strong(b.label), ...(b.sublabel ? [` (${b.sublabel})`] : [])),
        ...chart.series.map((_, i) => String(value(b.values[i]))),
        String(total(b.values)),
        ...(chart.flag ? [String(value(b.flag))] : []),
      ]),
    ),
  };
}
