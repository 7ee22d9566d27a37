/**
 * What counts as "not a name" for the name heuristics (anon/person-name, anon/practitioner-name):
 * the review's own allowed names (pseudonyms, chair, panel, agencies), the profile's places and
 * services, allowed terms, and ordinary words.
 */
import type { RuleContext } from '../../lint/rule.js';
import { anonData } from './data.js';
import { allowedTerms } from './pattern-rule.js';

const MONTHS_DAYS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'christmas', 'easter', 'ramadan', 'eid', 'diwali', 'bank', 'english', 'british', 'welsh', 'scottish', 'irish']);

export interface NameContext {
  /** Allowed phrases, lower case, words separated by one space, padded with spaces for word-bounded search. */
  phrases: string[];
  /** Single allowed words (lower case): every word of an allowed phrase. */
  words: Set<string>;
  /** Words of chair and panel names (lower case): a title before one of them is allowed ("Ms Teague"). */
  people: Set<string>;
}

const norm = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}&]+/gu, ' ').trim();

export function nameContext(ctx: RuleContext): NameContext {
  const phrases: string[] = [];
  const people: string[] = [];
  const meta = ctx.meta as unknown as Record<string, unknown> | undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const push = (v: unknown, person = false) => {
    const s = str(v);
    if (!s || !s.trim()) return;
    phrases.push(norm(s));
    if (person) people.push(norm(s));
  };
  if (meta) {
    const chair = meta.chair as Record<string, unknown> | null | undefined;
    push(chair?.name, true);
    push(chair?.organisation);
    for (const p of Array.isArray(meta.panel) ? meta.panel : []) push((p as Record<string, unknown> | null)?.name, true);
    for (const s of Array.isArray(meta.subjects) ? meta.subjects : []) push((s as Record<string, unknown> | null)?.pseudonym);
    for (const a of Array.isArray(meta.agencies) ? meta.agencies : []) push((a as Record<string, unknown> | null)?.name);
    const fam = meta.family as Record<string, unknown> | null | undefined;
    push(fam?.advocate);
  }
  const prof = ctx.profile as unknown as Record<string, unknown> | undefined;
  if (prof) {
    const lists = ['csps', 'districts'];
    for (const k of lists) for (const x of Array.isArray(prof[k]) ? prof[k] as unknown[] : []) push((x as Record<string, unknown> | null)?.name);
    for (const k of ['statutory_agencies', 'specialist_services']) for (const x of Array.isArray(prof[k]) ? prof[k] as unknown[] : []) push(x);
    const funding = prof.funding as Record<string, unknown> | undefined;
    for (const x of Array.isArray(funding?.parties) ? funding!.parties as unknown[] : []) push((x as Record<string, unknown> | null)?.name);
    push((prof.advocacy as Record<string, unknown> | undefined)?.provider);
    push(prof.name);
  }
  for (const t of allowedTerms(ctx)) push(t);
  const words = new Set<string>();
  for (const p of phrases) for (const w of p.split(' ')) if (w) words.add(w);
  const pw = new Set<string>();
  for (const p of people) for (const w of p.split(' ')) if (w) pw.add(w);
  return { phrases: phrases.filter(Boolean).map((p) => ` ${p} `), words, people: pw };
}

/** True when the words are an allowed name or part of one ("Gareth Ansty", "Adult A", "Forest of Dean"). */
export function isAllowedName(nc: NameContext, words: string[], titled: boolean): boolean {
  const phrase = ` ${norm(words.join(' '))} `;
  if (nc.phrases.some((p) => p.includes(phrase))) return true;
  const rest = titled ? words.slice(1) : words;
  if (titled && rest.length && rest.every((w) => nc.people.has(norm(w)))) return true;
  return rest.some((w) => nc.phrases.includes(` ${norm(w)} `));
}

/** True when a capitalised word is an ordinary word rather than a surname ("Period", "Team", "March"). */
export function isOrdinaryWord(word: string): boolean {
  const d = anonData();
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (MONTHS_DAYS.has(w)) return true;
  if (d.roleWords.has(w)) return !d.surnameWords.has(w);
  return d.commonWords.has(w) && !d.surnameWords.has(w);
}
