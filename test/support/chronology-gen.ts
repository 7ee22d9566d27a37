/**
 * Generated chronologies for tests: a seeded generator (the same seed gives the same rows), so
 * a failure can be replayed. Rows use invented text and the example's pseudonyms only.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareReview } from './rule-tester.js';

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['attended', 'telephoned', 'reported', 'was visited', 'was assessed', 'was referred', 'did not attend', 'disclosed', 'was seen', 'asked for help'];
const PLACES = ['at home', 'at the surgery', 'at the emergency department', 'at the office', 'by telephone', 'at school', 'at the police station'];
const DETAILS = ['about low mood', 'about money worries', 'with bruising', 'about an argument', 'about messages', 'about the tenancy', 'about child contact', 'with a head injury', 'about sleep', 'about fear of Adult B'];
const SUBJECTS = ['Adult A', 'Adult B', 'Child C'];

export interface GeneratedRow {
  id: string;
  date: string;
  time: string;
  subject: string;
  event: string;
  key_event: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Rows for one agency: dates between 2019 and 2023 in mixed forms (ISO, UK, month, year). */
export function generateRows(random: () => number, count: number, opts: { approximate?: boolean } = {}): GeneratedRow[] {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < count; i++) {
    const y = 2019 + Math.floor(random() * 5);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    const form = random();
    let date: string;
    if (opts.approximate !== false && form < 0.05) date = `${y}-${pad(m)}`;
    else if (opts.approximate !== false && form < 0.07) date = String(y);
    else if (form < 0.4) date = `${pad(d)}/${pad(m)}/${y}`;
    else date = `${y}-${pad(m)}-${pad(d)}`;
    const time = random() < 0.3 ? `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}` : '';
    const who = SUBJECTS.filter(() => random() < 0.5);
    const n = i + 1;
    rows.push({
      id: String(n),
      date,
      time,
      subject: (who.length ? who : ['Adult A']).join(';'),
      event: `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(PLACES)} ${pick(DETAILS)} (entry ${n}, £${n}).`,
      key_event: random() < 0.05 ? 'yes' : 'no',
    });
  }
  return rows;
}

const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment';
const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function chronologyCsv(agency: string, rows: GeneratedRow[]): string {
  return `${HEADER}\n${rows.map((r) => [r.id, r.date, r.time, agency, r.subject, 'Case record', r.event, '', 'Worker', r.key_event, ''].map(q).join(',')).join('\n')}\n`;
}

/**
 * A copy of the example review whose chronologies are replaced by `total` generated rows spread
 * over `agencies`. Returns the folder and the rows written per agency.
 */
export function generatedReview(seed: number, total: number, agencies: string[]): { dir: string; rows: Map<string, GeneratedRow[]> } {
  const random = rng(seed);
  const dir = prepareReview({});
  const chron = path.join(dir, 'chronologies');
  rmSync(chron, { recursive: true, force: true });
  mkdirSync(chron, { recursive: true });
  const rows = new Map<string, GeneratedRow[]>();
  let left = total;
  agencies.forEach((a, i) => {
    const n = i === agencies.length - 1 ? left : Math.floor(total / agencies.length) + (i % 2 === 0 ? 3 : -3);
    left -= n;
    const r = generateRows(random, n);
    rows.set(a, r);
    writeFileSync(path.join(chron, `${a}.csv`), chronologyCsv(a, r));
  });
  return { dir, rows };
}
