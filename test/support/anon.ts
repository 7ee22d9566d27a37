/**
 * Small helpers for the anonymisation rule cases: read a file of the example review, plant text in
 * it, and work out where the planted text is, so expected positions follow the example if it changes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EXAMPLE, EXAMPLE_IDENTITIES, type ExpectedFinding } from './rule-tester.js';
import { lineStarts, positionAt } from '../../src/review/source.js';
import type { IdentityPerson } from '../../src/lint/identities.js';

/** A file of the example review (relative to the review folder), BOM removed. */
export function exampleText(rel: string): string {
  return readFileSync(path.join(EXAMPLE, rel), 'utf8').replace(/^\uFEFF/, '');
}

/** The example text with `extra` added as a new paragraph at the end (Markdown) or as-is (other files). */
export function withParagraph(rel: string, extra: string): string {
  const t = exampleText(rel);
  return `${t.endsWith('\n') ? t : t + '\n'}\n${extra}\n`;
}

/** The example text with `from` replaced by `to` (the first occurrence; fails if absent). */
export function replaced(rel: string, from: string, to: string): string {
  const t = exampleText(rel);
  if (!t.includes(from)) throw new Error(`${rel} no longer contains ${JSON.stringify(from)}: update the case`);
  return t.replace(from, to);
}

/** Where `needle` (the nth occurrence, 0-based) starts in `text`, as an expected finding in `file`. */
export function at(file: string, text: string, needle: string, nth = 0, message?: string): ExpectedFinding {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${JSON.stringify(needle)} not found in the planted ${file}`);
  }
  const p = positionAt(lineStarts(text), i);
  return { file, line: p.line, column: p.column, ...(message ? { message } : {}) };
}

/** The people of the fictional register fixtures/identities.yml. */
export function examplePeople(): IdentityPerson[] {
  const data = parse(readFileSync(EXAMPLE_IDENTITIES, 'utf8')) as { people: Array<Record<string, unknown>> };
  return data.people.map((p) => ({
    pseudonym: String(p.pseudonym),
    names: ((p.names as unknown[]) ?? []).map(String),
    identifiers: ((p.identifiers as unknown[]) ?? []).map(String),
  }));
}

/**
 * Numbers and words that no identifier rule may report (times, dates, case numbers, money, pages,
 * years, counts, ordinary words around "at" and house-number-like numbers): added to the example as
 * a paragraph in every identifier rule's valid cases.
 */
export const ORDINARY_TEXT = 'On 19/01/2024 at 21:52 (2024-01-19 21:52) she called 999, then 111 and NHS 111; £1,500.50 was owed; see pages 12-14 and page 345 (para 4.1.12); case DHR-2024-03, R12 and A3 TBC; between 2019 and 2021 (2019-2021); 1 in 4 women; 3:30pm; 14 March 2020; 64 texts over 3 weeks; a 2 hour drive; 2 children in the park; she met him at home; logged in at facebook.com; the log of 12 calls; crime was reported 3 times; 12-03-21 meeting; version 1.2.3; scale 0 1 2 3 4 5 6 7 8 9; Section 3 The Way Forward; the M5 3rd junction.';
