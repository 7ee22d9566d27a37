/** `anon/person-name` — see person-name.md. */
import { defineRule, type RuleContext } from '../../lint/rule.js';
import type { SourceFile } from '../../review/model.js';
import { crossesJoin, fileSeams, seamsWhere } from './cells.js';
import { anonData } from './data.js';
import { isGivenName } from './name-scan.js';
import { isSurnameLike, judgeName, nameContext, norm, type NameContext, type NameReason } from './names.js';
import { scanFile, scanText } from './patterns.js';
import { viewOf } from './normalise.js';
import { namesAllowedAt, notProseAt, reviewFolderEntry, reviewInventory, reviewTexts, spanAt, viewScan, type PathEntry, type TextFile } from './text.js';
import { hidePath } from '../../lint/safe-paths.js';
import { relPath } from '../../review/source.js';

const ADVICE = 'use the pseudonym or the person\'s role instead';
const OPTIONS = 'a cited author or an official named on purpose goes in allowed_names in dhr.config.yml, a word that is not a name in allowed_terms';

const MESSAGES: Record<NameReason, string> = {
  'name': `possible personal name: ${ADVICE}; ${OPTIONS}`,
  'beside-pseudonym': 'possible real name beside a pseudonym (a pseudonym does not make the word next to it safe): write the pseudonym alone or the person\'s role',
  'beside-term': `possible personal name: a given name next to an allowed place or term (the allowed word may be a real surname here): ${ADVICE}`,
  'declared-variant': 'possible personal name that shares a word with a chair, panel member or author declared for this review but is not written as declared: write the name exactly as in review.yml or the IMR front matter, or use the person\'s role',
};

const SPLIT = ' (the name runs across two CSV cells)';

/** Pseudonyms that are not themselves found by the scan ("Adult A"): the capitalised word after them. */
function pseudonymRe(nc: NameContext): RegExp | undefined {
  const list = nc.pseudonyms.filter((p) => /^\p{Lu}/u.test(p)).sort((a, b) => b.length - a.length);
  if (!list.length) return undefined;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[ \\t]+');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(esc).join('|')})[ \\t]+(\\p{Lu}[\\p{L}'’]*(?:-\\p{Lu}[\\p{L}'’]*)?)(?![\\p{L}\\p{N}])`, 'gu');
}

export const personName = defineRule({
  id: 'anon/person-name',
  tag: 'anon',
  severity: 'warning',
  description: 'a likely personal name that is not a pseudonym, chair/panel name or allowed term',
}, (ctx) => {
  let nc: NameContext | undefined;
  let pre: RegExp | undefined | null = null;
  const report = (file: SourceFile, start: number, end: number, reason: NameReason, suffix = '') => {
    ctx.report(file, spanAt(file, start, end), MESSAGES[reason] + suffix, file.text.slice(start, end));
  };
  for (const tf of reviewTexts(ctx.review)) {
    const text = tf.file.text;
    const found: Array<[number, number]> = [];
    const skip = (a: number, b: number) => namesAllowedAt(tf, a, b) || notProseAt(tf, a, b);
    // names as a reader reads them (the view: look-alike letters folded, tags and emphasis dropped),
    // judged in the view and reported at the file's offsets; when the view dropped text (tag
    // attributes), the file as written is read as well
    const v = viewOf(tf.file);
    const passes: Array<{ inView: boolean; read: string }> = v.identity ? [{ inView: false, read: text }]
      : v.lossy ? [{ inView: true, read: v.text }, { inView: false, read: text }] : [{ inView: true, read: v.text }];
    for (const { inView, read } of passes) {
      for (const m of inView ? viewScan(tf.file) : scanFile(tf.file)) {
        if (m.kind !== 'person-name' || !m.name) continue;
        const start = inView ? v.toStart(m.start) : m.start;
        const end = inView ? Math.max(start, v.toEnd(m.end)) : m.end;
        if (skip(start, end) || found.some(([a, b]) => start < b && end > a)) continue;
        nc ??= nameContext(ctx);
        const reason = refine(nc, m.name.words, judgeName(nc, m.name, read));
        if (!reason) continue;
        found.push([start, end]);
        report(tf.file, start, end, reason);
      }
    }
    // a pseudonym that is not a given name ("Adult A"), then a surname
    nc ??= nameContext(ctx);
    if (pre === null) pre = pseudonymRe(nc);
    if (pre && nc.pseudonyms.some((p) => text.includes(p.split(/\s+/)[0]))) {
      pre.lastIndex = 0;
      for (let m = pre.exec(text); m; m = pre.exec(text)) {
        const word = m[1].replace(/['’]s?$/, '');
        const start = m.index;
        const end = start + m[0].length - (m[1].length - word.length);
        if (found.some(([a, b]) => start < b && end > a) || skip(start, end)) continue;
        const low = norm(word);
        if (low.split(' ').every((w) => nc!.words.has(w)) || !isSurnameLike(nc, word, false)) continue;
        found.push([start, end]);
        report(tf.file, start, end, 'beside-pseudonym');
      }
    }
    // a name split across two CSV cells, or two cells of a Markdown table ("| Maureen | Tilley |")
    if (tf.kind === 'csv' || /\.(csv|tsv)$/i.test(tf.file.path)) checkSeams(tf, nc, found, report);
    else if (text.includes('|')) checkTableSeams(tf, nc, found, report);
  }
  for (const entry of namedPaths(ctx)) {
    ctx.report(relPath(entry.abs), START,
      `the name of this ${entry.dir ? 'folder' : 'file'} may hold a personal name: rename it (git mv) using the pseudonym, the agency or the document's role; its name is not printed`, entry.name);
  }
});

/**
 * `dhr validate` runs no rule, but prints paths: this withholds the same paths (a review folder
 * named after the victim, an IMR named after a practitioner) and reports nothing.
 */
export const withholdNamedPaths = defineRule({ ...personName.meta, description: 'withholds the paths anon/person-name would report' }, (ctx) => {
  namedPaths(ctx);
});

const START = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const pathsSeen = new WeakMap<object, PathEntry[]>();

/**
 * File and folder names, the review's own folder first ("reviews/margaret-thornbury/"), that read
 * as a personal name: a name there is printed with every finding in the file, so each is marked
 * never to be printed (safe-paths.ts). Once per review.
 */
function namedPaths(ctx: RuleContext): PathEntry[] {
  const hit = pathsSeen.get(ctx.review);
  if (hit) return hit;
  const out: PathEntry[] = [];
  let nc: NameContext | undefined;
  const self = reviewFolderEntry(ctx.review);
  for (const entry of [...(self ? [self] : []), ...reviewInventory(ctx.review).entries]) {
    const read = nameWordsOf(entry);
    if (!read) continue;
    for (const m of scanText(read)) {
      if (m.kind !== 'person-name' || !m.name) continue;
      nc ??= nameContext(ctx);
      if (refine(nc, m.name.words, judgeName(nc, m.name, read)) !== 'name') continue;
      hidePath(ctx.review, entry);
      out.push(entry);
      break;
    }
  }
  pathsSeen.set(ctx.review, out);
  return out;
}

/**
 * A file or folder name read as words, each capitalised as a name would be written
 * ("margaret_thornbury.md", "MargaretThornbury.txt", "margaret-thornbury" → "Margaret Thornbury"),
 * or undefined for a name of one word.
 */
function nameWordsOf(entry: PathEntry): string | undefined {
  const stem = entry.dir ? entry.name : entry.name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const words = stem.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').split(/[^\p{L}'’]+/u).filter((w) => w.length > 0);
  if (words.length < 2) return undefined;
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join(' ');
}

/** A plain "name" that shares a word with a declared person gets the declared-name advice. */
function refine(nc: NameContext, words: string[], reason: NameReason | undefined): NameReason | undefined {
  if (reason !== 'name') return reason;
  return words.some((w) => norm(w).split(' ').some((x) => nc.declared.has(x))) ? 'declared-variant' : reason;
}

/** A letter, apostrophe or hyphen: what a word of a name is made of. */
const WORD_CHAR = /^[\p{L}'’-]$/u;

/**
 * The last word of `text.slice(from, end)` (letters, apostrophes and hyphens), before one full stop
 * at most; undefined when there is none. Read backwards from the end: a seam's left side is a
 * whole cell, often a long event.
 */
export function lastWordBefore(text: string, from: number, end: number): string | undefined {
  let stop = end;
  if (stop > from && text.charCodeAt(stop - 1) === 46) stop--; // '.'
  let start = stop;
  while (start > from) {
    const low = text.charCodeAt(start - 1);
    if (low < 128) {
      // ASCII: a letter, ' or -
      if ((low >= 97 && low <= 122) || (low >= 65 && low <= 90) || low === 39 || low === 45) {
        start--;
        continue;
      }
      break;
    }
    const pair = low >= 0xdc00 && low <= 0xdfff && start - 2 >= from && text.charCodeAt(start - 2) >= 0xd800 && text.charCodeAt(start - 2) <= 0xdbff;
    const at = pair ? start - 2 : start - 1;
    if (!WORD_CHAR.test(text.slice(at, start))) break;
    start = at;
  }
  return start < stop ? text.slice(start, stop) : undefined;
}

const TABLE_SEAM = /(?<![\p{L}'’-])(\p{Lu}[\p{Ll}'’-]+)[ \t]*\|[ \t]*(\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)?)(?![\p{L}])/gu;

function checkTableSeams(tf: TextFile, nc: NameContext, found: Array<[number, number]>,
  report: (file: SourceFile, start: number, end: number, reason: NameReason, suffix?: string) => void): void {
  const text = tf.file.text;
  TABLE_SEAM.lastIndex = 0;
  for (let m = TABLE_SEAM.exec(text); m; m = TABLE_SEAM.exec(text)) {
    if (!isGivenName(m[1])) {
      TABLE_SEAM.lastIndex = m.index + m[1].length;
      continue;
    }
    const start = m.index;
    const end = m.index + m[0].length;
    if (found.some(([a, b]) => start < b && end > a) || namesAllowedAt(tf, start, end) || notProseAt(tf, start, end)) continue;
    const reason = refine(nc, [m[1], m[2]], judgeName(nc, { start, end, form: 'given-name', words: [m[1], m[2]] }, text, { cellSeam: true }));
    if (!reason) continue;
    found.push([start, end]);
    report(tf.file, start, end, reason, ' (the name runs across two table cells)');
  }
}

function checkSeams(tf: TextFile, nc: NameContext, found: Array<[number, number]>,
  report: (file: SourceFile, start: number, end: number, reason: NameReason, suffix?: string) => void): void {
  const text = tf.file.text;
  const titles = anonData().titles;
  // most seams end in an ordinary word: only a given name, a title or an initial before the join can start a name
  const seams = seamsWhere(fileSeams(tf.file), (leftFrom, leftEnd) => {
    const word = lastWordBefore(text, leftFrom, leftEnd);
    return word !== undefined && (isGivenName(word) || /^\p{Lu}$/u.test(word) || titles.includes(word));
  });
  for (const seam of seams) {
    for (const m of scanText(seam.text)) {
      if (m.kind !== 'person-name' || !m.name || !crossesJoin(seam, m.start, m.end)) continue;
      // the given name starts its cell or follows a space: "Adult A;Alfie" is a list of subjects, not a sentence
      if (m.start > 0 && !/\s/.test(seam.text[m.start - 1])) continue;
      const start = seam.fileOffset(m.start);
      const end = seam.fileOffset(m.end - 1) + 1;
      if (found.some(([a, b]) => start < b && end > a)) continue;
      if (namesAllowedAt(tf, start, end) || notProseAt(tf, start, end)) continue;
      const reason = refine(nc, m.name.words, judgeName(nc, m.name, seam.text, { cellSeam: true }));
      if (!reason) continue;
      found.push([start, end]);
      report(tf.file, start, end, reason, SPLIT);
    }
  }
}
