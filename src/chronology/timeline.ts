/**
 * The timeline picture (`timeline.svg`): one lane per agency on a shared time axis.
 *
 * Made to be printed by a panel: white background, dark text, colour-blind-safe lane colours and
 * shapes that still read in greyscale (a dot for a contact, a bar for an approximate date, a
 * diamond for a key event). Key events are labelled with their date and the start of their
 * event text; labels are stacked in tiers above the lane so that none overlaps another or another
 * label's leader line. When there is not room for every label (thousands of rows), the rest stay
 * unlabelled and the caption says how many. Non-key contacts become thin ticks when a lane is
 * dense. The output is deterministic: the same rows give the same bytes.
 *
 * `renderTimeline` knows nothing of reviews; `timelineForReview` composes its input from a
 * review and its master chronology.
 */
import type { Review } from '../review/model.js';
import { dayNumber, formatShortDate, parseChronologyDate, type Precision } from '../dates/index.js';
import type { MasterChronology } from './merge.js';
import { reviewPeriod } from './scope.js';
import { escapeXml } from '../document/escape.js';

export interface TimelineLane {
  id: string;
  label: string;
}

export interface TimelineEvent {
  lane: string;
  /** First and last day covered (ISO); equal for an exact date. */
  start: string;
  end: string;
  precision: Precision;
  key: boolean;
  /** Short text for a key event's label (the date is added in front). */
  label?: string;
  /** Date as printed in the label, e.g. `4 Nov 2023`. */
  dateLabel?: string;
}

export interface TimelineMarker {
  date: string;
  label: string;
  kind: 'period' | 'death';
}

export interface TimelineInput {
  title: string;
  subtitle?: string;
  lanes: TimelineLane[];
  events: TimelineEvent[];
  markers?: TimelineMarker[];
  /** Extra lines for the caption under the legend. */
  notes?: string[];
  /** Width of the picture in px (default {@link WIDTH}); narrower for print, where labels must stay legible. */
  width?: number;
  /** The time span shown (ISO days), instead of the span of the events: a period of a longer timeline. */
  range?: { from: string; to: string };
}

export const WIDTH = 1600;
const DEFAULT_WIDTH = WIDTH;
const FONT = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";
const LEFT = 250;
const RIGHT = 40;
const PLOT_X0 = LEFT;
const LABEL_FONT = 11;
const TIER_HEIGHT = 16;
const MAX_TIERS = 5;
const LABEL_CHARS = 38;
const LANE_BASE = 40;
/** Above this many contacts in a lane, non-key contacts are drawn as thin ticks. */
const DENSE = 150;

/** Okabe–Ito and Tol colours: distinguishable with colour-blindness, dark enough to print. */
export const LANE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8C564B', '#6A3D9A', '#999933', '#117733', '#882255', '#44AA99'];
const INK = '#1a1a1a';
const MUTED = '#555555';
const GRID = '#d5d9df';
const DEATH = '#b00020';

// Advance widths (1/1000 em) of DejaVu Sans and DejaVu Sans Bold for ASCII 32–126, from the font
// files; other characters count as a wide glyph. Used to size labels before they are drawn.
const W_REGULAR = [318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838];
const W_BOLD = [348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838];

/** Width in pixels of a text at a font size (DejaVu Sans metrics; fallbacks are narrower). */
export function textWidth(s: string, size: number, bold = false): number {
  const table = bold ? W_BOLD : W_REGULAR;
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c >= 32 && c < 127 ? table[c - 32] : 1000 * (bold ? 0.7 : 0.64);
  }
  return (w / 1000) * size;
}

/** Escapes text for XML and drops characters XML 1.0 cannot hold (the one escape for markup). */
export const xmlEscape = escapeXml;

/** The first sentence or clause of an event: what a label has room for. */
export function firstClause(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const m = /^(.{12,}?)[.;:](\s|$)/.exec(t);
  return m ? m[1] : t;
}

/** Shortens a text to at most `max` characters, at a word boundary, with an ellipsis. */
export function truncate(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if ([...t].length <= max) return t;
  const chars = [...t];
  const cut = chars.slice(0, max - 1).join('');
  // Cut at the last whole word (unless that loses more than half the room).
  const space = chars[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** A count for people: 5,000. */
export const num = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const f1 = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '');

interface Tier {
  /** Occupied [x0, x1] intervals. */
  spans: Array<[number, number]>;
}

function free(t: Tier, x0: number, x1: number): boolean {
  return t.spans.every(([a, b]) => x1 < a || x0 > b);
}

interface PlacedLabel {
  x: number;
  markX: number;
  tier: number;
  anchor: 'start' | 'end';
  date: string;
  text: string;
}

interface LaneLayout {
  lane: TimelineLane;
  colour: string;
  events: TimelineEvent[];
  labels: PlacedLabel[];
  tiers: number;
  unlabelled: number;
  y: number;
  height: number;
}

/** Splits a lane name over at most three lines that fit the label column. */
function wrapLaneLabel(label: string, width: number, size: number): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (textWidth(next, size, true) <= width || !cur) cur = next;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length <= 3) return lines.map((l) => fitText(l, width, size, true));
  return [lines[0], lines[1], fitText(lines.slice(2).join(' '), width, size, true)];
}

function fitText(s: string, width: number, size: number, bold = false): string {
  if (textWidth(s, size, bold) <= width) return s;
  let t = s;
  while (t.length > 1 && textWidth(`${t}…`, size, bold) > width) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

/**
 * Places the key-event labels of one lane as flags: a leader rises from the mark and the label
 * runs right from its top (or left, near the right edge), in a tier where it overlaps no other
 * label and its leader crosses no label below. Marks are taken right to left (those near the
 * right edge first, left to right), so labels form staircases; each feasible place is scored —
 * tier, direction, date-only text, and covering marks still to be labelled — and the cheapest
 * wins. A mark with no feasible place stays unlabelled (and is counted in the caption).
 */
function placeLabels(L: LaneLayout, xOfIso: (iso: string) => number, WIDTH: number): void {
  const tiers: Tier[] = Array.from({ length: MAX_TIERS }, () => ({ spans: [] }));
  const fitsRight = (x: number, w: number) => x + 3 + w <= WIDTH - 4;
  const keys = L.events
    .filter((e) => e.key)
    .map((e) => {
      const date = e.dateLabel ?? e.start;
      const text = truncate(firstClause(e.label ?? ''), LABEL_CHARS);
      const dateW = textWidth(date, LABEL_FONT, true);
      const w = dateW + (text ? textWidth(` ${text}`, LABEL_FONT) : 0);
      return { date, text, w, dateW, x: (xOfIso(e.start) + xOfIso(e.end)) / 2 };
    });
  const edge = keys.filter((k) => !fitsRight(k.x, k.w)).sort((a, b) => a.x - b.x);
  const rest = keys.filter((k) => fitsRight(k.x, k.w)).sort((a, b) => b.x - a.x);
  const unplaced = new Set(keys);
  for (const k of [...edge, ...rest]) {
    unplaced.delete(k);
    // Every feasible place is scored: a higher tier, the other direction, a date-only label and,
    // above all, covering a mark still to be labelled (whose leader could then not get past) cost.
    const preferred = fitsRight(k.x, k.w) ? 'start' : 'end';
    let placed: { tier: number; anchor: 'start' | 'end'; x0: number; x1: number; text: string } | undefined;
    let best = Infinity;
    for (const [text, w, extra] of [[k.text, k.w, 0], ['', k.dateW, 6]] as const) {
      for (const anchor of ['start', 'end'] as const) {
        const x0 = anchor === 'start' ? k.x - 1 : k.x - 3 - w;
        const x1 = anchor === 'start' ? k.x + 3 + w : k.x + 1;
        // Labels stay between the lane names and the right edge of the picture.
        if (x0 < LEFT - 4 || x1 > WIDTH - 4) continue;
        let covered = 0;
        for (const u of unplaced) if (u.x >= x0 - 3 && u.x <= x1 + 3) covered++;
        for (let t = 0; t < MAX_TIERS; t++) {
          // The leader must not cross a label in a lower tier.
          if (t > 0 && !free(tiers[t - 1], k.x - 2, k.x + 2)) break;
          if (!free(tiers[t], x0 - 5, x1 + 5)) continue;
          const cost = t + (anchor === preferred ? 0 : 0.5) + extra + 8 * covered;
          if (cost < best) {
            best = cost;
            placed = { tier: t, anchor, x0, x1, text };
          }
        }
      }
    }
    if (!placed) {
      L.unlabelled++;
      continue;
    }
    tiers[placed.tier].spans.push([placed.x0, placed.x1]);
    for (let u = 0; u < placed.tier; u++) tiers[u].spans.push([k.x - 1, k.x + 1]);
    L.labels.push({ x: placed.anchor === 'start' ? k.x + 3 : k.x - 3, markX: k.x, tier: placed.tier, anchor: placed.anchor, date: k.date, text: placed.text });
    L.tiers = Math.max(L.tiers, placed.tier + 1);
  }
  // Drawing order does not matter for the picture; sorting keeps the SVG easy to read and diff.
  L.labels.sort((a, b) => a.markX - b.markX || a.tier - b.tier);
}

export function renderTimeline(input: TimelineInput): string {
  const WIDTH = input.width ?? DEFAULT_WIDTH;
  const PLOT_X1 = WIDTH - RIGHT;
  /** A picture narrower than usual (for print): shorter legend labels, so the legend fits. */
  const narrow = WIDTH < DEFAULT_WIDTH;
  const laneIds = new Set(input.lanes.map((l) => l.id));
  const events = input.events.filter((e) => laneIds.has(e.lane));
  const markers = input.markers ?? [];

  // ---- time domain: whole months around every event and marker
  const days = [...events.flatMap((e) => [dayNumber(e.start), dayNumber(e.end)]), ...markers.map((m) => dayNumber(m.date))];
  let lo = input.range ? dayNumber(input.range.from) : days.length ? days.reduce((a, b) => Math.min(a, b)) : dayNumber('2000-01-01');
  let hi = input.range ? dayNumber(input.range.to) : days.length ? days.reduce((a, b) => Math.max(a, b)) : dayNumber('2000-12-31');
  const monthStart = (d: number) => {
    const t = new Date(d * 86_400_000);
    return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / 86_400_000;
  };
  const nextMonth = (d: number) => {
    const t = new Date(d * 86_400_000);
    return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) / 86_400_000;
  };
  lo = monthStart(lo);
  hi = nextMonth(hi);
  if (hi - lo < 120) {
    lo = monthStart(lo - 45);
    hi = nextMonth(hi + 45);
  }
  const pad = (hi - lo) * 0.01;
  const d0 = lo - pad;
  const d1 = hi + pad;
  const xOf = (day: number) => PLOT_X0 + ((day - d0) / (d1 - d0)) * (PLOT_X1 - PLOT_X0);
  const xOfIso = (iso: string) => xOf(dayNumber(iso));

  // ---- lanes: place labels for key events, tier by tier
  const lanes: LaneLayout[] = input.lanes.map((lane, i) => ({
    lane, colour: LANE_COLOURS[i % LANE_COLOURS.length], events: [], labels: [], tiers: 0, unlabelled: 0, y: 0, height: 0,
  }));
  const byId = new Map(lanes.map((l) => [l.lane.id, l]));
  for (const e of events) byId.get(e.lane)!.events.push(e);

  for (const L of lanes) placeLabels(L, xOfIso, WIDTH);

  // ---- vertical layout
  const titleY = 40;
  const subtitleY = 64;
  const axisTop = input.subtitle ? 104 : 84;
  let y = axisTop + 8;
  for (const L of lanes) {
    L.y = y;
    const nameLines = wrapLaneLabel(L.lane.label, LEFT - 40, 12).length;
    L.height = Math.max(LANE_BASE + L.tiers * TIER_HEIGHT, 30 + nameLines * 14);
    y += L.height;
  }
  const plotBottom = y;
  const legendY = plotBottom + 44;
  const notes = [...(input.notes ?? [])];
  const unlabelled = lanes.reduce((n, L) => n + L.unlabelled, 0);
  if (unlabelled) notes.push(`${num(unlabelled)} key event${unlabelled === 1 ? ' is' : 's are'} not labelled for lack of space: see the master chronology.`);
  const height = Math.ceil(legendY + 34 + notes.length * 18 + 16);

  const out: string[] = [];
  const push = (...s: string[]) => { out.push(...s); };
  push('<?xml version="1.0" encoding="UTF-8"?>');
  push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${xmlEscape(FONT)}" role="img" aria-labelledby="tl-title tl-desc">`);
  push(`<title id="tl-title">${xmlEscape(input.title)}</title>`);
  push(`<desc id="tl-desc">${xmlEscape(`${input.subtitle ?? ''} One lane per agency; each mark is one chronology entry; key events are larger diamonds with labels.`.trim())}</desc>`);
  push(`<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`);
  push(`<text x="${LEFT - 230}" y="${titleY}" font-size="22" font-weight="bold" fill="${INK}">${xmlEscape(input.title)}</text>`);
  if (input.subtitle) push(`<text x="${LEFT - 230}" y="${subtitleY}" font-size="13" fill="${MUTED}">${xmlEscape(input.subtitle)}</text>`);

  // ---- lane backgrounds and names
  lanes.forEach((L, i) => {
    if (i % 2 === 0) push(`<rect x="${LEFT - 236}" y="${f1(L.y)}" width="${WIDTH - LEFT + 236 - RIGHT + 20}" height="${f1(L.height)}" fill="#f4f6f8"/>`);
  });
  push(`<g id="names">`);
  for (const L of lanes) {
    const lines = wrapLaneLabel(L.lane.label, LEFT - 40, 12);
    const n = L.events.length;
    const k = L.events.filter((e) => e.key).length;
    const count = `${num(n)} contact${n === 1 ? '' : 's'}${k ? `, ${num(k)} key` : ''}`;
    const mid = L.y + L.height - 20;
    const block = lines.length * 14 + 12;
    const top = Math.max(L.y + 14, Math.min(mid - block / 2 + 10, L.y + L.height - 6 - (block - 10)));
    push(`<rect x="${LEFT - 232}" y="${f1(mid - 7)}" width="8" height="14" rx="2" fill="${L.colour}"/>`);
    lines.forEach((line, j) => push(`<text x="${LEFT - 218}" y="${f1(top + j * 14)}" font-size="12" font-weight="bold" fill="${INK}">${xmlEscape(line)}</text>`));
    push(`<text x="${LEFT - 218}" y="${f1(top + lines.length * 14)}" font-size="10.5" fill="${MUTED}">${xmlEscape(count)}</text>`);
  }
  push('</g>');

  // ---- axis: year lines and labels, month ticks
  const pxPerDay = (PLOT_X1 - PLOT_X0) / (d1 - d0);
  const pxPerYear = pxPerDay * 365.25;
  const yearStep = [1, 2, 5, 10, 20, 50, 100].find((s) => s * pxPerYear >= 48) ?? 100;
  const firstYear = new Date(lo * 86_400_000).getUTCFullYear();
  const lastYear = new Date(hi * 86_400_000).getUTCFullYear() + 1;
  const axis: string[] = [];
  const grid: string[] = [];
  push(`<g id="axis" font-size="11" fill="${INK}">`);
  for (let yr = firstYear; yr <= lastYear; yr++) {
    const day = Date.UTC(yr, 0, 1) / 86_400_000;
    if (day < d0 || day > d1) continue;
    const x = xOf(day);
    if (yr % yearStep === 0) {
      grid.push(`M${f1(x)} ${axisTop}V${f1(plotBottom)}`);
      axis.push(`<text x="${f1(x + 3)}" y="${axisTop - 10}" font-weight="bold" font-size="12">${yr}</text>`);
    }
  }
  const pxPerMonth = pxPerDay * 30.44;
  const ticks: string[] = [];
  if (pxPerMonth >= 5) {
    for (let yr = firstYear; yr <= lastYear; yr++) {
      for (let m = 0; m < 12; m++) {
        const day = Date.UTC(yr, m, 1) / 86_400_000;
        if (day < d0 || day > d1) continue;
        const x = xOf(day);
        ticks.push(`M${f1(x)} ${axisTop}v${m === 0 ? 8 : 4}`);
        const every = pxPerMonth >= 34 ? 1 : pxPerMonth >= 12 ? 3 : 0;
        if (m !== 0 && every && m % every === 0) {
          const name = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m];
          axis.push(`<text x="${f1(x + 2)}" y="${axisTop - 10}" font-size="9.5" fill="${MUTED}">${name}</text>`);
        }
      }
    }
  }
  push(...axis);
  push('</g>');
  push(`<path d="M${PLOT_X0} ${axisTop}H${PLOT_X1}" stroke="${INK}" stroke-width="1"/>`);
  if (ticks.length) push(`<path d="${ticks.join('')}" stroke="${INK}" stroke-width="1"/>`);
  if (grid.length) push(`<path d="${grid.join('')}" stroke="${GRID}" stroke-width="1"/>`);
  push(`<path d="M${PLOT_X0} ${f1(plotBottom)}H${PLOT_X1}" stroke="${GRID}" stroke-width="1"/>`);

  // ---- markers: review period (dashed), date of death (solid)
  push('<g id="markers">');
  for (const m of markers) {
    const x = xOfIso(m.date);
    const colour = m.kind === 'death' ? DEATH : MUTED;
    const dash = m.kind === 'death' ? '' : ' stroke-dasharray="5 4"';
    push(`<path d="M${f1(x)} ${axisTop}V${f1(plotBottom)}" stroke="${colour}" stroke-width="${m.kind === 'death' ? 1.6 : 1.2}"${dash}/>`);
    const w = textWidth(m.label, 10.5, true);
    const right = x + 4 + w <= PLOT_X1 + RIGHT - 2;
    push(`<text x="${f1(right ? x + 4 : x - 4)}" y="${f1(plotBottom + 15)}" font-size="10.5" font-weight="bold" fill="${colour}"${right ? '' : ' text-anchor="end"'}>${xmlEscape(m.label)}</text>`);
  }
  push('</g>');

  // ---- events
  for (const L of lanes) {
    const base = L.y + L.height - 20;
    const dense = L.events.length > DENSE;
    push(`<g id="lane-${xmlEscape(L.lane.id)}" fill="${L.colour}">`);
    push(`<path d="M${PLOT_X0} ${f1(base)}H${PLOT_X1}" stroke="${L.colour}" stroke-opacity="0.35" stroke-width="1"/>`);
    // approximate dates: a bar over the month or year they cover; entries for the same period
    // share one bar, darker where there are more
    const bars = new Map<string, { e: TimelineEvent; n: number }>();
    for (const e of L.events) {
      if (e.precision === 'day' || e.key) continue;
      const k = `${e.start}/${e.end}`;
      const b = bars.get(k);
      if (b) b.n++;
      else bars.set(k, { e, n: 1 });
    }
    for (const { e, n } of [...bars.values()].sort((a, b) => (a.e.start < b.e.start ? -1 : a.e.start > b.e.start ? 1 : a.e.end < b.e.end ? -1 : 1))) {
      const x0 = xOfIso(e.start);
      const x1 = xOf(dayNumber(e.end) + 1);
      // In a busy lane the bars are thinner and sit under the ticks, so they do not hide them.
      const h = dense ? 4 : 7;
      const opacity = [0.3, 0.45, 0.6, 0.75][Math.min(n, 4) - 1] * (dense ? 0.7 : 1);
      push(`<rect x="${f1(x0)}" y="${f1(base + (dense ? 8 : -3.5))}" width="${f1(Math.max(x1 - x0, 2))}" height="${h}" rx="${h / 2}" fill-opacity="${Math.round(opacity * 100) / 100}"/>`);
    }
    // exact dates: dots, or in a dense lane ticks merged per pixel (darker where more)
    const exact = L.events.filter((e) => e.precision === 'day' && !e.key);
    if (dense) {
      const perPx = new Map<number, number>();
      for (const e of exact) {
        const px = Math.round(xOfIso(e.start));
        perPx.set(px, (perPx.get(px) ?? 0) + 1);
      }
      const levels = new Map<number, string[]>();
      for (const [px, n] of [...perPx.entries()].sort((a, b) => a[0] - b[0])) {
        const level = Math.min(4, n);
        const list = levels.get(level) ?? [];
        list.push(`M${px} ${f1(base - 7)}v14`);
        levels.set(level, list);
      }
      for (const [level, segs] of [...levels.entries()].sort((a, b) => a[0] - b[0])) {
        push(`<path d="${segs.join('')}" stroke="${L.colour}" stroke-width="1" stroke-opacity="${[0, 0.45, 0.65, 0.85, 1][level]}"/>`);
      }
    } else {
      for (const e of exact) push(`<circle cx="${f1(xOfIso(e.start))}" cy="${f1(base)}" r="4" fill-opacity="0.8"/>`);
    }
    // key events: leader, diamond, label
    for (const lab of L.labels) {
      const ly = base - 14 - lab.tier * TIER_HEIGHT;
      push(`<path d="M${f1(lab.markX)} ${f1(base - 7)}V${f1(ly - 9)}" stroke="${INK}" stroke-width="0.8"/>`);
    }
    for (const e of L.events.filter((x) => x.key)) {
      const x = (xOfIso(e.start) + xOfIso(e.end)) / 2;
      if (e.precision !== 'day') {
        const x0 = xOfIso(e.start);
        const x1 = xOf(dayNumber(e.end) + 1);
        push(`<rect x="${f1(x0)}" y="${f1(base - 3.5)}" width="${f1(Math.max(x1 - x0, 2))}" height="7" rx="3.5" fill-opacity="0.45"/>`);
      }
      push(`<path d="M${f1(x)} ${f1(base - 7.5)}l7.5 7.5l-7.5 7.5l-7.5 -7.5z" stroke="${INK}" stroke-width="1.2"/>`);
    }
    push('</g>');
    if (L.labels.length) {
      push(`<g font-size="${LABEL_FONT}" fill="${INK}">`);
      for (const lab of L.labels) {
        const ly = base - 14 - lab.tier * TIER_HEIGHT;
        const anchor = lab.anchor === 'end' ? ' text-anchor="end"' : '';
        push(`<text x="${f1(lab.x)}" y="${f1(ly)}"${anchor}><tspan font-weight="bold">${xmlEscape(lab.date)}</tspan>${lab.text ? ` ${xmlEscape(lab.text)}` : ''}</text>`);
      }
      push('</g>');
    }
  }

  // ---- legend and notes
  const lx = LEFT - 230;
  const ly = legendY;
  push(`<g id="legend" font-size="12" fill="${INK}">`);
  push(`<text x="${lx}" y="${ly}" font-weight="bold">Key</text>`);
  let x = lx + 44;
  const item = (svg: string, label: string) => {
    push(svg);
    push(`<text x="${f1(x + 22)}" y="${ly}">${xmlEscape(label)}</text>`);
    x += 22 + textWidth(label, 12) + 28;
  };
  item(`<circle cx="${f1(x + 8)}" cy="${ly - 4}" r="4" fill="${MUTED}"/>`, 'contact (exact date)');
  if (lanes.some((L) => L.events.length > DENSE)) {
    item(`<path d="M${f1(x + 6)} ${ly - 11}v14M${f1(x + 9)} ${ly - 11}v14M${f1(x + 11)} ${ly - 11}v14" stroke="${MUTED}" stroke-width="1"/>`, narrow ? 'busy lane' : 'contacts in a busy lane (darker where more)');
  }
  item(`<rect x="${f1(x)}" y="${ly - 7.5}" width="18" height="7" rx="3.5" fill="${MUTED}" fill-opacity="0.45"/>`, narrow ? 'approximate date' : 'contact with an approximate date (spans its month or year)');
  item(`<path d="M${f1(x + 8)} ${ly - 11.5}l7.5 7.5l-7.5 7.5l-7.5 -7.5z" fill="${MUTED}" stroke="${INK}" stroke-width="1.2"/>`, narrow ? 'key event' : 'key event (labelled)');
  if (markers.some((m) => m.kind === 'period')) {
    item(`<path d="M${f1(x + 8)} ${ly - 14}v16" stroke="${MUTED}" stroke-width="1.2" stroke-dasharray="5 4"/>`, 'review period');
  }
  if (markers.some((m) => m.kind === 'death')) {
    item(`<path d="M${f1(x + 8)} ${ly - 14}v16" stroke="${DEATH}" stroke-width="1.6"/>`, 'date of death');
  }
  push('</g>');
  notes.forEach((n, i) => push(`<text x="${lx}" y="${ly + 26 + i * 18}" font-size="11" fill="${MUTED}">${xmlEscape(n)}</text>`));
  push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The timeline of a review's master chronology. */
export function timelineForReview(review: Review, master: MasterChronology): string {
  return renderTimeline(timelineInput(review, master));
}

/** One printed page of the timeline: a period (and, when the lanes do not fit, some of them). */
export interface TimelinePage {
  svg: string;
  /** What the page shows, in words, for screen readers. */
  alt: string;
  /** Printed width in points. */
  width: number;
}

/** The smallest font size in the picture (px), which print must keep at 8 pt or more. */
const SMALLEST_FONT = 9.5;

/**
 * The timeline for print: periods of whole years, each drawn narrow enough that its smallest text
 * is at least 8 pt when printed `printWidth` points wide, and lanes shared over pages when they do
 * not fit `printHeight`. Lanes without a contact in a period are left out of its page.
 */
export function timelinePrintPages(review: Review, master: MasterChronology, printWidth: number, printHeight: number): TimelinePage[] {
  const full = timelineInput(review, master);
  const scale = 8 / SMALLEST_FONT;
  const width = Math.floor(printWidth / scale);
  const maxHeight = printHeight / scale;
  const days = [...full.events.flatMap((e) => [e.start, e.end]), ...(full.markers ?? []).map((m) => m.date)].sort();
  if (!days.length) return [];
  const y0 = Number(days[0]!.slice(0, 4));
  const y1 = Number(days[days.length - 1]!.slice(0, 4));
  const years = y1 - y0 + 1;
  // about two years to a page at this width keeps key-event labels apart
  const perPage = years <= 2 ? years : Math.ceil(years / Math.ceil(years / 2));
  // only the periods something falls in: a mistyped year (9999, 0001) must not ask for thousands
  // of empty pages
  const starts = [...new Set(days.map((d) => y0 + Math.floor((Number(d.slice(0, 4)) - y0) / perPage) * perPage))].sort((a, b) => a - b);
  const pages: TimelinePage[] = [];
  for (const from of starts) {
    const to = Math.min(y1, from + perPage - 1);
    const range = { from: `${from}-01-01`, to: `${to}-12-31` };
    const inRange = (a: string, b: string) => b >= range.from && a <= range.to;
    const events = full.events.filter((e) => inRange(e.start, e.end));
    const markers = (full.markers ?? []).filter((m) => inRange(m.date, m.date));
    const lanes = full.lanes.filter((l) => events.some((e) => e.lane === l.id));
    const period = from === to ? String(from) : `${from} to ${to}`;
    const draw = (group: TimelineLane[], part: string) => renderTimeline({
      ...full, title: `Timeline of agency contact, ${period}${part}`,
      subtitle: `${num(events.length)} contact${events.length === 1 ? '' : 's'} in ${period} from ${lanes.length} agenc${lanes.length === 1 ? 'y' : 'ies'}; ${num(events.filter((e) => e.key).length)} key events`,
      lanes: group, events: events.filter((e) => group.some((l) => l.id === e.lane)), markers, width, range,
    });
    let groups = [lanes];
    for (let n = 2; n <= lanes.length; n++) {
      const tall = groups.some((g) => heightOf(draw(g, '')) > maxHeight);
      if (!tall) break;
      const size = Math.ceil(lanes.length / n);
      groups = Array.from({ length: n }, (_, i) => lanes.slice(i * size, (i + 1) * size)).filter((g) => g.length);
    }
    groups.forEach((g, i) => {
      const part = groups.length > 1 ? ` (part ${i + 1} of ${groups.length})` : '';
      const ev = events.filter((e) => g.some((l) => l.id === e.lane));
      const keys = ev.filter((e) => e.key);
      const alt = `Timeline of agency contact, ${period}${part}: ${num(ev.length)} contact${ev.length === 1 ? '' : 's'} with ${g.map((l) => l.label).join(', ')}`
        + (keys.length ? `; key events: ${keys.map((e) => `${e.dateLabel ?? e.start} ${truncate(firstClause(e.label ?? ''), 60)}`.trim()).join('; ')}` : '')
        + (markers.some((m) => m.kind === 'death') ? `; ${markers.find((m) => m.kind === 'death')!.label}` : '') + '.';
      pages.push({ svg: draw(g, part), alt, width: printWidth });
    });
  }
  return pages;
}

function heightOf(svg: string): number {
  return Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svg)?.[1] ?? 0);
}

function timelineInput(review: Review, master: MasterChronology): TimelineInput {
  const meta = review.meta?.data;
  const agencies = Array.isArray(meta?.agencies) ? meta!.agencies : [];
  const names = new Map<string, string>();
  for (const a of agencies) if (a && typeof a.id === 'string') names.set(a.id, typeof a.name === 'string' && a.name ? a.name : a.id);
  const order = new Map(agencies.map((a, i) => [a?.id, i]));
  const laneIds = master.reconciliation.agencies.map((c) => c.agency)
    .sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0));
  const lanes = laneIds.map((id) => ({ id, label: names.get(id) ?? id }));

  const dated = master.rows.filter((r) => r.parsed);
  const events: TimelineEvent[] = dated.map((r) => ({
    lane: r.agency,
    start: r.parsed!.start,
    end: r.parsed!.end,
    precision: r.parsed!.precision,
    key: r.key,
    label: r.event,
    dateLabel: formatShortDate(r.parsed!),
  }));

  const markers: TimelineMarker[] = [];
  const period = reviewPeriod(meta);
  if (period.from) markers.push({ date: period.from, label: `Review period from ${shortIso(period.from)}`, kind: 'period' });
  const death = typeof meta?.dates?.death === 'string' ? parseChronologyDate(meta.dates.death) : undefined;
  if (death?.ok && death.date.precision === 'day') markers.push({ date: death.date.iso, label: `Death, ${formatShortDate(death.date)}`, kind: 'death' });
  if (period.to && period.to !== (death?.ok ? death.date.iso : undefined)) {
    markers.push({ date: period.to, label: `Review period to ${shortIso(period.to)}`, kind: 'period' });
  }

  const first = dated[0]?.parsed;
  const last = dated[dated.length - 1]?.parsed;
  const k = dated.filter((r) => r.key).length;
  const span = first && last ? `, ${formatShortDate(first)} to ${formatShortDate(last)}` : '';
  const subtitle = `${typeof meta?.title === 'string' ? meta.title : review.id} — ${num(dated.length)} contact${dated.length === 1 ? '' : 's'} from ${lanes.length} agenc${lanes.length === 1 ? 'y' : 'ies'}${span}; ${num(k)} key event${k === 1 ? '' : 's'}`;
  const notes: string[] = [`Source: master chronology of ${review.id} (${num(master.rows.length)} rows); each mark is one entry, traceable by its ref in master-chronology.csv.`];
  if (master.undated.length) notes.push(`${num(master.undated.length)} entr${master.undated.length === 1 ? 'y has' : 'ies have'} a date that could not be read and ${master.undated.length === 1 ? 'is' : 'are'} not shown (see chronology/date).`);
  return { title: `${review.id}: timeline of agency contact`, subtitle, lanes, events, markers, notes };
}

function shortIso(iso: string): string {
  const r = parseChronologyDate(iso);
  return r.ok ? formatShortDate(r.date) : iso;
}
