/**
 * Headings and sections of the Markdown reports, as published reports write them: heading
 * normalisation (numbering, case, punctuation), the template section lists with their known
 * variants (data: `profiles/report-sections.yml`, extended or replaced by a profile's
 * `report_sections`), matching a heading to the section(s) it names — exactly, as a combined
 * heading, or as a close match — and the sections of an mdast tree with their extent.
 * Used by the report/* rules and by the document builders alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseShippedYaml } from './shipped-data.js';
import type { Heading, Root, RootContent } from 'mdast';
import type { ReviewType, Severity } from './model.js';
import { distance as levenshtein } from 'fastest-levenshtein';

/** The plain text of an mdast node (footnote references and HTML left out). */
export function plainText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: string; value?: unknown; alt?: unknown; children?: unknown[] };
  if (n.type === 'html' || n.type === 'footnoteReference' || n.type === 'yaml') return '';
  if (n.type === 'break') return ' ';
  if (n.type === 'image' || n.type === 'imageReference') return typeof n.alt === 'string' ? n.alt : '';
  if (typeof n.value === 'string') return n.value;
  if (Array.isArray(n.children)) {
    const block = n.type === 'listItem' || n.type === 'list' || n.type === 'blockquote' || n.type === 'root'
      || n.type === 'table' || n.type === 'tableRow';
    return n.children.map(plainText).join(block ? ' ' : '');
  }
  return '';
}

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
/** Leading numbering: "4.", "4.1", "iv)", "(a)", "Section 4 –", "Part two:", "Chapter 3". */
const NUMBERING = new RegExp(
  `^\\s*(?:(?:(?:section|part|chapter)\\s+(?:\\d+(?:\\.\\d+)*|[ivxlc]+|${NUMBER_WORDS})[.:)]?)|\\d+(?:\\.\\d+)*[.:)]?|[ivxlc]+[.)]|[a-z][.)]|\\(\\w{1,4}\\))(?:\\s*[-–—:]\\s*|\\s+)`,
  'i',
);

/** Strips leading numbering ("4.1", "Section 4 –") from a heading, keeping its words. */
export function stripNumbering(text: string): string {
  let t = text.trim();
  for (let i = 0; i < 2 && NUMBERING.test(t); i++) t = t.replace(NUMBERING, '');
  return t;
}

/**
 * A heading reduced for comparison: without leading numbering, accents, case, punctuation and
 * the word "the"; "&" reads as "and".
 */
export function normaliseHeading(text: string): string {
  let t = stripNumbering(text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
  t = t.toLowerCase().replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  t = t.split(' ').filter((w) => w !== 'the').join(' ');
  // "Terms of reference for the review", "Recommendations from this review" name the same section
  return t.replace(/ (?:to|of|for|from|in|by|within) (?:this )?(?:review|dhr|domestic homicide review)$/, '') || t;
}

/**
 * The forms a heading is matched by: the whole heading, and its part before a colon, dash or
 * bracket ("Analysis: agency responses" is an Analysis section).
 */
export function headingKeys(text: string): string[] {
  const keys = [normaliseHeading(text)];
  // "Appendix 1: Terms of reference" names the terms of reference
  const appendix = /^\s*(?:appendix|annexe?)\s+[\w.]{1,6}\s*[:.–—-]?\s+(.+)$/i.exec(text);
  if (appendix) keys.push(normaliseHeading(appendix[1]));
  const m = /^(.*?\S)\s*(?::|\(|\s[-–—]\s)/.exec(stripNumbering(text));
  if (m) {
    const head = normaliseHeading(m[1]);
    if (head && !keys.includes(head)) keys.push(head);
  }
  return keys.filter(Boolean);
}

export interface SectionSpec {
  id: string;
  heading: string;
  variants?: string[];
  /** Sections of one group may come in any order among themselves. */
  group?: string;
}

export interface DocumentSpec {
  /** How messages name the document: "overview report", "executive summary", "IMR". */
  name: string;
  /** Where the list comes from, for messages and docs. */
  source?: string;
  sections: SectionSpec[];
}

export type DocumentKind = 'overview-report' | 'executive-summary' | 'imr';

interface SectionsData {
  documents: Record<DocumentKind, DocumentSpec>;
  'learning-review'?: Partial<Record<DocumentKind, string[]>>;
}

/** A profile's `report_sections`: how an area adapts the section lists. */
export interface ReportSectionsSettings extends Partial<Omit<SectionsData, 'documents'>> {
  /** Severity of report/required-section findings for this area (e.g. `warning` for a local layout). */
  severity?: Severity | 'warn';
  /** Extra headings accepted, by section id (in every document that has the section). */
  variants?: Record<string, string[]>;
  /** A document's list given here replaces the default one. */
  documents?: Partial<Record<DocumentKind, DocumentSpec>>;
}

/** Anything with a `report_sections` key (a profile). */
export interface HasReportSections {
  report_sections?: ReportSectionsSettings;
}

let defaults: SectionsData | undefined;

/** Finds profiles/report-sections.yml from src/review/ or from the compiled dist/src/review/. */
function sectionsFile(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const c = path.join(dir, 'profiles', 'report-sections.yml');
    if (existsSync(c)) return c;
    dir = path.dirname(dir);
  }
  throw new Error('profiles/report-sections.yml not found next to the dhr installation');
}

function loadDefaults(): SectionsData {
  if (!defaults) {
    const text = readFileSync(sectionsFile(), 'utf8');
    defaults = parseShippedYaml(text) as SectionsData;
  }
  return defaults;
}

function settingsOf(profile: HasReportSections | undefined): ReportSectionsSettings | undefined {
  const s = profile?.report_sections;
  return s && typeof s === 'object' ? s : undefined;
}

/** The severity a profile gives structure findings, if it sets one. */
export function structureSeverity(profile: HasReportSections | undefined): Severity | undefined {
  const s = settingsOf(profile)?.severity;
  if (s === 'warn') return 'warning';
  return s === 'error' || s === 'warning' || s === 'info' ? s : undefined;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The sections a document must have, in order, for a review type. A profile's `report_sections`
 * replaces a document's list or the learning-review selection, and adds variants by section id.
 */
export function requiredSections(kind: DocumentKind, type: ReviewType | undefined, profile?: HasReportSections): DocumentSpec {
  const base = loadDefaults();
  const over = settingsOf(profile);
  const given = over?.documents?.[kind] ?? base.documents[kind];
  const extra = over?.variants && typeof over.variants === 'object' ? over.variants : {};
  // a hand-edited list may be malformed: keep only usable entries rather than fail the lint
  const doc: DocumentSpec = {
    name: typeof given?.name === 'string' ? given.name : kind.replace(/-/g, ' '),
    source: given?.source,
    sections: (Array.isArray(given?.sections) ? given.sections : [])
      .filter((s): s is SectionSpec => !!s && typeof s.heading === 'string')
      .map((s) => {
        const id = typeof s.id === 'string' ? s.id : normaliseHeading(s.heading).replace(/ /g, '-');
        const variants = [...strings(s.variants), ...strings(extra[id])];
        return { ...s, id, variants: variants.length ? variants : undefined, group: typeof s.group === 'string' ? s.group : undefined };
      }),
  };
  if (type !== 'learning-review') return doc;
  const pick = over?.['learning-review']?.[kind] ?? base['learning-review']?.[kind];
  if (!Array.isArray(pick)) return doc;
  return { ...doc, sections: doc.sections.filter((s) => pick.includes(s.id)) };
}

// ---- matching a heading to template sections ----

/**
 * How a heading matched: `exact` (the title or a listed variant, also by its part before a colon),
 * `combined` (every part of "Conclusions and Recommendations" names a section), `close` (shared
 * words or a typo: accepted, with a note naming the section's title).
 */
export type MatchKind = 'exact' | 'combined' | 'close';

export interface HeadingMatch {
  /** Indices into the section list, in template order. */
  sections: number[];
  kind: MatchKind;
}

interface Names {
  /** Normalised heading or variant → the section's index (the first section that has it). */
  exact: Map<string, number>;
  /** Each section's names as content words. */
  words: string[][][];
}
const namesCache = new WeakMap<SectionSpec[], Names>();

/** The section list's names, normalised once per list. */
function names(sections: SectionSpec[]): Names {
  let n = namesCache.get(sections);
  if (!n) {
    const exact = new Map<string, number>();
    const words = sections.map((s, i) => [s.heading, ...(s.variants ?? [])].map((h) => {
      const key = normaliseHeading(h);
      if (!exact.has(key)) exact.set(key, i);
      return contentWords(key);
    }).filter((w) => w.length));
    n = { exact, words };
    namesCache.set(sections, n);
  }
  return n;
}

function exactIndex(key: string, sections: SectionSpec[]): number {
  return names(sections).exact.get(key) ?? -1;
}

const STOP = new Set(['of', 'and', 'to', 'be', 'by', 'in', 'for', 'a', 'an', 'on', 'with', 'from', 'into', 'this', 'its', 'their', 'our', 'or', 'at']);

/** A word reduced for loose comparison: "lessons" → "lesson", "learned"/"learnt"/"learning" → "learn". */
export function stem(w: string): string {
  if (/^learn(?:ed|t|ing|s)?$/.test(w)) return 'learn';
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The content words of a normalised text, stemmed. */
export function contentWords(normalised: string): string[] {
  return normalised.split(' ').filter((w) => w && !STOP.has(w)).map(stem);
}

/** Levenshtein distance, or `max + 1` when it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d = levenshtein(a, b);
  return d > max ? max + 1 : d;
}

/** Two words are the same word, allowing a typo in a long one. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  if (n < 5 || a[0] !== b[0] || Math.abs(a.length - b.length) > 2) return false;
  return distance(a, b, n >= 9 ? 2 : 1) <= (n >= 9 ? 2 : 1);
}

function shared(a: string[], b: string[]): number {
  const used = new Set<number>();
  let n = 0;
  for (const w of a) {
    const j = b.findIndex((x, k) => !used.has(k) && sameWord(w, x));
    if (j >= 0) {
      used.add(j);
      n++;
    }
  }
  return n;
}

/**
 * The section a heading is close to, if any: every content word of a section name appears in the
 * heading (and the heading starts with that name's first word), or the two share most of their
 * words (Dice ≥ 0.7, typos allowed). Of several, the one whose first word leads, then the closest.
 */
function closeIndex(key: string, sections: SectionSpec[], skip: Set<number>): number {
  const words = contentWords(key);
  if (!words.length || words.length > 12) return -1; // a sentence, not a section title
  let best = -1;
  let bestScore = 0;
  const all = names(sections).words;
  sections.forEach((_s, i) => {
    if (skip.has(i)) return;
    for (const cand of all[i]) {
      const common = shared(cand, words);
      const dice = (2 * common) / (cand.length + words.length);
      const leads = common === cand.length && sameWord(cand[0], words[0]);
      if (!leads && dice < 0.7) continue;
      const score = (leads ? 1 : 0) + dice;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
  });
  return best;
}

/** The parts of a combined heading: "Conclusions and Recommendations", "Conclusions / Recommendations". */
function parts(text: string): string[] {
  return stripNumbering(text).split(/\s+(?:and|&)\s+|\s*[/,;+]\s*/i).map((p) => normaliseHeading(p)).filter(Boolean);
}

export interface MatchOptions {
  /** Try close matches (default true). */
  close?: boolean;
  /** Sections already found: a close match never goes to one of these. */
  found?: Set<number>;
}

/** The template section(s) a heading names, or undefined. */
export function matchHeading(text: string, sections: SectionSpec[], opts: MatchOptions = {}): HeadingMatch | undefined {
  const keys = headingKeys(text);
  for (const key of keys) {
    const i = exactIndex(key, sections);
    if (i >= 0) return { sections: [i], kind: 'exact' };
  }
  const p = parts(text);
  if (p.length > 1) {
    const hits = p.map((k) => exactIndex(k, sections));
    const distinct = [...new Set(hits.filter((i) => i >= 0))].sort((a, b) => a - b);
    if (hits.every((i) => i >= 0)) return { sections: distinct, kind: 'combined' };
    if (distinct.length > 1) return { sections: distinct, kind: 'close' };
  }
  if (opts.close === false) return undefined;
  const skip = opts.found ?? new Set<number>();
  for (const key of keys) {
    const i = closeIndex(key, sections, skip);
    if (i >= 0) return { sections: [i], kind: 'close' };
  }
  return undefined;
}

/** Index of the section a heading names exactly (title, variant, or its part before a colon), or -1. */
export function matchSection(text: string, sections: SectionSpec[]): number {
  const m = matchHeading(text, sections, { close: false });
  return m && m.sections.length === 1 ? m.sections[0] : -1;
}

// ---- sections of a Markdown tree ----

export interface Section {
  heading: Heading;
  /** Index of the heading among the root's children. */
  index: number;
  /** Index just after the section's last node (the next heading of the same or a higher level). */
  end: number;
  text: string;
}

/** Headings of a document (at the top level) down to `maxDepth`, each with its extent. */
export function topSections(tree: Root, maxDepth = 2): Section[] {
  const kids = tree.children;
  const out: Section[] = [];
  kids.forEach((n: RootContent, i) => {
    if (n.type !== 'heading' || n.depth > maxDepth) return;
    let end = kids.length;
    for (let j = i + 1; j < kids.length; j++) {
      const k = kids[j];
      if (k.type === 'heading' && k.depth <= n.depth) {
        end = j;
        break;
      }
    }
    out.push({ heading: n, index: i, end, text: plainText(n) });
  });
  return out;
}

/** An appendix or annex: its headings may name template sections but are not the report's body. */
export function isAppendixHeading(text: string): boolean {
  return /^\s*(?:appendix|appendices|annex|annexe)\b/i.test(text);
}

export interface SectionMatch extends Section {
  match: HeadingMatch;
  /** Level-3 headings and appendices show a section is there, but do not count for its order. */
  presenceOnly: boolean;
}

/**
 * The headings of a document that name template sections, in file order: level-1/2 headings
 * first (exact and combined matches, then close ones for sections not found exactly), then
 * level-3 headings for sections still missing.
 */
export function matchSections(tree: Root, sections: SectionSpec[]): SectionMatch[] {
  const all = topSections(tree, 3);
  const out = new Map<number, SectionMatch>();
  const found = new Set<number>();
  // "Part Three: Analysis" above "15. Overview" and "16. Analysis…": a container, read last, not for order
  const exact = all.map((s) => matchHeading(s.text, sections, { close: false }) !== undefined);
  const container = all.map((s, k) => {
    if (/^\s*(?:part|chapter)\s+\S+/i.test(s.text)) return true;
    for (let j = k + 1; j < all.length && all[j].index < s.end; j++) if (exact[j]) return true;
    return false;
  });
  const pass = (depthOk: (d: number) => boolean, close: boolean, containers = false) => {
    all.forEach((s, k) => {
      if (out.has(k) || !depthOk(s.heading.depth) || container[k] !== containers) return;
      // a document's title ("Overview report into the death of Adult A") names a section only exactly
      const title = k === 0 && s.heading.depth === 1;
      const m = matchHeading(s.text, sections, { close: close && !title, found });
      if (!m || m.sections.every((i) => found.has(i))) return;
      const fresh = { ...m, sections: m.sections.filter((i) => !found.has(i)) };
      for (const i of fresh.sections) found.add(i);
      out.set(k, { ...s, match: fresh, presenceOnly: containers || s.heading.depth > 2 || isAppendixHeading(s.text) });
    });
  };
  pass((d) => d <= 2, false);
  pass((d) => d <= 2, true);
  pass((d) => d === 3, false);
  pass((d) => d <= 3, false, true);
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
}

/** The first level-1/2 section whose heading matches one of `names` (compared normalised). */
export function findSection(tree: Root, names: string[]): Section | undefined {
  const want = names.map(normaliseHeading);
  return topSections(tree).find((s) => headingKeys(s.text).some((k) => want.includes(k)));
}
