/** `anon/identity` — see identity.md. */
import type { Review, SourceFile } from '../../review/model.js';
import { hidePath } from '../../lint/safe-paths.js';
import { relPath } from '../../review/source.js';
import { defineRule } from '../../lint/rule.js';
import { matcherFor, type IdentityEntry, type IdentityMatch, type IdentityMatcher } from './matcher.js';
import { readerView } from './normalise.js';
import { findInView, reviewFolderEntry, reviewInventory, reviewTexts, spanAt, type PathEntry } from './text.js';
import { fileSeams, seamMatches, seamsWhere } from './cells.js';
import { adoptScans, takeOffloadedScan, type SentEntry } from './scan-offload.js';

const START = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const byMatcher = new WeakMap<IdentityMatcher, WeakMap<SourceFile, IdentityMatch[]>>();

// what the worker of scan-offload.ts found in a large file, for the register it was given
adoptScans((file, scan, entries, register) => {
  if (!scan.identity || !register) return;
  const matcher = matcherFor(register);
  let files = byMatcher.get(matcher);
  if (!files) byMatcher.set(matcher, (files = new WeakMap()));
  if (!files.has(file)) files.set(file, decodeIdentity(scan.identity, entries));
});

/** Identity matches as numbers, four a match (start, end, possessive end, entry), for scan-offload.ts's worker. */
export function encodeIdentity(found: IdentityMatch[], entries: SentEntry[], index: Map<IdentityEntry, number>): Int32Array {
  const flat = new Int32Array(found.length * 4);
  found.forEach((m, k) => {
    let e = index.get(m.entry);
    if (e === undefined) {
      index.set(m.entry, (e = entries.length));
      entries.push({ pseudonym: m.entry.pseudonym, kind: m.entry.kind, placeholder: m.entry.placeholder });
    }
    flat.set([m.start, m.end, m.possessiveEnd, e], k * 4);
  });
  return flat;
}

/** The matches back from numbers (the entries are plain copies of the worker's: only their fields are read). */
function decodeIdentity(flat: Int32Array, entries: SentEntry[]): IdentityMatch[] {
  const out: IdentityMatch[] = [];
  for (let k = 0; k < flat.length; k += 4) out.push({ start: flat[k]!, end: flat[k + 1]!, possessiveEnd: flat[k + 2]!, entry: entries[flat[k + 3]!] as IdentityEntry });
  return out;
}

/** The register's matches in a file (reader's view, positions in the file as written), once per file. */
export function identityMatches(file: SourceFile, matcher: IdentityMatcher): IdentityMatch[] {
  let files = byMatcher.get(matcher);
  if (!files) byMatcher.set(matcher, (files = new WeakMap()));
  let hit = files.get(file);
  if (!hit) {
    takeOffloadedScan(file);
    hit = files.get(file);
  }
  if (!hit) {
    hit = findInView(file, (t) => matcher.find(t));
    const more = underscoreMatches(file.text, matcher, hit);
    if (more.length) hit = [...hit, ...more].sort((a, b) => a.start - b.start);
    files.set(file, hit);
  }
  return hit;
}

const UNDERSCORE_IN_WORD = /(?<=[\p{L}\p{N}])_+(?=[\p{L}\p{N}])/gu;
const WINDOW = 80;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * "whitby_j": the reader's view takes an underscore between letters for emphasis and drops it
 * ("whitbyj"), so around such underscores the text is read again with the underscores as spaces;
 * what is found beside one and not already found is added. Only those places are read again (a
 * chronology's header has `key_event`: reading whole files twice cost 15% of a lint), and places
 * near each other are read as one, so a text of many underscores is still read once.
 */
function underscoreMatches(text: string, matcher: IdentityMatcher, found: IdentityMatch[]): IdentityMatch[] {
  const out: IdentityMatch[] = [];
  const isWordChar = (i: number) => WORD_CHAR.test(text[i] ?? '');
  const read = (from: number, to: number) => {
    const view = readerView(text.slice(from, to).replace(/_/g, ' '));
    for (const m of matcher.find(view.text)) {
      const start = from + view.toStart(m.start);
      const end = from + Math.max(view.toStart(m.start), view.toEnd(m.end));
      // not beside an underscore: the file's own reading has it
      if (!text.slice(Math.max(0, start - 1), end + 1).includes('_')) continue;
      // cut by the edge of the window
      if ((start === from && from > 0 && isWordChar(from - 1)) || (end === to && to < text.length && isWordChar(to))) continue;
      const hit = { ...m, start, end, possessiveEnd: Math.max(end, from + view.toEnd(m.possessiveEnd)) };
      if (!found.some((h) => h.start < hit.end && h.end > hit.start) && !out.some((h) => h.start < hit.end && h.end > hit.start)) out.push(hit);
    }
  };
  let from = -1;
  let to = -1;
  UNDERSCORE_IN_WORD.lastIndex = 0;
  for (let u = UNDERSCORE_IN_WORD.exec(text); u; u = UNDERSCORE_IN_WORD.exec(text)) {
    const a = Math.max(0, u.index - WINDOW);
    const b = Math.min(text.length, u.index + u[0].length + WINDOW);
    if (from >= 0 && a <= to) to = b;
    else {
      if (from >= 0) read(from, to);
      from = a;
      to = b;
    }
  }
  if (from >= 0) read(from, to);
  return out;
}

/** What a file or folder name holds: read as a reader reads it, and with its underscores as spaces. */
function nameMatches(name: string, matcher: IdentityMatcher): IdentityMatch[] {
  const found = matcher.find(readerView(name).text, { anyCase: true });
  return name.includes('_') ? [...found, ...matcher.find(readerView(name.replace(/_/g, ' ')).text, { anyCase: true })] : found;
}

const pathHits = new WeakMap<Review, WeakMap<IdentityMatcher, Array<{ entry: PathEntry; match: IdentityMatch }>>>();

/**
 * Files and folders of a review whose own name holds a registered name or identifier (any case:
 * file names are often lower case). Each is marked so that no output prints its path (safe-paths.ts).
 */
export function identityPathMatches(review: Review, matcher: IdentityMatcher): Array<{ entry: PathEntry; match: IdentityMatch }> {
  let per = pathHits.get(review);
  if (!per) pathHits.set(review, (per = new WeakMap()));
  let hit = per.get(matcher);
  if (!hit) {
    hit = [];
    // the review folder's own name ("reviews/<victim's name>/") is printed in every finding's path
    const self = reviewFolderEntry(review);
    for (const entry of [...(self ? [self] : []), ...reviewInventory(review).entries]) {
      const found = nameMatches(entry.name, matcher);
      if (found.length === 0) continue;
      const best = found.find((m) => m.entry.kind !== 'variant') ?? found[0];
      hidePath(review, entry);
      hit.push({ entry, match: best });
    }
    per.set(matcher, hit);
  }
  return hit;
}

/** The words after a finding in an office document or PDF: positions are in its extracted text. */
export function whereIn(kind: string): string {
  return kind === 'document' ? ' (in the text extracted from this document: the line is its paragraph)' : '';
}

export const identity = defineRule({
  id: 'anon/identity',
  tag: 'anon',
  severity: 'error',
  description: 'a registered real name or identifier appears anywhere in the review: any file, any field, any file or folder name (case, accents, look-alike letters, markup, short forms and line wraps do not hide it)',
}, (ctx) => {
  if (!ctx.identities || !Array.isArray(ctx.identities.people) || ctx.identities.people.length === 0) return;
  const matcher = matcherFor(ctx.identities);
  for (const tf of reviewTexts(ctx.review)) {
    for (const m of identityMatches(tf.file, matcher)) {
      // a given name or its short form alone: anon/identity-variant (a warning)
      if (m.entry.kind === 'variant') continue;
      // the register always wins: also in chair, panel and author fields (a registered person is a subject)
      const who = m.entry.pseudonym;
      const message = m.entry.kind !== 'identifier'
        ? `real name of ${who} found: replace it with the pseudonym "${who}" (dhr redact can do this)`
        : `identifier of ${who} found (${m.entry.placeholder.replace(/^\[|\]$/g, '')}): remove it (dhr redact replaces it with ${m.entry.placeholder})`;
      ctx.report(tf.file, spanAt(tf.file, m.start, m.end), message + whereIn(tf.kind), tf.file.text.slice(m.start, m.end));
    }
    // a name split across two cells ("Darren","Hollowell"): read across each join of a CSV or TSV row
    const delimiter = /\.tsv$/i.test(tf.file.path) ? '\t' : /\.csv$/i.test(tf.file.path) ? ',' : undefined;
    if (!delimiter) continue;
    const found = identityMatches(tf.file, matcher);
    // only seams where a registered name could run across the join are read (most are passed over unread)
    const text = tf.file.text;
    const seams = seamsWhere(fileSeams(tf.file), (leftFrom, leftEnd, rightStart) => matcher.mayCrossJoin(text, leftFrom, leftEnd, rightStart));
    for (const { match, start, end } of seamMatches(seams, delimiter, (t) => matcher.find(t))) {
      if (match.entry.kind === 'variant' || match.entry.kind === 'identifier') continue;
      if (found.some((m) => m.start < end && m.end > start && m.entry.kind !== 'variant')) continue;
      const who = match.entry.pseudonym;
      ctx.report(tf.file, spanAt(tf.file, start, end),
        `real name of ${who} found, split across two cells: replace it with the pseudonym "${who}" (dhr redact can do this)`, tf.file.text.slice(start, end));
    }
  }
  for (const { entry, match } of identityPathMatches(ctx.review, matcher)) {
    if (match.entry.kind === 'variant') continue;
    const what = entry.dir ? 'folder' : 'file';
    const who = match.entry.pseudonym;
    const holds = match.entry.kind === 'identifier' ? `an identifier of ${who}` : `the real name of ${who}`;
    ctx.report(relPath(entry.abs), START,
      `the name of this ${what} holds ${holds}: rename it (git mv) using the pseudonym; its name is not printed`, entry.name);
  }
});
