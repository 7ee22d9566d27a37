/**
 * What counts as a name for the name heuristics (anon/person-name, anon/practitioner-name), with the
 * review's context:
 *
 * - declared people, who may be named: the chair, panel members, IMR authors and quality assurers
 *   (review.yml, IMR front matter) and `allowed_names` in dhr.config.yml (cited researchers,
 *   officials signing an appended letter);
 * - pseudonyms (review.yml `subjects`);
 * - allowed terms: agencies, the profile's places, services and parties, `allowed_terms`.
 *
 * A candidate (name-scan.ts) is cut into segments, each the longest run of words that is part of one
 * declared name, pseudonym or term; the rest are uncovered words. It is a likely real name when a
 * given name (uncovered, or the end of a pseudonym or of a declared given name) is followed by a
 * surname-like word that does not continue the same segment: an uncovered surname ("Sarah Baker",
 * "Tom Field"), a place or term standing alone ("Sarah Stroud"), or the surname of a declared person
 * ("Ros Teague"). So a declared pseudonym or an allowed word never launders the word beside it.
 */
import type { RuleContext } from '../../lint/rule.js';
import type { Review } from '../../review/model.js';
import { anonData, dataList } from './data.js';
import { acronyms, calendarWords, institutionWords, isGivenName, notSurnameWords, titleCase, type NameCandidate } from './name-scan.js';
import { allowedTerms } from './pattern-rule.js';

type Kind = 'person' | 'pseudonym' | 'term';

interface Entity {
  kind: Kind;
  /** Lower-case words without diacritics or punctuation. */
  words: string[];
  /** The words as written ("Okafor", "Lyle"), for given-name checks. */
  raw: string[];
  /** From data/public-names.txt: allowed as a whole name, but its words are not allowed alone. */
  public?: boolean;
}

export interface NameContext {
  entities: Entity[];
  /** Every word of every allowed term, pseudonym and declared name (lower case). */
  words: Set<string>;
  /** Words of declared people's names (lower case), for the "variant of a declared name" advice. */
  declared: Set<string>;
  /** Upper-case words inside allowed terms and agency names ("GDASS"): never surnames. */
  acronyms: Set<string>;
  pseudonyms: string[];
}

/** Lower case, diacritics removed, every run of non-letters a space. */
export const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/(\p{L})['’](?=\p{L})/gu, '$1')
  .replace(/[^\p{L}\p{N}&]+/gu, ' ').trim();

/** Words as written: hyphens and spaces separate, an apostrophe inside a word does not ("O'Brien"). */
const rawWords = (s: string) => s.normalize('NFC').split(/[^\p{L}\p{N}&'’]+/u).map((w) => w.replace(/^['’]+|['’]+$/g, '')).filter(Boolean);

let TITLES: Set<string> | undefined;
/** Titles, ranks and post-nominals dropped from declared names ("Dr Gareth Ansty", "DCI …", "… OBE"). */
function isTitleWord(w: string): boolean {
  TITLES ??= new Set([...anonData().titles.map((t) => t.toLowerCase()), 'obe', 'mbe', 'cbe', 'qpm', 'kc', 'qc', 'phd', 'msc', 'ma', 'ba', 'rgn', 'rmn']);
  return TITLES.has(w.toLowerCase());
}

/** Names the review declares as people who may be named: chair, panel, IMR authors and quality assurers. */
export function declaredNames(review: Review, meta: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) out.push(v);
    else if (Array.isArray(v)) for (const x of v) push(x);
    else if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') push((v as { name: string }).name);
  };
  if (meta) {
    push((meta.chair as Record<string, unknown> | null | undefined)?.name);
    for (const p of Array.isArray(meta.panel) ? meta.panel : []) push((p as Record<string, unknown> | null)?.name);
    for (const k of ['author', 'authors', 'quality_assured_by']) push(meta[k]);
  }
  const docs = [...review.imrs.values(), ...review.family, review.overviewReport, review.executiveSummary, review.termsOfReference];
  for (const d of docs) {
    const fm = d?.frontMatter?.data as Record<string, unknown> | undefined;
    if (!fm || typeof fm !== 'object') continue;
    for (const k of ['author', 'authors', 'quality_assured_by', 'chair']) push(fm[k]);
  }
  return out;
}

const contexts = new WeakMap<Review, { config: unknown; profile: unknown; nc: NameContext }>();

/** The name context of a review, built once per lint run (anon/person-name and anon/practitioner-name share it). */
export function nameContext(ctx: RuleContext): NameContext {
  const hit = contexts.get(ctx.review);
  if (hit && hit.config === ctx.config && hit.profile === ctx.profile) return hit.nc;
  const nc = buildNameContext(ctx);
  contexts.set(ctx.review, { config: ctx.config, profile: ctx.profile, nc });
  return nc;
}

function buildNameContext(ctx: RuleContext): NameContext {
  const entities: Entity[] = [];
  const acr = new Set<string>();
  const add = (v: unknown, kind: Kind, pub = false) => {
    if (typeof v !== 'string' || !v.trim()) return;
    for (const w of v.split(/[^\p{L}\p{N}&]+/u)) if (w.length >= 2 && w === w.toUpperCase() && /\p{Lu}/u.test(w)) acr.add(w);
    let raw = rawWords(v);
    if (kind === 'person') raw = raw.filter((w) => !isTitleWord(w));
    const words = raw.map((w) => norm(w)).filter(Boolean);
    if (words.length) entities.push({ kind, words, raw, public: pub });
  };
  const meta = ctx.meta as unknown as Record<string, unknown> | undefined;
  for (const n of declaredNames(ctx.review, meta)) add(n, 'person');
  for (const n of ctx.config?.allowed_names ?? []) add(n, 'person');
  for (const n of dataList('public-names')) add(n, 'person', true);
  const pseudonyms: string[] = [];
  if (meta) {
    const chair = meta.chair as Record<string, unknown> | null | undefined;
    add(chair?.organisation, 'term');
    for (const s of Array.isArray(meta.subjects) ? meta.subjects : []) {
      const p = (s as Record<string, unknown> | null)?.pseudonym;
      add(p, 'pseudonym');
      if (typeof p === 'string' && p.trim()) pseudonyms.push(p.trim());
    }
    for (const a of Array.isArray(meta.agencies) ? meta.agencies : []) add((a as Record<string, unknown> | null)?.name, 'term');
    const fam = meta.family as Record<string, unknown> | null | undefined;
    add(fam?.advocate, 'term');
  }
  const prof = ctx.profile as unknown as Record<string, unknown> | undefined;
  if (prof) {
    for (const k of ['csps', 'districts']) for (const x of Array.isArray(prof[k]) ? prof[k] as unknown[] : []) add((x as Record<string, unknown> | null)?.name, 'term');
    for (const k of ['statutory_agencies', 'specialist_services']) for (const x of Array.isArray(prof[k]) ? prof[k] as unknown[] : []) add(x, 'term');
    const funding = prof.funding as Record<string, unknown> | undefined;
    for (const x of Array.isArray(funding?.parties) ? funding!.parties as unknown[] : []) add((x as Record<string, unknown> | null)?.name, 'term');
    add((prof.advocacy as Record<string, unknown> | undefined)?.provider, 'term');
    add(prof.name, 'term');
  }
  for (const t of allowedTerms(ctx)) add(t, 'term');
  const words = new Set<string>();
  const declared = new Set<string>();
  for (const e of entities) {
    if (e.public) continue;
    for (const w of e.words) {
      words.add(w);
      if (e.kind === 'person' && w.length >= 3) declared.add(w);
    }
  }
  return { entities, words, declared, acronyms: acr, pseudonyms };
}

/** True when a single word is part of an allowed term, pseudonym or declared name (anon/practitioner-name). */
export function isAllowedWord(nc: NameContext, word: string): boolean {
  const n = norm(word);
  return n !== '' && n.split(' ').every((w) => nc.words.has(w));
}

/** True when a capitalised word is an ordinary word rather than a surname ("Period", "Team", "March"). */
export function isOrdinaryWord(word: string): boolean {
  const d = anonData();
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (calendarWords().has(w) || notSurnameWords().has(w)) return !d.surnameWords.has(w);
  if (d.roleWords.has(w)) return !d.surnameWords.has(w);
  return d.commonWords.has(w) && !d.surnameWords.has(w);
}

/** A given name that is not also an ordinary word ("Sarah", "Tom"; not "Will", "Mark", "Grace"). */
export function isStrongGivenName(w: string): boolean {
  return isGivenName(w) && !anonData().commonWords.has(w.toLowerCase());
}

/**
 * True when a word reads as a surname. After an unambiguous given name or an initial (`strong`), a
 * dictionary word counts ("Tom Field"); otherwise only words that are not ordinary, and the common
 * words that are also common surnames ("Grace Period" is not a name, "Grace Walker" is).
 */
export function isSurnameLike(nc: NameContext | undefined, word: string, strong: boolean): boolean {
  const d = anonData();
  const caps = word.length > 1 && word === word.toUpperCase();
  if (caps && (acronyms().has(word) || nc?.acronyms.has(word) || !/[AEIOUY]/.test(word))) return false;
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length < 2) return false;
  if (institutionWords().has(w)) return false;
  if (d.surnameWords.has(w)) return true;
  if (calendarWords().has(w) || notSurnameWords().has(w)) return false;
  if (d.roleWords.has(w)) return false;
  if (d.commonWords.has(w)) return strong;
  return true;
}

/** Why a candidate is a likely real name. */
export type NameReason = 'name' | 'beside-pseudonym' | 'beside-term' | 'declared-variant';

interface Tok {
  /** As written (title-cased when the text is in capitals). */
  text: string;
  /** As written in the text (capitals kept). */
  orig: string;
  low: string;
}

interface Seg {
  from: number;
  to: number;
  kind?: Kind;
  entity?: Entity;
  /** Index of the segment's first word in the entity. */
  at?: number;
  /** A term of several words whose whole phrase is in the text around the candidate. */
  complete?: boolean;
}

const WINDOW = 120;

const HONORIFICS = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Sir', 'Dame', 'Cllr', 'Rev', 'Revd']);

const ETHNIC = /^(?:british|irish|english|welsh|scottish|european|african|caribbean|other|and|or|gypsy|traveller|asian)$/i;

/**
 * True when the line holding `pos` is a heading or a title-case line ("Contact Between Hannah And
 * Services", a cover page): capital letters there say nothing about names.
 */
function titleCaseLine(text: string, pos: number): boolean {
  const a = text.lastIndexOf('\n', pos - 1) + 1;
  let b = text.indexOf('\n', pos);
  if (b < 0) b = text.length;
  const line = text.slice(a, b);
  if (/^[ \t]*#/.test(line)) return true;
  const words = line.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  if (long.length < 4) return false;
  const caps = long.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / long.length >= 0.75;
}

/** The longest run from `i` that is a contiguous part of an entity; prefers declared people, then pseudonyms. */
function segmentAt(nc: NameContext, toks: Tok[], i: number, around: string): Seg {
  let best: Seg = { from: i, to: i + 1 };
  let bestLen = 0;
  for (const e of nc.entities) {
    for (let k = e.words.indexOf(toks[i].low); k >= 0; k = e.words.indexOf(toks[i].low, k + 1)) {
      let len = 1;
      while (i + len < toks.length && k + len < e.words.length && e.words[k + len] === toks[i + len].low) len++;
      // a public name counts whole or by its surname ("Professor Stark"), never by its given name alone
      if (e.public && k + len !== e.words.length) continue;
      const rank = (x: Kind | undefined) => (x === 'person' ? 3 : x === 'pseudonym' ? 2 : x === 'term' ? 1 : 0);
      if (len > bestLen || (len === bestLen && rank(e.kind) > rank(best.kind))) {
        const complete = e.kind === 'term' && e.words.length > 1 && ` ${around} `.includes(` ${e.words.join(' ')} `);
        if (e.kind === 'term' && e.words.length > 1 && !complete && len < e.words.length) continue;
        best = { from: i, to: i + len, kind: e.kind, entity: e, at: k, complete };
        bestLen = len;
      }
    }
  }
  return best;
}

/**
 * Decides a candidate. Returns the reason it is a likely real name, or undefined when it is not one
 * (ordinary words, a declared name, a pseudonym, an allowed term, a citation, an institution).
 * `text` is the whole text the candidate was found in.
 */
export function judgeName(nc: NameContext, cand: NameCandidate, text: string, opts: { cellSeam?: boolean } = {}): NameReason | undefined {
  // "Jane Monckton-Smith (2019)": a citation; "Florence Nightingale Hospice": an institution
  const after = text.slice(cand.end, cand.end + 40);
  if (/^(?:['’]s?)?,?[ \t]*(?:et al\.?,?[ \t]*)?\(?(?:19|20)\d\d[a-z]?\b/.test(after)) return undefined;
  const nextCap = /^(?:['’]s?)?[ \t]+([A-Z][a-z]+|[A-Z]+\b)/.exec(after);
  if (nextCap && institutionWords().has(nextCap[1].toLowerCase())) return undefined;
  // "White British", "Black Caribbean": an ethnicity in a flattened table, not a surname
  const lastWord = cand.words[cand.words.length - 1].toLowerCase();
  if ((lastWord === 'white' || lastWord === 'black') && nextCap && ETHNIC.test(nextCap[1])) return undefined;

  const toks: Tok[] = [];
  const words = cand.form === 'surname-first' ? [cand.words[1], cand.words[0]] : cand.words;
  for (const w of words) {
    for (const part of rawWords(w)) {
      const text = part === part.toUpperCase() && part.length > 1 ? titleCase(part) : part;
      toks.push({ text, orig: part, low: norm(part) });
    }
  }
  if (toks.length === 0) return undefined;
  const around = norm(text.slice(Math.max(0, cand.start - WINDOW), cand.end + WINDOW));
  const segs: Seg[] = [];
  for (let i = 0; i < toks.length;) {
    const s = segmentAt(nc, toks, i, around);
    segs.push(s);
    i = s.to;
  }
  const segOf = (i: number) => segs.find((s) => i >= s.from && i < s.to)!;

  // a word capitalised because it starts a line or a cell says nothing: dictionary words are not surnames there
  const heading = titleCaseLine(text, cand.start);
  const weakSecond = cand.wrapped || opts.cellSeam;
  const strong = (i: number) => !heading && isStrongGivenName(toks[i].text) && !(weakSecond && (i === 0 || opts.cellSeam));
  /** Ends a given name: uncovered given name, the end of a pseudonym, a declared given name. */
  const givenLike = (i: number): Kind | 'free' | undefined => {
    const s = segOf(i);
    const t = toks[i];
    if (!s.kind) return isGivenName(t.text) ? 'free' : undefined;
    if (i !== s.to - 1) return undefined;
    if (s.kind === 'pseudonym') return isGivenName(t.text) || s.entity!.words.length === 1 ? 'pseudonym' : undefined;
    if (s.kind === 'person') return isGivenName(t.text) && s.at! + (s.to - s.from) < s.entity!.words.length ? 'person' : undefined;
    return undefined;
  };
  /** Starts a surname: an uncovered surname-like word, a lone term, a declared surname out of place. */
  const surnameLike = (i: number, strongPrev: boolean): NameReason | undefined => {
    const s = segOf(i);
    const t = toks[i];
    if (i !== s.from) return undefined;
    if (!s.kind) return isSurnameLike(nc, t.orig, strongPrev) ? (nc.declared.has(t.low) ? 'declared-variant' : 'name') : undefined;
    // (in the next cell of a table, a place is a column's value: "Hannah","Stroud")
    if (s.kind === 'term') return opts.cellSeam || s.complete || s.entity!.words.length > 1 || !isSurnameLike(nc, t.orig, true) ? undefined : 'beside-term';
    if (s.kind === 'person') {
      if (s.at === 0) return undefined;
      // "Andy Kinsella-Shaw" for a declared "Andrew Kinsella-Shaw": a short form of the declared given name
      const prev = toks[i - 1];
      if (prev && !segOf(i - 1).kind && s.at === 1 && prev.low[0] === s.entity!.words[0][0]) return undefined;
      return 'declared-variant';
    }
    return undefined;
  };

  if (cand.form === 'title') {
    const s0 = segs[0];
    // initials, or an honorific (not a rank: "DCI Public Protection" is a department), make a dictionary word a
    // surname ("Mrs Field", "Mr J Field")
    const strongPrev = (cand.initials?.length ?? 0) > 0 || HONORIFICS.has(cand.title ?? '');
    if (!s0.kind) {
      if (isSurnameLike(nc, toks[0].orig, strongPrev) || isGivenName(toks[0].text)) return nc.declared.has(toks[0].low) ? 'declared-variant' : 'name';
      return undefined;
    }
    if (s0.kind === 'term' && !s0.complete && s0.entity!.words.length === 1 && isSurnameLike(nc, toks[0].orig, true)) return 'beside-term';
  }
  for (let i = 0; i + 1 < toks.length; i++) {
    const g = givenLike(i);
    if (!g) continue;
    const r = surnameLike(i + 1, strong(i));
    if (!r) continue;
    if (g === 'pseudonym') return 'beside-pseudonym';
    if (g === 'person' && r === 'name') return 'declared-variant';
    if (g === 'free' && r === 'beside-term' && segOf(i + 1).kind === 'term') return 'beside-term';
    return r;
  }
  return undefined;
}
