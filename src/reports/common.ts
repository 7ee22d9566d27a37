/**
 * What the report modules share: the build kind and its marking, the cover page, Markdown bodies
 * with chronology citations as readable references, section and paragraph numbering, the
 * recommendations table, the glossary and the family's statement.
 */
import type { Root } from 'mdast';
import type { MarkdownDoc, Review } from '../review/model.js';
import type { Profile } from '../lint/profile.js';
import type { MasterChronology } from '../chronology/merge.js';
import { parseChronologyDate, formatLongDate } from '../dates/index.js';
import type { PrintGuard } from '../review/safe.js';
import { mdastToBlocks } from '../document/markdown.js';
import { blockquoteOf, cell, footnote, heading, paragraph, plainText, row, text, type Block, type CoverLine, type Inline } from '../document/model.js';
import { recommendationItems } from '../review/recommendations.js';
import { acronymsIn, glossaryFor } from '../review/glossary.js';

/** draft: for the panel, marked and watermarked; final: for submission, marked; publish: unmarked, accessible. */
export type BuildKind = 'draft' | 'final' | 'publish';

export interface BuildContext {
  review: Review;
  profile: Profile;
  /** The kind of build; `draft` is kept for callers that only know draft or not. */
  kind?: BuildKind;
  draft: boolean;
  /** The timeline picture (SVG), embedded in the overview report's Chronology section. */
  timelineSvg?: string;
  /** The timeline drawn for print: one picture per period, each on its own landscape page. */
  timelinePages?: Array<{ svg: string; alt: string; width: number }>;
  /** The master chronology, to turn citations into readable references. */
  master?: MasterChronology;
  /** What a document may print of ids and codes (src/review/safe.ts). */
  guard: PrintGuard;
}

export function kindOf(ctx: BuildContext): BuildKind {
  return ctx.kind ?? (ctx.draft ? 'draft' : 'final');
}

/** Protocol §3.5: the profile's marking until publication; none on published builds. */
export function marking(ctx: BuildContext): string | undefined {
  const kind = kindOf(ctx);
  if (kind === 'publish') return undefined;
  const m = ctx.profile.marking ?? { draft: '', final: '' };
  if (kind === 'draft') return m.draft || 'OFFICIAL — DRAFT';
  return m.final || 'OFFICIAL';
}

/** The watermark across draft pages. */
export function watermark(ctx: BuildContext): string | undefined {
  return kindOf(ctx) === 'draft' ? 'DRAFT' : undefined;
}

export const STATUS_LINES: Record<BuildKind, string> = {
  draft: 'Draft for panel',
  final: 'Final for submission to the Home Office',
  publish: 'Published',
};

/**
 * A date as documents print it, "2 March 2021" (ISO in, UK long form out; "March 2021" for a
 * month). The one place documents format dates: the text as given when it is not a date.
 */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const r = parseChronologyDate(String(iso));
  return r.ok ? formatLongDate(r.date) : String(iso);
}

/** "Domestic Homicide Review" (or the profile's name for it; learning reviews have their own). */
export function reviewKindName(ctx: BuildContext): string {
  const m = ctx.review.meta?.data;
  if (m?.type === 'learning-review') return 'Domestic Abuse Learning Review';
  return ctx.profile.documents?.review_name ?? ctx.profile.document_title;
}

export function reviewTitle(ctx: BuildContext): string {
  return `${reviewKindName(ctx)} ${ctx.review.id}`;
}

/**
 * The subject line: what follows the review's name in the report's own title line (`# Domestic
 * Homicide Review into the death of Adult A`) or in review.yml's title, e.g. "into the death of
 * Adult A". Undefined when neither gives one.
 */
export function subjectLine(ctx: BuildContext, doc?: MarkdownDoc): string | undefined {
  const h1 = doc?.tree.children.find((n) => n.type === 'heading' && (n as { depth: number }).depth === 1);
  const candidates = [h1 ? mdPlain(h1) : undefined, typeof ctx.review.meta?.data.title === 'string' ? ctx.review.meta.data.title : undefined];
  for (const c of candidates) {
    if (!c) continue;
    const m = /\b(into|concerning|regarding|following|about)\b.*$/i.exec(c);
    if (m) return m[0].replace(/^./, (x) => x.toLowerCase()).trim();
  }
  return undefined;
}

function mdPlain(node: unknown): string {
  const n = node as { value?: string; children?: unknown[] };
  if (typeof n.value === 'string') return n.value;
  return (n.children ?? []).map(mdPlain).join('');
}

/** The month and year the version belongs to: the milestone of its kind, else the build's date. */
function versionMonth(ctx: BuildContext): string | undefined {
  const d = ctx.review.meta?.data.dates;
  const kind = kindOf(ctx);
  const milestone = kind === 'publish' ? (d?.published ?? d?.qa_cleared) : kind === 'final' ? d?.submitted : undefined;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const fromEpoch = epoch && /^\d+$/.test(epoch.trim()) ? new Date(Number(epoch.trim()) * 1000).toISOString().slice(0, 10) : undefined;
  const latest = Object.values(d ?? {}).filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)).sort().pop();
  const iso = milestone ?? fromEpoch ?? latest;
  return iso ? ukDate(String(iso).slice(0, 7)) : undefined;
}

/** The cover page: review name, document, subject, CSP, chair, month and year, status, marking. */
export function coverLines(ctx: BuildContext, what: string, doc?: MarkdownDoc): CoverLine[] {
  const m = ctx.review.meta?.data;
  const csp = ctx.profile.csps.find((c) => c.id === m?.csp)?.name ?? m?.csp ?? '';
  const lines: CoverLine[] = [{ text: reviewKindName(ctx), style: 'title' }, { text: what, style: 'subtitle' }];
  const subject = subjectLine(ctx, doc);
  if (subject) lines.push({ text: subject.charAt(0).toUpperCase() + subject.slice(1), style: 'strong' });
  lines.push({ text: `Review ${ctx.review.id}`, style: 'normal' });
  if (csp) lines.push({ text: csp, style: 'normal' });
  if (m?.chair?.name) lines.push({ text: `Independent chair and author: ${m.chair.name}`, style: 'normal' });
  const month = versionMonth(ctx);
  if (month) lines.push({ text: month, style: 'normal' });
  lines.push({ text: STATUS_LINES[kindOf(ctx)], style: 'strong' });
  const mk = marking(ctx);
  if (mk) lines.push({ text: mk, style: 'strong' });
  return lines;
}

/** Cover lines as blocks, for documents without a cover page of their own (the action plan). */
export function coverBlocks(ctx: BuildContext, what: string): Block[] {
  const m = ctx.review.meta?.data;
  const csp = ctx.profile.csps.find((c) => c.id === m?.csp)?.name ?? m?.csp ?? '';
  void what;
  const out: Block[] = [];
  const subject = subjectLine(ctx);
  if (subject) out.push(paragraph(subject.charAt(0).toUpperCase() + subject.slice(1)));
  if (csp) out.push(paragraph(`Commissioned by ${csp}`));
  if (m?.chair?.name) out.push(paragraph(`Independent chair and author: ${m.chair.name}`));
  out.push(paragraph(STATUS_LINES[kindOf(ctx)]));
  return out;
}

// ---- chronology citations

const CITATION = /\[\[chronology:([a-z0-9-]+)#([A-Za-z0-9._-]+)\]\]/g;
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKED = /\uE000([^\uE001]*)\uE001/g;

/** Marks `[[chronology:police#12]]` citations in the tree, to become readable text and a footnote. */
function markCitations(tree: Root): Root {
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    if (node.type === 'text' && typeof node.value === 'string' && node.value.includes('[[chronology:')) {
      node.value = node.value.replace(CITATION, (_m, a: string, id: string) => `${OPEN}${a}#${id}${CLOSE}`);
    }
    for (const c of (node.children ?? []) as Array<typeof node>) walk(c);
  };
  const copy = structuredClone(tree);
  walk(copy as unknown as { type: string; children: unknown[] });
  return copy;
}

/** A short readable name for an agency: its name in review.yml without a bracketed note. */
function agencyLabel(review: Review, id: string): string {
  const a = review.meta?.data.agencies?.find((x) => x.id === id);
  const name = typeof a?.name === 'string' && a.name.trim() ? a.name.replace(/\s*\([^)]*\)\s*$/, '').trim() : '';
  return name || id.replace(/-/g, ' ');
}

/** Inlines with each marked citation as "(agency, date)" and the ref in a footnote. */
function resolveInlines(inlines: Inline[], ctx: BuildContext, rows: Map<string, { date?: string }>): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    if (node.type === 'text' && node.text.includes(OPEN)) {
      let last = 0;
      for (const m of node.text.matchAll(MARKED)) {
        if (m.index! > last) out.push(text(node.text.slice(last, m.index)));
        const ref = m[1]!;
        const agency = ref.slice(0, ref.indexOf('#'));
        const r = rows.get(ref);
        out.push(text(`(${agencyLabel(ctx.review, agency)}${r?.date ? `, ${r.date}` : ''})`));
        out.push(footnote(`Master chronology entry ${ref}${r ? '' : ' (not found in the master chronology)'}.`));
        last = m.index! + m[0].length;
      }
      if (last < node.text.length) out.push(text(node.text.slice(last)));
    } else if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'link') {
      out.push({ ...node, children: resolveInlines(node.children, ctx, rows) });
    } else out.push(node);
  }
  return out;
}

/** Applies `f` to every run of inlines in some blocks (headings, paragraphs, list items, quotes, cells). */
export function mapInlines(blocks: Block[], f: (xs: Inline[]) => Inline[]): Block[] {
  return blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return { ...b, children: f(b.children) };
      case 'list':
        return { ...b, items: b.items.map((item) => mapInlines(item, f)) };
      case 'blockquote':
        return { ...b, children: mapInlines(b.children, f) };
      case 'table': {
        const rows = (rs: typeof b.rows) => rs.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, children: f(c.children) })) }));
        return { ...b, header: rows(b.header), rows: rows(b.rows) };
      }
      default:
        return b;
    }
  });
}

/**
 * A Markdown document as blocks. The first level-1 heading (the document's own title) is dropped:
 * the cover carries the title. Remaining headings keep their level. Chronology citations become
 * "(agency, date)" with the ref in a footnote.
 */
export function bodyBlocks(doc: MarkdownDoc | undefined, ctx?: BuildContext): Block[] {
  if (!doc) return [];
  const tree = markCitations(doc.tree);
  let blocks: Block[];
  const first = tree.children.findIndex((n) => n.type === 'heading');
  const h1s = tree.children.filter((n) => n.type === 'heading' && (n as { depth: number }).depth === 1).length;
  if (first >= 0 && (tree.children[first] as { depth: number }).depth === 1 && h1s === 1) {
    tree.children.splice(first, 1);
    // the sections are level-2 in the source; make them level 1 in the document
    blocks = mdastToBlocks(tree, { headingOffset: -1 });
  } else blocks = mdastToBlocks(tree);
  const rows = new Map<string, { date?: string }>();
  for (const r of ctx?.master?.rows ?? []) rows.set(r.ref, { date: r.parsed ? formatLongDate(r.parsed) : undefined });
  return mapInlines(blocks, (xs) => (ctx ? resolveInlines(xs, ctx, rows) : xs.map((x) => (x.type === 'text' ? text(x.text.replace(MARKED, '(chronology $1)')) : x))));
}

// ---- sections

/** The plain text of a heading block. */
export function headingText(b: Block): string {
  return b.type === 'heading' ? plainText(b.children).trim() : '';
}

const norm = (s: string) => s.toLowerCase().replace(/^[\d.\s]+/, '').replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();

/** Index of the first heading whose text matches, and where its section ends. */
export function findSection(blocks: Block[], test: (title: string) => boolean): { index: number; end: number } | undefined {
  const index = blocks.findIndex((b) => b.type === 'heading' && test(norm(headingText(b))));
  if (index < 0) return undefined;
  const level = (blocks[index] as { level: number }).level;
  let end = index + 1;
  while (end < blocks.length && !(blocks[end]!.type === 'heading' && (blocks[end] as { level: number }).level <= level)) end++;
  return { index, end };
}

// ---- numbering

const LEADING_NUMBER = /^\s*\d+(?:\.\d+)*\.?\s+/;
/** A paragraph number typed by the author: "4.2 ", "4.2.1 " (two parts at least, so "2021 was …" is left alone). */
const PARAGRAPH_NUMBER = /^\s*\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?=\S)/;

/**
 * Numbers sections (`1.`, `1.1`, `1.1.1`) and the body paragraphs within them (`1.1`, `1.2`, or
 * `1.1.1` under a subsection), as published reports are cited by paragraph. Paragraphs before the
 * first heading (a preface), lists, tables, quotes and pictures are not numbered; numbers already
 * typed in a heading are replaced. Blocks in `skip` are left as they are.
 */
export function numberBlocks(blocks: Block[], skip: ReadonlySet<Block> = new Set()): Block[] {
  const counters = [0, 0, 0];
  let depth = 0;
  let para = 0;
  return blocks.map((b): Block => {
    if (skip.has(b)) return b;
    if (b.type === 'heading') {
      const i = b.level - 1;
      counters[i]!++;
      for (let j = i + 1; j < 3; j++) counters[j] = 0;
      for (let j = 0; j < i; j++) if (!counters[j]) counters[j] = 1;
      depth = b.level;
      para = 0;
      const n = counters.slice(0, depth).join('.') + (depth === 1 ? '.' : '');
      const children = [...b.children];
      if (children[0]?.type === 'text') children[0] = text(children[0].text.replace(LEADING_NUMBER, ''));
      return { ...b, children: [text(`${n} `), ...children] };
    }
    if (b.type === 'paragraph' && depth > 0) {
      para++;
      // a number the author typed ("4.2 The panel …") gives way to the one the build gives
      const children = [...b.children];
      if (children[0]?.type === 'text' && PARAGRAPH_NUMBER.test(children[0].text)) children[0] = text(children[0].text.replace(PARAGRAPH_NUMBER, ''));
      return { ...b, children: [text(`${counters.slice(0, depth).join('.')}.${para}\u2002`), ...children] };
    }
    return b;
  });
}

export function numbered(ctx: BuildContext): boolean {
  return ctx.profile.documents?.numbered !== false;
}

// ---- recommendations

const SCOPE = /^\(?\s*(local|regional|national)\s*\)?[.:]?\s+/i;

/**
 * The Recommendations section's lists as one table: number, recommendation (word for word, less a
 * leading "(local)" scope note, which has its own column), scope, and the lead agency the action
 * plan names for it.
 */
export function recommendationsTable(blocks: Block[], doc: MarkdownDoc | undefined, ctx: BuildContext): Block[] {
  const items = recommendationItems(doc);
  const section = findSection(blocks, (t) => t === 'recommendations' || t.endsWith(' recommendations'));
  if (!items?.length || !section) return blocks;
  // recommendations grouped under sub-headings (by agency) are left as the author grouped them
  if (blocks.slice(section.index + 1, section.end).some((b) => b.type === 'heading')) return blocks;
  const lists: number[] = [];
  for (let i = section.index + 1; i < section.end; i++) if (blocks[i]!.type === 'list') lists.push(i);
  if (!lists.length) return blocks;
  const agencies = new Map((ctx.review.meta?.data.agencies ?? []).map((a) => [a.id, a.name]));
  const plan = ctx.review.actionPlan?.rows ?? [];
  const rows = items.map((r, i) => {
    const id = r.id ?? `${i + 1}`;
    const m = SCOPE.exec(r.text);
    const actions = plan.filter((p) => p.cells.recommendation?.value.trim() === id);
    const scope = m?.[1]?.toLowerCase() ?? actions.map((p) => p.cells.scope?.value.trim()).find(Boolean) ?? '';
    // only agencies review.yml declares are printed: whatever else is typed in the cell (a name, say) is not carried into the document
    const leads = [...new Set(actions.map((p) => agencies.get(p.cells.lead_agency?.value.trim() ?? '')).filter((a): a is string => Boolean(a)))];
    return row([id, m ? r.text.slice(m[0].length) : r.text, scope, leads.join('; ')]);
  });
  const table: Block = {
    type: 'table',
    columns: [{ width: 0.7 }, { width: 6 }, { width: 1.3 }, { width: 2.4 }],
    header: [row(['No.', 'Recommendation', 'Scope', 'Lead agency'])],
    rows,
  };
  const out = blocks.filter((_, i) => !lists.includes(i) || i === lists[0]);
  out[out.indexOf(blocks[lists[0]!]!)] = table;
  return out;
}

// ---- glossary

/** The glossary: the acronyms these blocks use that the profile or the review's glossary.yml define. */
export function glossaryTable(blocks: Block[], ctx: BuildContext): Block | undefined {
  const defs = glossaryFor(ctx.review, ctx.profile.glossary);
  const used = acronymsIn(blocksText(blocks));
  const rows = [...used.keys()].filter((a) => defs.has(a)).sort().map((a) => row([a, defs.get(a)!]));
  if (!rows.length) return undefined;
  return { type: 'table', columns: [{ width: 1 }, { width: 5 }], header: [row(['Acronym', 'Meaning'])], rows };
}

export function blocksText(blocks: Block[]): string {
  const parts: string[] = [];
  mapInlines(blocks, (xs) => {
    parts.push(plainText(xs));
    return xs;
  });
  return parts.join('\n');
}

/**
 * Places the glossary: under the report's own Glossary heading when it has an empty one; else
 * after the contents (`front`) or at the end (`end`, the default), under a Glossary heading.
 * Returns the blocks and those to leave unnumbered.
 */
export function placeGlossary(blocks: Block[], ctx: BuildContext): { blocks: Block[]; added: Block[] } {
  const table = glossaryTable(blocks, ctx);
  if (!table) return { blocks, added: [] };
  const own = findSection(blocks, (t) => t === 'glossary' || t === 'glossary of terms' || t === 'abbreviations');
  if (own) {
    const empty = blocks.slice(own.index + 1, own.end).every((b) => b.type !== 'table');
    if (!empty) return { blocks, added: [] };
    return { blocks: [...blocks.slice(0, own.index + 1), table, ...blocks.slice(own.index + 1)], added: [table] };
  }
  const h = heading(1, 'Glossary');
  if (ctx.profile.documents?.glossary === 'front') return { blocks: [h, table, ...blocks], added: [h, table] };
  return { blocks: [...blocks, h, table], added: [h, table] };
}

// ---- the family's statement

const FAMILY_MARKER = /^\s*\[\[family(?::([a-z0-9._-]+))?\]\]\s*$/i;

/**
 * The family's statement (family/*.md), where the report says: at a `[[family]]` (or
 * `[[family:file-name]]`) marker paragraph; else at the end of the section about the family's
 * involvement; else at the end. Printed as a quotation under its own title, unnumbered.
 */
export function placeFamilyStatement(blocks: Block[], ctx: BuildContext): { blocks: Block[]; added: Block[] } {
  const all = ctx.review.family;
  if (!all.length) return { blocks, added: [] };
  const fileName = (d: MarkdownDoc) => d.file.rel.replace(/\\/g, '/').split('/').pop()!.replace(/\.md$/, '');
  // without a marker naming a file, only statements and tributes: family/ also holds notes of contact
  const STATEMENT = /statement|tribute|pen[ -]?portrait|in memory|memories|words/i;
  const docs = all;
  const statements = all.filter((d) => STATEMENT.test(fileName(d)) || STATEMENT.test(mdPlain(d.tree.children.find((n) => n.type === 'heading') ?? {})));
  const statement = (name?: string): Block[] => {
    const chosen = name ? docs.filter((d) => fileName(d) === name) : statements;
    return chosen.flatMap((d) => {
      const body = mdastToBlocks(d.tree, {});
      const first = body[0]?.type === 'heading' ? body.shift()! : undefined;
      const title = first ? headingText(first) : 'Statement from the family';
      return [{ ...heading(2, title), id: undefined } as Block, blockquoteOf(body.map((b) => (b.type === 'heading' ? paragraph(...b.children) : b)))];
    });
  };
  const added: Block[] = [];
  let placed = false;
  const out: Block[] = [];
  for (const b of blocks) {
    const m = b.type === 'paragraph' ? FAMILY_MARKER.exec(plainText(b.children)) : null;
    if (m) {
      const s = statement(m[1]);
      out.push(...s);
      added.push(...s);
      placed = true;
    } else out.push(b);
  }
  if (placed) return { blocks: out, added };
  const s = statement();
  if (!s.length) return { blocks: out, added: [] };
  const section = findSection(out, (t) => t.startsWith('involvement of family'));
  if (section) out.splice(section.end, 0, ...s);
  else out.push(...s);
  return { blocks: out, added: s };
}

export { cell };
