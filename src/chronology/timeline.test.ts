import { describe, expect, it } from 'vitest';
import { SaxesParser } from 'saxes';
import { EXAMPLE } from '../../test/support/rule-tester.js';
import { generatedReview } from '../../test/support/chronology-gen.js';
import { loadReview } from '../review/load.js';
import { mergeChronologies } from './merge.js';
import { renderTimeline, textWidth, timelineForReview, truncate, xmlEscape, WIDTH } from './timeline.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  text: string;
  parent?: El;
}

/** Parses with a strict, conformant XML parser; throws on anything not well-formed. */
export function parseSvg(svg: string): El[] {
  const parser = new SaxesParser({ xmlns: true });
  const all: El[] = [];
  const stack: El[] = [];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(t.attributes)) attrs[k] = typeof v === 'string' ? v : v.value;
    const el: El = { name: t.local, attrs, text: '', parent: stack.at(-1) };
    all.push(el);
    stack.push(el);
  });
  parser.on('text', (s) => {
    for (const el of stack) el.text += s;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(svg).close();
  return all;
}

describe('timeline.svg', () => {
  const review = loadReview(EXAMPLE);
  const master = mergeChronologies(review);
  const svg = timelineForReview(review, master);
  const els = parseSvg(svg);

  it('is well-formed SVG about 1600 px wide, on a white background, with a title and a legend', () => {
    const root = els[0];
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.attrs.width)).toBe(WIDTH);
    expect(els.find((e) => e.name === 'rect')!.attrs.fill).toBe('#ffffff');
    expect(els.find((e) => e.name === 'title')!.text).toContain(review.id);
    expect(els.find((e) => e.attrs.id === 'legend')!.text).toContain('key event');
  });

  it('has one lane per agency, named, and one mark per dated row', () => {
    const lanes = els.filter((e) => e.name === 'g' && e.attrs.id?.startsWith('lane-'));
    expect(lanes.map((l) => l.attrs.id.slice(5)).sort()).toEqual([...review.chronologies.keys()].sort());
    const names = els.find((e) => e.attrs.id === 'names')!.text;
    expect(names).toContain('Gloucestershire Constabulary');
    const marks = els.filter((e) => e.parent?.attrs.id?.startsWith('lane-') && (e.name === 'circle' || (e.name === 'path' && e.attrs.d.includes('l7.5')) || e.name === 'rect'));
    // a dot per exact date, a diamond per key event (plus its bar when approximate), and one bar
    // per agency and approximate period however many entries share it
    const dated = master.rows.filter((r) => r.parsed);
    const exact = dated.filter((r) => !r.key && r.parsed!.precision === 'day').length;
    const keys = dated.filter((r) => r.key);
    const keyBars = keys.filter((r) => r.parsed!.precision !== 'day').length;
    const periods = new Set(dated.filter((r) => !r.key && r.parsed!.precision !== 'day').map((r) => `${r.agency} ${r.parsed!.iso}`)).size;
    expect(marks.length).toBe(exact + keys.length + keyBars + periods);
  });

  it('labels key events with their date, without overlapping labels', () => {
    const labels = els.filter((e) => e.name === 'text' && e.parent?.name === 'g' && e.parent.attrs['font-size'] === '11' && e.parent.attrs.id === undefined);
    expect(labels.length).toBeGreaterThan(10);
    const boxes = labels.map((l) => {
      const w = textWidth(l.text, 11) + 4;
      const x = Number(l.attrs.x);
      const x0 = l.attrs['text-anchor'] === 'end' ? x - w : x;
      return { x0, x1: x0 + w, y: Number(l.attrs.y), text: l.text };
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = Math.abs(a.y - b.y) < 12 && a.x0 < b.x1 && b.x0 < a.x1;
        expect(overlap, `"${a.text}" overlaps "${b.text}"`).toBe(false);
      }
      expect(boxes[i].x0).toBeGreaterThanOrEqual(0);
      expect(boxes[i].x1).toBeLessThanOrEqual(WIDTH);
    }
  });

  it('is deterministic', () => {
    expect(timelineForReview(loadReview(EXAMPLE), mergeChronologies(loadReview(EXAMPLE)))).toBe(svg);
  });

  it('escapes text and drops characters XML cannot hold', () => {
    expect(xmlEscape('a < b & "c" \u0001')).toBe('a &lt; b &amp; &quot;c&quot; ');
    const out = renderTimeline({
      title: 'T <&> "quoted"',
      lanes: [{ id: 'x&y', label: 'Agency <script>' }],
      events: [{ lane: 'x&y', start: '2020-01-01', end: '2020-01-01', precision: 'day', key: true, label: 'Adult A said "no" & <left>\u0000', dateLabel: '1 Jan 2020' }],
    });
    const parsed = parseSvg(out);
    expect(parsed.find((e) => e.name === 'title')!.text).toBe('T <&> "quoted"');
    expect(out).not.toContain('<script>');
  });

  it('draws something sensible for an empty chronology', () => {
    expect(() => parseSvg(renderTimeline({ title: 'Empty', lanes: [], events: [] }))).not.toThrow();
  });

  it('truncates labels at a word boundary', () => {
    expect(truncate('Adult A reported that Adult B had sat in his car outside', 30)).toBe('Adult A reported that Adult B…');
    expect(truncate('short', 30)).toBe('short');
  });

  it('stays readable and small with 5,000 rows: thin ticks, labels only where there is room', () => {
    const { dir } = generatedReview(3, 5000, ['police', 'icb', 'ghft', 'gdass', 'housing']);
    const big = loadReview(dir);
    const m = mergeChronologies(big);
    const out = timelineForReview(big, m);
    const parsed = parseSvg(out);
    expect(out.length).toBeLessThan(1_500_000);
    expect(parsed.filter((e) => e.name === 'circle').length).toBeLessThan(50); // dense lanes use ticks
    expect(parsed.find((e) => e.attrs.id === 'legend')!.text).toContain('busy lane');
    expect(out).toMatch(/\d+ key events are not labelled for lack of space/);
    expect(Number(parsed[0].attrs.height)).toBeLessThan(1400);
  });
});
