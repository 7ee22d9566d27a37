/**
 * Headings and sections of the Markdown reports: heading normalisation (numbering, case,
 * punctuation), the template section lists (data in `sections.yml`, overridable by a profile's
 * `report_sections`), and finding a named section in an mdast tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Heading, Root, RootContent } from 'mdast';
import type { Profile } from '../../lint/profile.js';
import type { ReviewType } from '../../review/model.js';

/** The plain text of an mdast node (footnote references and HTML left out). */
export function plainText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: string; value?: unknown; alt?: unknown; children?: unknown[] };
  if (n.type === 'html' || n.type === 'footnoteReference' || n.type === 'yaml') return '';
  if (n.type === 'break') return ' ';
  if (n.type === 'image' || n.type === 'imageReference') return typeof n.alt === 'string' ? n.alt : '';
  if (typeof n.value === 'string') return n.value;
  if (Array.isArray(n.children)) {
    const block = n.type === 'listItem' || n.type === 'list' || n.type === 'blockquote' || n.type === 'root';
    return n.children.map(plainText).join(block ? ' ' : '');
  }
  return '';
}

const NUMBERING = /^\s*(?:(?:section|part|chapter)\s+)?(?:\d+(?:\.\d+)*[.:)]?|[ivxlc]+[.)]|[a-z][.)]|\(\w{1,4}\))\s+/i;

/**
 * A heading reduced for comparison: without leading numbering ("1.", "2.3", "iv.", "(a)"),
 * accents, case, punctuation and the word "the"; "&" reads as "and".
 */
export function normaliseHeading(text: string): string {
  let t = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim();
  for (let i = 0; i < 2 && NUMBERING.test(t); i++) t = t.replace(NUMBERING, '');
  t = t.toLowerCase().replace(/&/g, ' and ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return t.split(' ').filter((w) => w !== 'the').join(' ');
}

/**
 * The forms a heading is matched by: the whole heading, and its part before a colon, dash or
 * bracket ("Analysis: agency responses" is an Analysis section).
 */
export function headingKeys(text: string): string[] {
  const keys = [normaliseHeading(text)];
  const m = /^(.*?\S)\s*(?::|\(|\s[-–—]\s)/.exec(text);
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

let defaults: SectionsData | undefined;

/** Finds sections.yml beside this module (in src/) or, from the compiled dist/, in the source tree. */
function sectionsFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const local = path.join(here, 'sections.yml');
  if (existsSync(local)) return local;
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const c = path.join(dir, 'src', 'rules', 'report', 'sections.yml');
    if (existsSync(c)) return c;
    dir = path.dirname(dir);
  }
  throw new Error('src/rules/report/sections.yml not found next to the dhr installation');
}

function loadDefaults(): SectionsData {
  if (!defaults) defaults = parse(readFileSync(sectionsFile(), 'utf8')) as SectionsData;
  return defaults;
}

/**
 * The sections a document must have, in order, for a review type; a profile's `report_sections`
 * (same shape as sections.yml) replaces a document's list or the learning-review selection.
 */
export function requiredSections(kind: DocumentKind, type: ReviewType | undefined, profile?: Profile): DocumentSpec {
  const base = loadDefaults();
  const over = (profile as unknown as { report_sections?: Partial<SectionsData> } | undefined)?.report_sections;
  const given = over?.documents?.[kind] ?? base.documents[kind];
  // a hand-edited list may be malformed: keep only usable entries rather than fail the lint
  const doc: DocumentSpec = {
    name: typeof given?.name === 'string' ? given.name : kind.replace(/-/g, ' '),
    source: given?.source,
    sections: (Array.isArray(given?.sections) ? given.sections : [])
      .filter((s): s is SectionSpec => !!s && typeof s.heading === 'string')
      .map((s) => ({ ...s, id: typeof s.id === 'string' ? s.id : normaliseHeading(s.heading).replace(/ /g, '-'),
        variants: Array.isArray(s.variants) ? s.variants.filter((v) => typeof v === 'string') : undefined })),
  };
  if (type !== 'learning-review') return doc;
  const pick = over?.['learning-review']?.[kind] ?? base['learning-review']?.[kind];
  if (!Array.isArray(pick)) return doc;
  return { ...doc, sections: doc.sections.filter((s) => pick.includes(s.id)) };
}

/** Index of the section a heading text names, or -1. */
export function matchSection(text: string, sections: SectionSpec[]): number {
  const keys = headingKeys(text);
  for (const key of keys) {
    const i = sections.findIndex((s) => [s.heading, ...(s.variants ?? [])].some((h) => normaliseHeading(h) === key));
    if (i >= 0) return i;
  }
  return -1;
}

export interface Section {
  heading: Heading;
  /** Index of the heading among the root's children. */
  index: number;
  /** Index just after the section's last node (the next heading of the same or a higher level). */
  end: number;
  text: string;
}

/** Level-1 and level-2 headings of a document (at the top level), each with its extent. */
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

/** The first level-1/2 section whose heading matches one of `names` (compared normalised). */
export function findSection(tree: Root, names: string[]): Section | undefined {
  const want = names.map(normaliseHeading);
  return topSections(tree).find((s) => headingKeys(s.text).some((k) => want.includes(k)));
}
