/**
 * Generates fictional reviews for the benchmark (never committed: they go into a temporary folder).
 *
 *   normal      the example review (fixtures/example/reviews/DHR-2024-03) with its chronologies
 *               scaled to ~1,000 rows and its IMRs lengthened;
 *   large       100,000 chronology rows across 10 agencies and 200,000 words of IMRs (and any other
 *               size, for the scaling run);
 *   repository  50 normal reviews under reviews/.
 *
 * The text comes from templates (bench/templates.ts): pseudonyms and roles, never names. Into it go
 * identifiers of a generated identity register (invented names; Ofcom drama phone numbers; NHS test
 * numbers from 999 that pass modulus 11) at known places, written to plants.json, so the benchmark
 * can check that linting still finds every one of them.
 *
 * Run on its own: node dist/bench/generate.js <dir> normal|large|repository [--rows N] [--words N]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument, stringify } from 'yaml';
import { readCsvTable } from '../src/review/csv.js';
import {
  ACTIONS, COMMENTS, CONTEXT, DETAILS, EVENTS, GIVEN_CHILD, GIVEN_F, GIVEN_M, IMR_RECOMMENDATIONS, IMR_SENTENCES, MONTHS,
  ROLES, SLOTS, SOURCES, STREET_TYPES, STREET_WORDS, SURNAME_ENDS, SURNAME_STARTS,
} from './templates.js';

/** The repository this file belongs to (dist/bench/ or bench/ → two or one level up). */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(path.join(dir, 'fixtures', 'example', 'reviews'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('fixtures/example not found above bench/');
}

export const EXAMPLE_ID = 'DHR-2024-03';
export const exampleRepo = () => path.join(repoRoot(), 'fixtures', 'example');
export const exampleDir = () => path.join(exampleRepo(), 'reviews', EXAMPLE_ID);

// ---------------------------------------------------------------- randomness (seeded: same input, same files)

export type Rng = () => number;

export function rngFor(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

// ---------------------------------------------------------------- the identity register

export type PlantKind = 'name' | 'nhs-number' | 'nino' | 'mobile' | 'landline' | 'address' | 'postcode' | 'date-of-birth' | 'email';

export interface Person {
  pseudonym: string;
  given: string;
  surname: string;
  names: string[];
  nhs: string;
  nino: string;
  mobile?: string;
  landline?: string;
  address: string;
  postcode: string;
  dob: string;
  email?: string;
}

function nhsNumber(rng: Rng): string {
  for (;;) {
    const d = [9, 9, 9, ...Array.from({ length: 6 }, () => int(rng, 0, 9))];
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += d[i] * (10 - i);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check === 10) continue;
    const s = [...d, check].join('');
    return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`;
  }
}

const NINO_PREFIXES = ['JY', 'WP', 'AB', 'CE', 'HK', 'NP', 'RT', 'SW', 'PL', 'ML'];
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

let serial = 0;

/** Three people (victim, perpetrator, child) with invented names and reserved-range numbers. */
export function makePeople(rng: Rng): Person[] {
  const surname = () => pick(rng, SURNAME_STARTS) + pick(rng, SURNAME_ENDS);
  const num = (prefix: string) => `${prefix}${String(serial++ % 1000).padStart(3, '0')}`;
  const d2 = (n: number) => String(n).padStart(2, '0');
  const dob = (y0: number, y1: number) => `${d2(int(rng, 1, 28))}/${d2(int(rng, 1, 12))}/${int(rng, y0, y1)}`;
  const address = () => `${int(rng, 2, 98)} ${pick(rng, STREET_WORDS)} ${pick(rng, STREET_TYPES)}`;
  const postcode = () => `GL${int(rng, 1, 20)} ${int(rng, 1, 9)}${pick(rng, [...POSTCODE_LETTERS])}${pick(rng, [...POSTCODE_LETTERS])}`;
  const nino = () => `${pick(rng, NINO_PREFIXES)} ${int(rng, 10, 99)} ${int(rng, 10, 99)} ${int(rng, 10, 99)} ${pick(rng, ['A', 'B', 'C', 'D'])}`;
  const aSur = surname();
  let bSur = surname();
  while (bSur === aSur) bSur = surname();
  const aGiven = pick(rng, GIVEN_F);
  const bGiven = pick(rng, GIVEN_M);
  const cGiven = pick(rng, GIVEN_CHILD);
  const home = address();
  const homePc = postcode();
  return [
    { pseudonym: 'Adult A', given: aGiven, surname: aSur, names: [`${aGiven} ${aSur}`], nhs: nhsNumber(rng), nino: nino(),
      mobile: num('07700 900'), landline: num('01632 960'), address: home, postcode: homePc, dob: dob(1980, 1995),
      email: `${aGiven.toLowerCase().replace('ë', 'e')}.${aSur.toLowerCase()}@example.org` },
    { pseudonym: 'Adult B', given: bGiven, surname: bSur, names: [`${bGiven} ${bSur}`], nhs: nhsNumber(rng), nino: nino(),
      mobile: num('07700 900'), address: address(), postcode: postcode(), dob: dob(1978, 1993) },
    { pseudonym: 'Child C', given: cGiven, surname: bSur, names: [`${cGiven} ${bSur}`], nhs: nhsNumber(rng), nino: '',
      address: home, postcode: homePc, dob: dob(2012, 2018) },
  ];
}

export function registerYaml(people: Person[]): string {
  const rows = people.map((p) => ({
    pseudonym: p.pseudonym,
    names: p.names,
    identifiers: [p.nhs, p.nino, p.mobile, p.landline, p.address, p.postcode, p.dob, p.email].filter((x): x is string => Boolean(x)),
  }));
  return '# FICTIONAL identity register generated by bench/generate.ts: invented names, reserved-range numbers.\n'
    + stringify({ people: rows });
}

// ---------------------------------------------------------------- planted identifiers

export interface Plant {
  /** Relative to the generated repository root, `/` separators (as lint prints it when run there). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: PlantKind;
  /** How it was written (e.g. "possessive", "+44"). */
  form: string;
  pseudonym: string;
}

const OPEN = '\u0001';
const SEP = '\u0003';
const CLOSE = '\u0002';
/** Markers around a planted text: OPEN index SEP text CLOSE (rows are sorted after writing, so the index says which). */
const MARKERS = /\u0001\d+\u0003|\u0002/g;

interface PlantMeta {
  kind: PlantKind;
  form: string;
  pseudonym: string;
}

/** Collects the plants of one file while it is being written; `finish` strips the markers and places them. */
class PlantSink {
  metas: PlantMeta[] = [];

  mark(text: string, meta: PlantMeta): string {
    this.metas.push(meta);
    return `${OPEN}${this.metas.length - 1}${SEP}${text}${CLOSE}`;
  }

  finish(rel: string, marked: string, out: Plant[]): string {
    if (this.metas.length === 0) return marked;
    let text = '';
    const spans: Array<[number, number, number]> = [];
    let start = -1;
    let index = -1;
    let last = 0;
    MARKERS.lastIndex = 0;
    for (let m = MARKERS.exec(marked); m; m = MARKERS.exec(marked)) {
      text += marked.slice(last, m.index);
      last = m.index + m[0].length;
      if (m[0] === CLOSE) spans.push([start, text.length, index]);
      else {
        start = text.length;
        index = Number(m[0].slice(1, -1));
      }
    }
    text += marked.slice(last);
    if (spans.length !== this.metas.length) throw new Error(`plant markers lost in ${rel}`);
    const starts = lineStartsOf(text);
    for (const [a, b, k] of spans) {
      const p = pos(starts, a);
      const q = pos(starts, b);
      out.push({ file: rel, line: p.line, column: p.column, endLine: q.line, endColumn: q.column, ...this.metas[k] });
    }
    this.metas = [];
    return text;
  }
}

function lineStartsOf(text: string): number[] {
  const s = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) s.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      s.push(i + 1);
    }
  }
  return s;
}

function pos(starts: number[], off: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: off - starts[lo] + 1 };
}

const PLANT_SENTENCES: Record<PlantKind, string[]> = {
  name: ['The record names {X} rather than using the pseudonym.', '{X} gave an account to the practitioner.',
    'Letter addressed to {X} at the home address.', 'The caller gave her name as {X}.'],
  'nhs-number': ['NHS number {X} was copied into the referral.', 'The letter quotes the NHS number {X}.'],
  nino: ['National Insurance number {X} quoted on the benefits letter.', 'The form gives the NI number {X}.'],
  mobile: ['Contact number given as {X}.', 'A text message was sent to {X}.'],
  landline: ['Home telephone {X} recorded on the form.', 'The caller rang from {X}.'],
  address: ['Officers attended {X} that evening.', 'The letter was sent to {X}.'],
  postcode: ['The postcode {X} was recorded on the referral.', 'The form gives the postcode {X}.'],
  'date-of-birth': ['Date of birth {X} recorded on the form.', 'The referral gives the date of birth as {X}.'],
  email: ['Appointment reminder sent to {X}.', 'The referral was copied to {X}.'],
};

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A planted identifier in one of the forms people write it, as text with its markers. */
function plantSentence(rng: Rng, people: Person[], sink: PlantSink): string {
  const p = pick(rng, people);
  const kinds: PlantKind[] = ['name', 'name', 'name', 'nhs-number', 'address', 'postcode', 'date-of-birth'];
  if (p.nino) kinds.push('nino');
  if (p.mobile) kinds.push('mobile');
  if (p.landline) kinds.push('landline');
  if (p.email) kinds.push('email');
  const kind = pick(rng, kinds);
  let x: string;
  let form = 'as registered';
  const r = rng();
  switch (kind) {
    case 'name':
      if (r < 0.5) x = p.names[0];
      else if (r < 0.7) [x, form] = [p.names[0].toUpperCase(), 'upper case'];
      else if (r < 0.85) [x, form] = [`${p.names[0]}'s`, 'possessive'];
      else [x, form] = [p.surname, 'surname alone'];
      break;
    case 'nhs-number':
      if (r < 0.5) x = p.nhs;
      else [x, form] = [p.nhs.replace(/ /g, ''), 'no spaces'];
      break;
    case 'mobile':
      if (r < 0.6) x = p.mobile!;
      else if (r < 0.8) [x, form] = [p.mobile!.replace(/ /g, ''), 'no spaces'];
      else [x, form] = [`+44 ${p.mobile!.slice(1)}`, '+44'];
      break;
    case 'landline':
      x = p.landline!;
      break;
    case 'date-of-birth': {
      const [d, m, y] = p.dob.split('/').map(Number);
      if (r < 0.6) x = p.dob;
      else [x, form] = [`${d} ${MONTH_NAMES[m - 1]} ${y}`, 'written'];
      break;
    }
    case 'nino': x = p.nino; break;
    case 'address': x = r < 0.8 ? p.address : p.address.toLowerCase(); if (r >= 0.8) form = 'lower case'; break;
    case 'postcode': x = p.postcode; break;
    case 'email': x = p.email!; break;
  }
  // a possessive is written after the name; the plant is the name itself
  const possessive = form === 'possessive';
  const bare = possessive ? x.slice(0, -2) : x;
  const tpl = pick(rng, PLANT_SENTENCES[kind]);
  const marked = sink.mark(bare, { kind, form, pseudonym: p.pseudonym }) + (possessive ? "'s" : '');
  if (possessive) return `${marked} mother was also present.`;
  return tpl.replace('{X}', marked);
}

// ---------------------------------------------------------------- templates

const PSEUDONYMS: Record<string, string> = { A: 'Adult A', B: 'Adult B', C: 'Child C' };

function fill(rng: Rng, tpl: string, extra: Record<string, () => string> = {}): string {
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (PSEUDONYMS[k]) return PSEUDONYMS[k];
    if (extra[k]) return extra[k]();
    const list = SLOTS[k];
    if (!list) throw new Error(`template slot {${k}} has no values`);
    return pick(rng, list);
  });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- chronologies

export interface AgencySpec {
  id: string;
  /** Template family: police, gp, hospital, mental-health, … (see EVENTS). */
  kind: string;
  weight: number;
  dateFormat: 'iso' | 'dmy';
  crlf?: boolean;
  bom?: boolean;
}

export const AGENCIES: AgencySpec[] = [
  { id: 'police', kind: 'police', weight: 20, dateFormat: 'iso', crlf: true },
  { id: 'icb', kind: 'gp', weight: 15, dateFormat: 'iso' },
  { id: 'ghft', kind: 'hospital', weight: 10, dateFormat: 'iso' },
  { id: 'ghc', kind: 'mental-health', weight: 8, dateFormat: 'iso' },
  { id: 'adult-social-care', kind: 'adult-social-care', weight: 6, dateFormat: 'iso' },
  { id: 'childrens-social-care', kind: 'childrens-social-care', weight: 10, dateFormat: 'iso', bom: true },
  { id: 'housing', kind: 'housing', weight: 8, dateFormat: 'dmy' },
  { id: 'gdass', kind: 'gdass', weight: 10, dateFormat: 'iso' },
  { id: 'probation', kind: 'probation', weight: 8, dateFormat: 'iso' },
  { id: 'swast', kind: 'ambulance', weight: 5, dateFormat: 'iso' },
];

const HEADER = ['id', 'date', 'time', 'agency', 'subject', 'source', 'event', 'action', 'practitioner', 'key_event', 'comment'];

interface Row {
  /** ISO date for sorting (approximate dates sort on their first day). */
  sortKey: string;
  cells: Record<string, string>;
}

const SUBJECTS: Record<string, string[]> = {
  probation: ['Adult B'],
  'childrens-social-care': ['Child C', 'Adult A;Child C', 'Adult A;Adult B;Child C'],
  default: ['Adult A', 'Adult A', 'Adult A;Adult B', 'Adult A;Adult B;Child C', 'Adult A;Child C', 'Adult B', 'Adult A;Adult B'],
};

const TIMED = new Set(['police', 'hospital', 'ambulance']);

function isoOfDay(startMs: number, day: number): string {
  return new Date(startMs + day * 86_400_000).toISOString().slice(0, 10);
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Generated rows for one agency, dates spread over the review period. */
function generateRows(rng: Rng, a: AgencySpec, count: number, period: { from: string; to: string }, plantRate: number,
  people: Person[], sink: PlantSink): Row[] {
  const start = Date.parse(`${period.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - start) / 86_400_000);
  const kind = a.kind;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const iso = isoOfDay(start, int(rng, 0, days));
    const approximate = rng() < 0.01;
    const date = approximate ? iso.slice(0, 7)
      : a.dateFormat === 'dmy' ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
    const timed = TIMED.has(kind) ? rng() < 0.8 : rng() < 0.1;
    const time = timed && !approximate ? `${String(int(rng, 0, 23)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}` : '';
    let event = `${fill(rng, pick(rng, EVENTS[kind]))} ${fill(rng, pick(rng, DETAILS))}`;
    if (rng() < 0.5) event += ` ${fill(rng, pick(rng, CONTEXT))}`;
    let comment = rng() < 0.3 ? fill(rng, pick(rng, COMMENTS)) : '';
    if (rng() < plantRate) {
      const s = plantSentence(rng, people, sink);
      if (comment && rng() < 0.5) comment += ` ${s}`;
      else event += ` ${s}`;
    }
    rows.push({
      sortKey: iso,
      cells: {
        date, time, agency: a.id, subject: pick(rng, SUBJECTS[kind] ?? SUBJECTS.default), source: pick(rng, SOURCES[kind]),
        event, action: fill(rng, pick(rng, ACTIONS[kind])), practitioner: pick(rng, ROLES[kind]),
        key_event: rng() < 0.08 ? 'yes' : 'no', comment,
      },
    });
  }
  return rows;
}

/** The ISO sort key of a chronology date as the example writes them. */
function sortKeyOf(date: string): string {
  const d = date.trim();
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(d);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return d;
}

function writeChronology(file: string, rel: string, a: AgencySpec, rows: Row[], sink: PlantSink, plants: Plant[]): void {
  rows.sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
  const eol = a.crlf ? '\r\n' : '\n';
  const parts: string[] = [HEADER.join(',')];
  for (const r of rows) parts.push(HEADER.map((h) => csvCell(r.cells[h] ?? '')).join(','));
  const text = sink.finish(rel, parts.join(eol) + eol, plants);
  writeFileSync(file, (a.bom ? '\ufeff' : '') + text);
}

/** Rows of an existing chronology (the example's), ids kept. */
function readRows(file: string): { rows: Row[]; crlf: boolean; bom: boolean; maxId: number } {
  const raw = readFileSync(file, 'utf8');
  const bom = raw.startsWith('\ufeff');
  const text = bom ? raw.slice(1) : raw;
  const { table } = readCsvTable({ path: file, rel: file, text, encoding: 'utf-8' });
  let maxId = 0;
  const rows = table.rows.map((r) => {
    const cells: Record<string, string> = {};
    for (const h of HEADER) cells[h] = r.cells[h]?.value ?? '';
    const n = Number(cells.id);
    if (Number.isInteger(n) && n > maxId) maxId = n;
    return { sortKey: sortKeyOf(cells.date), cells };
  });
  return { rows, crlf: text.includes('\r\n'), bom, maxId: Math.max(maxId, rows.length) };
}

/** Spreads `total` rows over agencies by weight. */
function share(total: number, agencies: AgencySpec[]): number[] {
  const w = agencies.reduce((s, a) => s + a.weight, 0);
  const counts = agencies.map((a) => Math.floor((total * a.weight) / w));
  let left = total - counts.reduce((s, n) => s + n, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i]++;
  return counts;
}

// ---------------------------------------------------------------- IMRs

function wrap(text: string, width = 100): string {
  const out: string[] = [];
  let line = '';
  let visible = 0;
  for (const w of text.split(' ')) {
    const len = w.replace(MARKERS, '').length;
    if (line && visible + 1 + len > width) {
      out.push(line);
      line = w;
      visible = len;
    } else {
      line = line ? `${line} ${w}` : w;
      visible += (visible ? 1 : 0) + len;
    }
  }
  if (line) out.push(line);
  return out.join('\n');
}

/** Paragraphs of IMR prose, about `words` words in all. */
function imrParagraphs(rng: Rng, words: number, kind: string, plantRate: number, people: Person[], sink: PlantSink,
  years: [number, number]): string[] {
  const roles = ROLES[kind] ?? ROLES.gp;
  const extra = {
    role: () => pick(rng, roles).toLowerCase().replace(/^(ed|gp|idva)\b/, (m) => m.toUpperCase()),
    month: () => pick(rng, MONTHS),
    year: () => String(int(rng, years[0], years[1])),
    n2: () => String(int(rng, 12, 60)),
  };
  const paras: string[] = [];
  let count = 0;
  while (count < words) {
    const n = int(rng, 4, 7);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) {
      let s = fill(rng, pick(rng, IMR_SENTENCES), extra);
      if (rng() < plantRate) s += ` ${plantSentence(rng, people, sink)}`;
      sentences.push(cap(s));
    }
    const p = sentences.join(' ');
    count += p.split(/\s+/).length;
    paras.push(wrap(p));
  }
  return paras;
}

const IMR_AUTHORS = ['Helen Marchbank', 'Stephen Aldwinckle', 'Claire Ostrowska', 'Martin Pelloe', 'Yvonne Tredinnick',
  'Paul Esterhuizen', 'Ruth Venables', 'Imran Sadiq', 'Karen Lightowler', 'David Purkiss'];

function imrFile(rng: Rng, agencyId: string, agencyName: string, kind: string, words: number, plantRate: number,
  people: Person[], sink: PlantSink, years: [number, number], k: number): string {
  const fm = [
    '---', `agency: ${agencyId}`, `author: ${IMR_AUTHORS[k % IMR_AUTHORS.length]}`, 'author_role: Safeguarding review lead',
    'author_involved_in_case: false', 'author_manages_involved_staff: false',
    'quality_assured_by: Director of Safeguarding', 'quality_assured_on: 2024-08-23', 'completed_on: 2024-08-16', '---', '',
  ];
  const share = (f: number) => Math.max(50, Math.round(words * f));
  const section = (title: string, f: number) => [`## ${title}`, '', ...imrParagraphs(rng, share(f), kind, plantRate, people, sink, years).flatMap((p) => [p, ''])];
  const recs = ['## Recommendations', '', ...IMR_RECOMMENDATIONS.map((r, i) => `${i + 1}. ${wrap(fill(rng, r, { role: () => pick(rng, ROLES[kind] ?? ROLES.gp).toLowerCase() }))
    .replace(/\n/g, '\n   ')}`), ''];
  return [
    ...fm, `# Individual Management Review: ${agencyName}`, '',
    ...section('Introduction', 0.05), ...section('Agency involvement', 0.45), ...section('Analysis', 0.35),
    ...section('Good practice', 0.05), ...section('Lessons learnt', 0.1), ...recs,
  ].join('\n');
}

// ---------------------------------------------------------------- reviews

export interface Generated {
  root: string;
  /** Review folders, absolute. */
  reviews: string[];
  identities: string;
  plants: Plant[];
  rows: number;
  imrWords: number;
  bytes: number;
}

function rel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Copies the example review into `dir` under a new id (text files only; the id replaced everywhere). */
function copyExample(dir: string, id: string): void {
  cpSync(exampleDir(), dir, { recursive: true });
  if (id === EXAMPLE_ID) return;
  const walk = (d: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, n.name);
      if (n.isDirectory()) walk(p);
      else if (/\.(md|yml|csv)$/.test(n.name)) {
        const t = readFileSync(p, 'utf8');
        if (t.includes(EXAMPLE_ID)) writeFileSync(p, t.split(EXAMPLE_ID).join(id));
      }
    }
  };
  walk(dir);
}

function periodOf(reviewYml: string): { from: string; to: string } {
  const d = parseDocument(readFileSync(reviewYml, 'utf8'), { schema: 'core' }).toJS() as { terms_of_reference?: { period?: { from: string; to: string } } };
  return d.terms_of_reference?.period ?? { from: '2019-01-01', to: '2024-01-19' };
}

const YEARS: [number, number] = [2019, 2023];

/**
 * A normal review: the example with its chronologies scaled to `rows` rows (the example's own rows
 * kept, with their ids, among the generated ones) and `extraWords` words added to each IMR's
 * "Agency involvement" section.
 */
export function generateNormalReview(dir: string, root: string, id: string, seed: number, people: Person[], plants: Plant[],
  opts: { rows?: number; extraWords?: number; plantEvery?: number } = {}): { rows: number; imrWords: number } {
  const rng = rngFor(seed);
  const total = opts.rows ?? 1000;
  const plantRate = 1 / (opts.plantEvery ?? 50);
  copyExample(dir, id);
  const period = periodOf(path.join(dir, 'review.yml'));
  const chronDir = path.join(dir, 'chronologies');
  const names = readdirSync(chronDir).filter((n) => n.endsWith('.csv')).sort();
  const existing = names.map((n) => readRows(path.join(chronDir, n)));
  const have = existing.reduce((s, e) => s + e.rows.length, 0);
  const specs = names.map((n) => {
    const idOf = n.replace(/\.csv$/, '');
    return AGENCIES.find((a) => a.id === idOf) ?? { id: idOf, kind: 'gp', weight: 5, dateFormat: 'iso' as const };
  });
  const counts = share(Math.max(0, total - have), specs);
  let rowsOut = 0;
  names.forEach((n, i) => {
    const sink = new PlantSink();
    const e = existing[i];
    const spec = { ...specs[i], crlf: e.crlf, bom: e.bom };
    const gen = generateRows(rng, spec, counts[i], period, plantRate, people, sink);
    gen.sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
    gen.forEach((r, k) => { r.cells.id = String(e.maxId + k + 1); });
    const all = [...e.rows, ...gen];
    rowsOut += all.length;
    const abs = path.join(chronDir, n);
    writeChronology(abs, rel(root, abs), spec, all, sink, plants);
  });
  let imrWords = 0;
  const imrDir = path.join(dir, 'imrs');
  for (const n of readdirSync(imrDir).filter((f) => f.endsWith('.md')).sort()) {
    const abs = path.join(imrDir, n);
    const text = readFileSync(abs, 'utf8');
    const kind = AGENCIES.find((a) => a.id === n.replace(/\.md$/, ''))?.kind ?? 'gp';
    const sink = new PlantSink();
    const paras = imrParagraphs(rng, opts.extraWords ?? 3000, kind, plantRate / 4, people, sink, YEARS);
    const at = text.indexOf('\n## Analysis');
    const marked = at < 0 ? `${text}\n${paras.join('\n\n')}\n` : `${text.slice(0, at)}\n${paras.join('\n\n')}\n${text.slice(at)}`;
    const out = sink.finish(rel(root, abs), marked, plants);
    writeFileSync(abs, out);
    imrWords += countWords(out);
  }
  return { rows: rowsOut, imrWords };
}

const EXTRA_AGENCIES = [
  { agency: { id: 'probation', name: 'The Probation Service (South West)', statutory: true, kind: 'probation', involvement: 'imr', represented_by: null },
    panel: { name: 'Alison Trewhella', role: 'Head of Public Protection', agency: 'probation', senior: true, manages_involved_staff: false, political_member: false } },
  { agency: { id: 'swast', name: 'South Western Ambulance Service NHS Foundation Trust', statutory: true, kind: 'health', involvement: 'imr', represented_by: null },
    panel: { name: 'Graham Vosper', role: 'Head of Safeguarding', agency: 'swast', senior: true, manages_involved_staff: false, political_member: false } },
];

/**
 * A large review: the example's review.yml, reports and action plan, with 10 agencies (two added),
 * `rows` generated chronology rows and `words` words of IMRs (one IMR per agency).
 */
export function generateLargeReview(dir: string, root: string, id: string, seed: number, people: Person[], plants: Plant[],
  opts: { rows: number; words: number; plantEvery?: number }): { rows: number; imrWords: number } {
  const rng = rngFor(seed);
  copyExample(dir, id);
  const yml = path.join(dir, 'review.yml');
  const doc = parseDocument(readFileSync(yml, 'utf8'), { schema: 'core' });
  const agencies = doc.get('agencies') as { items: Array<{ set(k: string, v: unknown): void }> };
  for (const a of agencies.items) a.set('involvement', 'imr');
  for (const x of EXTRA_AGENCIES) {
    doc.addIn(['agencies'], doc.createNode(x.agency, { flow: true }));
    doc.addIn(['panel'], doc.createNode(x.panel, { flow: true }));
  }
  writeFileSync(yml, String(doc));
  const meta = doc.toJS() as { agencies: Array<{ id: string; name: string }> };
  const period = periodOf(yml);
  const plantRate = 1 / (opts.plantEvery ?? 100);
  const chronDir = path.join(dir, 'chronologies');
  for (const n of readdirSync(chronDir)) rmSync(path.join(chronDir, n));
  const counts = share(opts.rows, AGENCIES);
  AGENCIES.forEach((a, i) => {
    const sink = new PlantSink();
    const rows = generateRows(rng, a, counts[i], period, plantRate, people, sink);
    rows.sort((x, y) => (x.sortKey < y.sortKey ? -1 : x.sortKey > y.sortKey ? 1 : 0));
    rows.forEach((r, k) => { r.cells.id = String(k + 1); });
    const abs = path.join(chronDir, `${a.id}.csv`);
    writeChronology(abs, rel(root, abs), a, rows, sink, plants);
  });
  const imrDir = path.join(dir, 'imrs');
  for (const n of readdirSync(imrDir)) rmSync(path.join(imrDir, n));
  let imrWords = 0;
  const per = Math.round(opts.words / AGENCIES.length);
  AGENCIES.forEach((a, k) => {
    const sink = new PlantSink();
    const name = meta.agencies.find((x) => x.id === a.id)?.name ?? a.id;
    // IMR prose: a planted identifier about every 2,000 words
    const abs = path.join(imrDir, `${a.id}.md`);
    const text = sink.finish(rel(root, abs), imrFile(rng, a.id, name, a.kind, per, 1 / 120, people, sink, YEARS, k), plants);
    writeFileSync(abs, text);
    imrWords += countWords(text);
  });
  return { rows: opts.rows, imrWords };
}

export type Size = 'normal' | 'large' | 'repository';

export interface GenerateOptions {
  /** Chronology rows (normal: 1,000; large: 100,000). */
  rows?: number;
  /** IMR words (large only; 200,000). */
  words?: number;
  /** Reviews in the repository (50). */
  reviews?: number;
  seed?: number;
  /** Make the folder a git repository with everything committed but the register (as in CI). */
  git?: boolean;
}

/** Generates a repository (dhr.config.yml, reviews/…, .dhr/identities.yml, plants.json) in `root`. */
export function generate(root: string, size: Size, opts: GenerateOptions = {}): Generated {
  mkdirSync(root, { recursive: true });
  const seed = opts.seed ?? 20240319;
  const rng = rngFor(seed);
  serial = 0;
  cpSync(path.join(exampleRepo(), 'dhr.config.yml'), path.join(root, 'dhr.config.yml'));
  const plants: Plant[] = [];
  const people: Person[] = [];
  const reviews: string[] = [];
  let rows = 0;
  let imrWords = 0;
  if (size === 'repository') {
    const n = opts.reviews ?? 50;
    for (let i = 1; i <= n; i++) {
      const id = `DHR-${2015 + Math.floor((i - 1) / 6)}-${String(((i - 1) % 6) + 1).padStart(2, '0')}`;
      const dir = path.join(root, 'reviews', id);
      const ps = makePeople(rng);
      people.push(...ps);
      const r = generateNormalReview(dir, root, id, seed + i, ps, plants, { rows: opts.rows });
      rows += r.rows;
      imrWords += r.imrWords;
      reviews.push(dir);
    }
  } else {
    const ps = makePeople(rng);
    people.push(...ps);
    const dir = path.join(root, 'reviews', EXAMPLE_ID);
    const r = size === 'normal'
      ? generateNormalReview(dir, root, EXAMPLE_ID, seed, ps, plants, { rows: opts.rows })
      : generateLargeReview(dir, root, EXAMPLE_ID, seed, ps, plants, { rows: opts.rows ?? 100_000, words: opts.words ?? 200_000 });
    rows = r.rows;
    imrWords = r.imrWords;
    reviews.push(dir);
  }
  mkdirSync(path.join(root, '.dhr'), { recursive: true });
  const identities = path.join(root, '.dhr', 'identities.yml');
  writeFileSync(identities, registerYaml(people));
  writeFileSync(path.join(root, '.gitignore'), '.dhr/identities.yml\nplants.json\nout/\n');
  writeFileSync(path.join(root, 'plants.json'), JSON.stringify(plants));
  if (opts.git ?? true) gitCommit(root);
  return { root, reviews, identities, plants, rows, imrWords, bytes: folderBytes(path.join(root, 'reviews')) };
}

function gitCommit(root: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  try {
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'generated reviews');
  } catch {
    // without git the security rule has nothing to check; the timings are still meaningful
  }
}

export function folderBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += readFileSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).length;
  }
  return n;
}

// ---------------------------------------------------------------- command line

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, size = 'normal', ...rest] = process.argv.slice(2);
  if (!dir || !['normal', 'large', 'repository'].includes(size)) {
    process.stderr.write('usage: node dist/bench/generate.js <dir> normal|large|repository [--rows N] [--words N] [--reviews N] [--no-git]\n');
    process.exit(2);
  }
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? Number(rest[i + 1]) : undefined;
  };
  const t = performance.now();
  const g = generate(path.resolve(dir), size as Size, { rows: flag('--rows'), words: flag('--words'), reviews: flag('--reviews'), git: !rest.includes('--no-git') });
  process.stdout.write(`${g.reviews.length} review(s), ${g.rows} chronology rows, ${g.imrWords} IMR words, ${(g.bytes / 1e6).toFixed(1)} MB, `
    + `${g.plants.length} planted identifiers in ${g.root} (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
}
