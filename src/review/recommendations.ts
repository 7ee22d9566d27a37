/**
 * The recommendations of a report, read the way published reports write them: under a
 * Recommendations heading (also the recommendations part of "Conclusions and Recommendations"),
 * as list items, as paragraphs that start with a label (`Recommendation 1:`, `R1`, `a)`, `(a)`,
 * `4.1.12`), as the rows of a table, or as sub-headings (`### Recommendation 3`); agency
 * sub-headings ("Police", "Health") group them. Each gets a stable id from its own label.
 * Used by the report/* and smart/* rules and by the document builders.
 */
import type { List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import type { MarkdownDoc, Review, Span } from './model.js';
import { lineStarts } from './source.js';
import { normaliseHeading, plainText, stripNumbering, topSections, isAppendixHeading, type Section } from './sections.js';

/** How a recommendation was written. */
export type RecommendationForm = 'list' | 'paragraph' | 'table' | 'heading';

export interface RecommendationItem {
  /** The label as written, without its separator: `R3`, `Recommendation 3`, `4.1.12`, `(a)`; a list's number. */
  label?: string;
  /** Its id: `R3` for R-numbered ones, else the label's value (`3`, `4.1.12`, `a`); qualified by group when numbering restarts per agency. */
  id?: string;
  /** Its key for matching labels written differently (`R03`, `Recommendation 3`, `3` are all `3`). */
  key?: string;
  /** The number, for labels that are a plain number (R3, Recommendation 3, 3.). */
  number?: number;
  /** Where the label is (the list marker for a list's own number). */
  idSpan?: Span;
  /** The whole recommendation, from its marker or label. */
  span: Span;
  /** The text after the label, whitespace-normalised. */
  text: string;
  /** The agency sub-heading (or table column) it sits under. */
  group?: string;
  form: RecommendationForm;
  /** True when the label is the list's or table's own numbering rather than written in the text. */
  implicit?: boolean;
  /** The list item, for list recommendations. */
  item?: ListItem;
}

/** A recommendation with an id (what the builder and the action plan refer to). */
export interface Recommendation extends RecommendationItem {
  id: string;
  key: string;
}

const NO_SPAN: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export function spanOfNode(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } } | undefined): Span {
  const p = node?.position;
  if (!p) return NO_SPAN;
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

/** Whitespace-normalised text. */
export function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * A label at the start of a recommendation's text, with its separator. Groups: `rec` (the value
 * after "Recommendation"), `r` (R3), `pre` (an agency prefix, P2, GC1.3), `dec` (4.1.12), `num` (3.),
 * `let` (a), (a), a.), `rom` ((iv), iv)).
 */
const LABEL = new RegExp([
  '^(?:',
  '(?:recommendation|rec\\.?)\\s*(?:no\\.?\\s*|number\\s*)?(?<rec>[a-z]{0,3}\\d+(?:\\.\\d+)*[a-z]?|\\([a-z]\\)|[a-z](?=[.:)])|\\([ivx]{1,5}\\)|[ivx]{1,5}(?=[.:)]))(?![\\p{L}\\p{N}])',
  '|(?<r>R\\s?\\d+(?:\\.\\d+)*[a-z]?)(?![\\p{L}\\p{N}])',
  '|(?<pre>[A-Z]{1,4}\\d+(?:\\.\\d+)*[a-z]?)(?![\\p{L}\\p{N}])',
  '|(?<dec>\\d+(?:\\.\\d+)+)\\.?(?![\\p{N}])',
  '|(?<num>\\d+)(?=[.):])',
  '|\\((?<let>[a-z])\\)|(?<let2>[a-z])\\)|(?<let3>[a-z])\\.(?=\\s)',
  '|\\((?<rom>[ivx]{1,5})\\)|(?<rom2>[ivx]{1,5})\\)',
  ')[ \\t]*(?:[.:)–—-][ \\t]*)?',
].join(''), 'iu');

interface Label {
  label: string;
  id: string;
  key: string;
  number?: number;
  /** Length of the label and its separator in the text. */
  length: number;
}

const strip0 = (v: string) => v.split('.').map((p) => p.replace(/^0+(?=\d)/, '')).join('.');

/** Reads the label at the start of a text, if there is one. */
export function readLabel(text: string): Label | undefined {
  const m = LABEL.exec(text);
  if (!m || !m.groups) return undefined;
  const g = m.groups;
  let written = m[0].trim().replace(/[.:–—-]$/, '').trim();
  if (written.endsWith(')') && !written.includes('(')) written = written.slice(0, -1).trim();
  if (m[0].length === 0) return undefined;
  let value: string;
  let rStyle = false;
  if (g.rec !== undefined) value = g.rec.replace(/[()]/g, '');
  else if (g.r !== undefined) {
    value = g.r.slice(1).trim();
    rStyle = true;
  } else value = (g.pre ?? g.dec ?? g.num ?? g.let ?? g.let2 ?? g.let3 ?? g.rom ?? g.rom2 ?? '').replace(/[()]/g, '');
  if (!value) return undefined;
  const key = strip0(value.toLowerCase());
  const number = /^\d+$/.test(key) ? Number(key) : undefined;
  const id = rStyle ? `R${key}` : g.pre !== undefined ? value.toUpperCase() : key;
  return { label: written, id, key, number, length: m[0].length };
}

/** The key a label written anywhere (an action plan cell, say) stands for: `R03` → `3`, `Recommendation 4.1` → `4.1`. */
export function labelKey(text: string): string | undefined {
  const t = text.trim();
  if (/^\d+(?:\.\d+)*[a-z]?$|^[a-z]$/i.test(t)) return strip0(t.toLowerCase());
  const l = readLabel(t);
  if (l && l.length >= t.replace(/[.:)]+$/, '').length) return l.key;
  return undefined;
}

// ---- finding the recommendations sections ----

const RECOMMENDATION_WORD = /\brecommendations?\b/;

/** A heading that names recommendations ("Recommendations", "Conclusions and Recommendations", "Single agency recommendations"). */
export function isRecommendationsHeading(text: string): boolean {
  return RECOMMENDATION_WORD.test(normaliseHeading(text)) && !isAppendixHeading(text);
}

/** A heading that is only recommendations (not combined with conclusions or lessons). */
function onlyRecommendations(text: string): boolean {
  const words = normaliseHeading(text).split(' ');
  return !words.some((w) => /^(conclusions?|lessons?|learning|findings|summary|analysis|issues)$/.test(w));
}

/** The Recommendations section(s) of a report: level-1/2 headings, or level-3 when there is none. */
export function recommendationsSections(tree: Root): Section[] {
  const top = topSections(tree, 2).filter((s) => isRecommendationsHeading(s.text));
  if (top.length) return top;
  return topSections(tree, 3).filter((s) => s.heading.depth === 3 && isRecommendationsHeading(s.text));
}

/** The first Recommendations section of a report, if it has one. */
export function recommendationsSection(tree: Root): Section | undefined {
  return recommendationsSections(tree)[0];
}

// ---- reading the items ----

function posOf(node: RootContent | ListItem, lineOffset = 0, column?: number): Span {
  const s = spanOfNode(node);
  if (!lineOffset) return s;
  return { line: s.line + lineOffset, column: column ?? 1, endLine: s.line + lineOffset, endColumn: (column ?? 1) + 1 };
}

/** Column of the first non-space character of a 1-based line of a text. */
function firstColumn(source: string | undefined, line: number): number {
  if (!source) return 1;
  const at = lineOffsets(source)[line - 1];
  if (at === undefined) return 1;
  let c = at;
  while (c < source.length && (source[c] === ' ' || source[c] === '\t')) c++;
  return c - at + 1;
}

let lastSource: string | undefined;
let lastOffsets: number[] = [];
/** Offsets of the line starts of the last text asked about (one document is read at a time). */
function lineOffsets(source: string): number[] {
  if (source !== lastSource) {
    lastSource = source;
    lastOffsets = lineStarts(source);
  }
  return lastOffsets;
}

function labelSpan(start: Span, length: number): Span {
  return { line: start.line, column: start.column, endLine: start.line, endColumn: start.column + length };
}

/** A list item: its label written in its text, else the list's own number. */
/**
 * The numbers of an ordered list as written in the source ("1.", "2.", "8."), or the list's own
 * count when they are all the same (lazy "1. 1. 1." numbering).
 */
function listNumbers(list: List, source: string | undefined): number[] {
  const own = list.children.map((_c, k) => (list.start ?? 1) + k);
  if (!source) return own;
  const written = list.children.map((c) => {
    const m = /^\s*(\d{1,9})[.)]/.exec(source.slice(c.position?.start.offset ?? 0, (c.position?.start.offset ?? 0) + 24));
    return m ? Number(m[1]) : NaN;
  });
  if (written.some(Number.isNaN) || (written.length > 1 && new Set(written).size === 1)) return own;
  return written;
}

function fromListItem(item: ListItem, list: List, n: number, group: string | undefined): RecommendationItem {
  const span = spanOfNode(item);
  const first = item.children[0];
  const lead = first && first.type === 'paragraph' ? first.children[0] : undefined;
  const full = normaliseSpace(plainText(item));
  const l = readLabel(full);
  if (l) {
    return { label: l.label, id: l.id, key: l.key, number: l.number, idSpan: labelSpan(lead ? spanOfNode(lead) : span, l.label.length),
      span, text: normaliseSpace(full.slice(l.length)), group, form: 'list', item };
  }
  if (list.ordered) {
    return { label: String(n), id: String(n), key: String(n), number: n, idSpan: labelSpan(span, String(n).length + 1),
      span, text: full, group, form: 'list', item };
  }
  return { span, text: full, group, form: 'list', item };
}

/** A paragraph whose lines start with labels: one recommendation per labelled line run. */
function fromParagraph(p: Paragraph, group: string | undefined, source: string | undefined): RecommendationItem[] {
  const text = plainText(p);
  const lines = text.split('\n');
  if (!readLabel(lines[0].trim())) return [];
  const start = spanOfNode(p);
  const out: RecommendationItem[] = [];
  let cur: { at: number; lines: string[] } | undefined;
  const flush = () => {
    if (!cur) return;
    const whole = normaliseSpace(cur.lines.join(' '));
    const l = readLabel(whole)!;
    if (isLeadIn(whole)) return; // "10.1 The recommendations of the overview report, in full:"
    const column = cur.at === 0 ? start.column : firstColumn(source, start.line + cur.at);
    const at = cur.at === 0 ? start : posOf(p, cur.at, column);
    out.push({ label: l.label, id: l.id, key: l.key, number: l.number, idSpan: labelSpan(at, l.label.length),
      span: { ...at, endLine: start.line + cur.at + cur.lines.length - 1, endColumn: at.column },
      text: normaliseSpace(whole.slice(l.length)), group, form: 'paragraph' });
  };
  lines.forEach((line, i) => {
    if (i === 0 || readLabel(line.trim())) {
      flush();
      cur = { at: i, lines: [line.trim()] };
    } else cur!.lines.push(line.trim());
  });
  flush();
  return out;
}

const LABEL_HEADER = /^(?:(?:rec(?:ommendation)?\.?\s*)?(?:no\.?|number|ref(?:erence)?|id|#)|)$/i;

/** A recommendations table: the label column (or the text's own label, or the row's number) and the text column. */
function fromTable(t: Table, group: string | undefined): RecommendationItem[] {
  const [head, ...rows] = t.children;
  if (!head || !rows.length) return [];
  const headers = head.children.map((c) => normaliseSpace(plainText(c)));
  const cells = rows.map((r) => r.children.map((c) => normaliseSpace(plainText(c))));
  const width = headers.length;
  const labelsOnly = (i: number) => cells.every((r) => (r[i] ?? '') === '' || labelKey(r[i] ?? '') !== undefined);
  let labelCol = headers.findIndex((h) => LABEL_HEADER.test(h.trim()));
  let textCol = headers.findIndex((h, i) => i !== labelCol && /recommendation/i.test(h));
  // a "Recommendation" column of numbers beside a column of text: the numbers are the labels
  if (labelCol < 0 && textCol >= 0 && labelsOnly(textCol)) {
    labelCol = textCol;
    textCol = -1;
  }
  if (textCol < 0) {
    // the column with the longest text
    let best = -1;
    for (let i = 0; i < width; i++) {
      if (i === labelCol) continue;
      const len = cells.reduce((n, r) => n + (r[i]?.length ?? 0), 0);
      if (best < 0 || len > cells.reduce((n, r) => n + (r[best]?.length ?? 0), 0)) best = i;
    }
    textCol = best;
  }
  if (labelCol < 0) {
    // an unnamed first column of short labels
    if (textCol !== 0 && labelsOnly(0)) labelCol = 0;
  }
  const groupCol = headers.findIndex((h, i) => i !== labelCol && i !== textCol && /agency|organi[sz]ation|lead|owner/i.test(h));
  const out: RecommendationItem[] = [];
  rows.forEach((r, k) => {
    const span = spanOfNode(r);
    const textCell = r.children[textCol];
    const raw = cells[k][textCol] ?? '';
    if (!raw && !(cells[k][labelCol] ?? '')) return;
    const rowGroup = groupCol >= 0 ? cells[k][groupCol] || group : group;
    const cellLabel = labelCol >= 0 ? cells[k][labelCol] ?? '' : '';
    const fromCell = cellLabel ? readLabel(cellLabel) : undefined;
    const inText = readLabel(raw);
    const textSpan = spanOfNode(textCell ?? r);
    if (fromCell) {
      out.push({ label: fromCell.label, id: fromCell.id, key: fromCell.key, number: fromCell.number,
        idSpan: labelSpan(spanOfNode(r.children[labelCol]), fromCell.label.length), span, text: raw, group: rowGroup, form: 'table' });
    } else if (cellLabel && cellLabel.length <= 12) {
      const key = normaliseHeading(cellLabel);
      out.push({ label: cellLabel, id: cellLabel, key, idSpan: spanOfNode(r.children[labelCol]), span, text: raw, group: rowGroup, form: 'table' });
    } else if (inText) {
      out.push({ label: inText.label, id: inText.id, key: inText.key, number: inText.number, idSpan: labelSpan(textSpan, inText.label.length),
        span, text: normaliseSpace(raw.slice(inText.length)), group: rowGroup, form: 'table' });
    } else {
      const n = k + 1;
      out.push({ label: String(n), id: String(n), key: String(n), number: n, idSpan: textSpan, span, text: raw, group: rowGroup, form: 'table', implicit: true });
    }
  });
  return out;
}

/** The agency name of a list item that only heads a nested list of recommendations ("Police", "Health"). */
function agencyItem(item: ListItem): string | undefined {
  const [first, ...rest] = item.children;
  if (!first || first.type !== 'paragraph' || !rest.length) return undefined;
  const text = normaliseSpace(plainText(first)).replace(/[:.]$/, '');
  if (text.split(' ').length > 6 || readLabel(text)) return undefined;
  const nestedLabels = rest.some((c) => c.type === 'list' || (c.type === 'paragraph' && readLabel(plainText(c).trim())));
  return nestedLabels ? text : undefined;
}

/** A paragraph that introduces what follows ("The panel recommends:"), not a recommendation. */
function isLeadIn(text: string): boolean {
  return /:\s*$/.test(text);
}

/** The first node from which a combined section's recommendations start. */
function recommendationsStart(tree: Root, section: Section): number {
  if (onlyRecommendations(section.text)) return section.index + 1;
  for (let i = section.index + 1; i < section.end; i++) {
    const n = tree.children[i];
    if (n.type === 'heading' && isRecommendationsHeading(plainText(n))) return i + 1;
  }
  for (let i = section.index + 1; i < section.end; i++) {
    const n = tree.children[i];
    if (n.type === 'paragraph') {
      const t = normaliseSpace(plainText(n));
      if (/recommend/i.test(t) && (!readLabel(t) || isLeadIn(t) || /following recommendations|recommends the following|recommendations below|as follows/i.test(t))) return i + 1;
    }
  }
  return -1; // no marker: only its lists and tables are read
}

/** The recommendation items of one section, in order. */
export function recommendationItemsIn(tree: Root, section: Section, source?: string): RecommendationItem[] {
  const out: RecommendationItem[] = [];
  const marked = recommendationsStart(tree, section);
  const from = marked < 0 ? section.index + 1 : marked;
  let group: string | undefined;
  let headed: RecommendationItem | undefined;
  /** A labelled paragraph that is only a title ("Recommendation 1 – Police"): its text follows. */
  let titled: RecommendationItem | undefined;
  for (let i = from; i < section.end; i++) {
    const n = tree.children[i];
    if (n.type === 'heading') {
      headed = undefined;
      titled = undefined;
      const text = normaliseSpace(plainText(n));
      const l = readLabel(text);
      if (l && (l.length >= text.length || /^(?:recommendation|rec\b|r\s?\d)/i.test(text))) {
        headed = { label: l.label, id: l.id, key: l.key, number: l.number, idSpan: labelSpan(spanOfNode(n), l.label.length),
          span: spanOfNode(n), text: normaliseSpace(text.slice(l.length)), group, form: 'heading' };
        out.push(headed);
        continue;
      }
      group = stripNumbering(text);
      continue;
    }
    if (headed) {
      headed.text = normaliseSpace(`${headed.text} ${plainText(n)}`);
      continue;
    }
    // "**Recommendation 1 – Police**" on its own, its text in the paragraphs after it
    const last = out[out.length - 1];
    if (titled === last && last && (n.type === 'paragraph' || n.type === 'list') && !(n.type === 'paragraph' && readLabel(plainText(n).trim()))) {
      last.text = normaliseSpace(`${last.text} ${plainText(n)}`);
      continue;
    }
    titled = undefined;
    if (n.type === 'list') {
      const numbers = listNumbers(n as List, source);
      (n as List).children.forEach((item, k) => {
        const nested = agencyItem(item);
        if (!nested) {
          out.push(fromListItem(item, n as List, numbers[k], group));
          return;
        }
        // "1. Police" with the police's recommendations nested under it
        for (const c of item.children.slice(1)) {
          if (c.type === 'list') {
            const inner = listNumbers(c, source);
            c.children.forEach((x, j) => out.push(fromListItem(x, c, inner[j], nested)));
          } else if (c.type === 'paragraph') out.push(...fromParagraph(c, nested, source));
        }
      });
    }
    else if (n.type === 'table') out.push(...fromTable(n as Table, group));
    else if (n.type === 'paragraph' && marked >= 0) {
      const items = fromParagraph(n as Paragraph, group, source);
      out.push(...items);
      const only = items.length === 1 ? items[0] : undefined;
      if (only && only.text.split(' ').filter(Boolean).length <= 6) titled = only;
    }
  }
  return out;
}

/** Gives ids that collide across agency groups (numbering restarting per agency) the group's name. */
function qualify(items: RecommendationItem[]): RecommendationItem[] {
  const groupsOf = new Map<string, Set<string>>();
  for (const r of items) if (r.key) groupsOf.set(r.key, (groupsOf.get(r.key) ?? new Set()).add(r.group ?? ''));
  return items.map((r) => {
    if (!r.key || !r.group || (groupsOf.get(r.key)?.size ?? 0) < 2) return r;
    // the agency heading names the group in messages; a long heading is cut to its first words
    const name = r.group.split(' ').slice(0, 5).join(' ');
    return { ...r, id: `${name} ${r.id}`, key: `${normaliseHeading(r.group)}:${r.key}` };
  });
}

/**
 * The recommendation items of a report's Recommendations section(s); undefined when the report has
 * no such section.
 */
export function recommendationItems(doc: MarkdownDoc | undefined): RecommendationItem[] | undefined {
  if (!doc) return undefined;
  const sections = recommendationsSections(doc.tree);
  if (!sections.length) return undefined;
  return qualify(sections.flatMap((s) => recommendationItemsIn(doc.tree, s, doc.file.text)));
}

/** The overview report's recommendations that carry an id, in document order. */
export function overviewRecommendations(review: Review): Recommendation[] {
  return (recommendationItems(review.overviewReport) ?? []).filter((r): r is Recommendation => r.id !== undefined && r.key !== undefined);
}

/**
 * A lookup of recommendations by a label written elsewhere (an action plan cell): its id or label
 * as written, its key (`R03`, `3`, `Recommendation 3` → `3`), or its group-qualified id.
 */
export function recommendationLookup<T extends RecommendationItem>(recs: T[]): (written: string) => T | undefined {
  const byExact = new Map<string, T>();
  const byKey = new Map<string, T>();
  const byName = new Map<string, T>();
  for (const r of recs) {
    for (const k of [r.id, r.label]) if (k !== undefined && !byExact.has(k)) byExact.set(k, r);
    if (r.key !== undefined && !byKey.has(r.key)) byKey.set(r.key, r);
    if (r.id !== undefined && !byName.has(normaliseHeading(r.id))) byName.set(normaliseHeading(r.id), r);
  }
  return (written) => {
    const w = written.trim();
    if (!w) return undefined;
    const key = labelKey(w);
    return byExact.get(w) ?? (key !== undefined ? byKey.get(key) : undefined) ?? byName.get(normaliseHeading(w));
  };
}

/** The recommendation a label written elsewhere (an action plan cell) refers to. */
export function findRecommendation<T extends RecommendationItem>(recs: T[], written: string): T | undefined {
  return recommendationLookup(recs)(written);
}

// ---- comparing texts word for word ----

/** A text as recommendations are compared: quotes, dashes, spaces and trailing punctuation evened out. */
export function comparableText(s: string): string {
  return normaliseSpace(s.normalize('NFKC')
    .replace(/[‘’‚‛′`]/g, "'").replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-').replace(/\s+-\s+/g, ' - '))
    .replace(/[\s.;:,!]+$/, '');
}

/** The first word (1-based) where two texts differ, or undefined when they are the same word for word. */
export function firstDifference(a: string, b: string): number | undefined {
  const x = comparableText(a).split(' ');
  const y = comparableText(b).split(' ');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i === x.length && i === y.length ? undefined : i + 1;
}
