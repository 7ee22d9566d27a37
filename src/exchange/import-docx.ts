/**
 * What agencies send back in Word: an IMR (→ `imrs/<agency>.md`) or a chronology table
 * (→ `chronologies/<agency>.csv`).
 *
 * - Tracked changes and comments are refused: deleted text must never be imported, and a comment
 *   may hold anything. The agency accepts or rejects them first.
 * - mammoth turns the DOCX into HTML (Word's headings, lists, tables, footnotes, emphasis), with
 *   paragraphs in the pack's guidance style dropped; the HTML goes to Markdown through the unified
 *   ecosystem (rehype-parse → rehype-remark → remark-gfm → remark-stringify).
 * - The IMR details table becomes the front matter; images are counted and listed, never silently
 *   dropped; a chronology table maps its headings and dates exactly as the spreadsheet import does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { remarkGfm, unified } from '../vendor/markdown.js';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkStringify from 'remark-stringify';
import { stringify as yamlStringify } from '../vendor/yaml.js';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { ImportError, convertSheet, type ImportResult, type Sheet } from '../chronology/import.js';
import { mapHeading } from '../chronology/import.js';
import { ANSWER_PLACEHOLDER, DETAIL_FIELDS, DETAILS_CAPTION, GUIDANCE_STYLE } from './imr-form.js';
import { parseIdentityText, type PackIdentity } from './identity.js';

export interface DocxImrResult {
  markdown: string;
  frontMatter: Record<string, unknown>;
  /** Details the form asks for that were left empty or could not be read (named by question). */
  missing: string[];
  images: number;
  identity?: PackIdentity;
  headings: string[];
}

function unzip(file: string): Record<string, Uint8Array> {
  try {
    return unzipSync(readFileSync(file));
  } catch {
    throw new ImportError(`${path.basename(file)} cannot be read as a Word document (.docx)`);
  }
}

/** Refuses a document with tracked changes or comments. */
export function checkRevisions(parts: Record<string, Uint8Array>): void {
  const doc = parts['word/document.xml'];
  if (!doc) throw new ImportError('not a Word document: it has no word/document.xml');
  const xml = strFromU8(doc);
  const tracked = (xml.match(/<w:(?:ins|del|moveFrom|moveTo)\b[^>]*>/g) ?? []).length;
  if (tracked) {
    throw new ImportError(`the document has ${tracked} tracked change${tracked === 1 ? '' : 's'}: accept or reject every change in Word (Review → Accept/Reject), save, and import again`);
  }
  const comments = parts['word/comments.xml'] ? (strFromU8(parts['word/comments.xml']).match(/<w:comment\b/g) ?? []).length : 0;
  if (comments) {
    throw new ImportError(`the document has ${comments} comment${comments === 1 ? '' : 's'}: resolve and delete the comments in Word, save, and import again`);
  }
}

function text(node: ElementContent | HastRoot): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return (node.children as ElementContent[]).map(text).join('');
  return '';
}

function elements(node: { children: ElementContent[] }, tag: string, out: Element[] = []): Element[] {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === tag) out.push(c);
    elements(c, tag, out);
  }
  return out;
}

/** The rows of an HTML table as cell texts. */
function tableRows(t: Element): string[][] {
  return elements(t, 'tr').map((tr) => tr.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
    .map((c) => text(c).replace(/\s+/g, ' ').trim()));
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

async function toHtml(file: string, parts: Record<string, Uint8Array>): Promise<{ html: string; images: number }> {
  checkRevisions(parts);
  let images = 0;
  const result = await mammoth.convertToHtml({ buffer: readFileSync(file) }, {
    styleMap: [
      `p[style-name='${GUIDANCE_STYLE}'] => !`,
      // character styles LibreOffice and Word use for emphasis (direct italics and bold map by themselves)
      "r[style-name='Emphasis'] => em", "r[style-name='Strong Emphasis'] => strong", "r[style-name='Strong'] => strong",
    ],
    convertImage: mammoth.images.imgElement(async () => {
      images++;
      return { src: `dhr-image-${images}` };
    }),
  });
  return { html: result.value, images };
}

function hastOf(html: string): HastRoot {
  return unified().use(rehypeParse, { fragment: true }).parse(html) as HastRoot;
}

function remove(root: HastRoot, target: Element): void {
  const walk = (n: { children: ElementContent[] }): boolean => {
    const i = n.children.indexOf(target);
    if (i >= 0) {
      n.children.splice(i, 1);
      return true;
    }
    return n.children.some((c) => c.type === 'element' && walk(c));
  };
  walk(root as unknown as { children: ElementContent[] });
}

function yesNo(s: string): boolean | undefined {
  if (/^(y|yes|true)$/i.test(s.trim())) return true;
  if (/^(n|no|false)$/i.test(s.trim())) return false;
  return undefined;
}

function dateOf(s: string): string | undefined {
  const t = s.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return t;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads an IMR written in Word (the pack's form, or any document with the IMR's headings). */
export async function importImrDocx(file: string, agency: string): Promise<DocxImrResult> {
  const parts = unzip(file);
  const { html, images } = await toHtml(file, parts);
  const root = hastOf(html);

  // the details table: the first table whose first column asks the form's questions
  const front: Record<string, unknown> = { agency };
  const missing: string[] = [];
  let identity: PackIdentity | undefined;
  const questions = new Map(DETAIL_FIELDS.map((f) => [norm(f.question), f]));
  const details = elements(root as unknown as { children: ElementContent[] }, 'table').find((t) => tableRows(t).filter((r) => questions.has(norm(r[0] ?? ''))).length >= 3);
  if (details) {
    const answers = new Map<string, string>();
    for (const r of tableRows(details)) {
      const f = questions.get(norm(r[0] ?? ''));
      if (f) answers.set(f.key, (r[1] ?? '').trim());
    }
    for (const f of DETAIL_FIELDS) {
      const v = answers.get(f.key) ?? '';
      if (f.key === 'pack') {
        identity = parseIdentityText(v);
        continue;
      }
      if (f.key === 'agency') continue;
      if (!v) {
        if (f.key !== 'quality_assured_on' && f.key !== 'completed_on') missing.push(f.question);
        continue;
      }
      if (f.type === 'yes-no') {
        const b = yesNo(v);
        if (b === undefined) missing.push(`${f.question} (answer Yes or No)`);
        else front[f.key] = b;
      } else if (f.type === 'date') {
        const d = dateOf(v);
        if (!d) missing.push(`${f.question} (write the date as DD/MM/YYYY)`);
        else front[f.key] = d;
      } else {
        front[f.key] = v;
      }
    }
    remove(root, details);
  }
  // the heading of the details table and the unchanged answer placeholders go
  for (const el of [...elements(root as unknown as { children: ElementContent[] }, 'h2'), ...elements(root as unknown as { children: ElementContent[] }, 'p')]) {
    const t = text(el).trim();
    if ((el.tagName === 'h2' && norm(t) === norm(DETAILS_CAPTION)) || t === ANSWER_PLACEHOLDER) remove(root, el);
  }
  // images: counted and reported, not carried into the Markdown
  for (const img of elements(root as unknown as { children: ElementContent[] }, 'img')) remove(root, img);

  // Word tables rarely mark a heading row: their first row is the heading in Markdown
  for (const t of elements(root as unknown as { children: ElementContent[] }, 'table')) {
    if (elements(t, 'th').length) continue;
    const first = elements(t, 'tr')[0];
    for (const c of first?.children ?? []) if (c.type === 'element' && c.tagName === 'td') c.tagName = 'th';
  }
  const mdast = await unified().use(rehypeRemark).run(root as never);
  const body = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_', rule: '-' }).stringify(mdast as never);
  const headings = elements(root as unknown as { children: ElementContent[] }, 'h2').map((h) => text(h).trim());
  const markdown = `---\n${yamlStringify(front, { lineWidth: 0 })}---\n\n${body.replace(/\n{3,}/g, '\n\n').trim()}\n`;
  return { markdown, frontMatter: front, missing, images, identity, headings };
}

/** The first table of a Word document whose headings map to a date and an event column, as a sheet. */
export async function readDocxTable(file: string): Promise<Sheet | undefined> {
  const parts = unzip(file);
  const { html } = await toHtml(file, parts);
  const root = hastOf(html);
  for (const t of elements(root as unknown as { children: ElementContent[] }, 'table')) {
    const rows = tableRows(t);
    const h = rows.findIndex((r, i) => i < 10 && r.some((c) => mapHeading(c) === 'date') && r.some((c) => mapHeading(c) === 'event'));
    if (h < 0) continue;
    return {
      rows: rows.map((cells, i) => ({ number: i + 1, cells: cells.map((c) => (c === '' ? null : c)) })),
      description: 'Word table',
      unit: 'row',
    };
  }
  return undefined;
}

/** True when the document holds a chronology table and no IMR details table: a chronology return. */
export async function docxKind(file: string): Promise<'imr' | 'chronology'> {
  const parts = unzip(file);
  const { html } = await toHtml(file, parts);
  const root = hastOf(html);
  const questions = new Set(DETAIL_FIELDS.map((f) => norm(f.question)));
  const tables = elements(root as unknown as { children: ElementContent[] }, 'table').map(tableRows);
  if (tables.some((rows) => rows.filter((r) => questions.has(norm(r[0] ?? ''))).length >= 3)) return 'imr';
  const chronology = tables.some((rows) => rows.slice(0, 10).some((r) => r.some((c) => mapHeading(c) === 'date') && r.some((c) => mapHeading(c) === 'event')));
  const headings = elements(root as unknown as { children: ElementContent[] }, 'h2').length;
  return chronology && headings < 3 ? 'chronology' : 'imr';
}

/** A Word chronology table → the chronology CSV, through the spreadsheet import's heading map and dates. */
export async function importChronologyDocx(file: string, agency: string): Promise<ImportResult> {
  const sheet = await readDocxTable(file);
  if (!sheet) throw new ImportError('no table with a date column and an event column was found in the document');
  return convertSheet(sheet, agency);
}
