/**
 * Small helpers the process/* rules share for reading review.yml safely: where to point when
 * a value is wrong or missing, and where a review's status sits in the process.
 */
import type { ReviewStatus, Span, YamlDoc } from '../../review/model.js';

export type Path = ReadonlyArray<string | number>;

function isObject(v: unknown): v is Record<string | number, unknown> {
  return v !== null && typeof v === 'object';
}

/** True when the key at `path` exists in the data (even with a null value). */
export function hasKey(data: unknown, path: Path): boolean {
  let node: unknown = data;
  for (const seg of path) {
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, seg)) return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return true;
}

/** The value at `path`, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let node: unknown = data;
  for (const seg of path) {
    if (!isObject(node)) return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/**
 * Where to point for the value at `path`: the value itself when its key exists (even `null`),
 * otherwise the key of the nearest parent that exists (a missing `dates.decision` points at
 * `dates:`), otherwise the start of the file.
 */
export function locate(doc: YamlDoc<unknown>, path: Path): Span {
  if (hasKey(doc.data, path)) return doc.spanOf(path);
  for (let n = path.length - 1; n > 0; n--) {
    const parent = path.slice(0, n);
    if (hasKey(doc.data, parent)) return doc.spanOf(parent, { key: typeof parent[n - 1] === 'string' });
  }
  return doc.spanOf([]);
}

/** A non-empty trimmed string, or undefined. */
export function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

const ORDER: ReviewStatus[] = ['considering', 'not-proceeding', 'in-progress', 'submitted', 'qa-feedback', 'cleared', 'published', 'concluded'];

/** The review is going ahead: a status from `in-progress` onwards (not `considering` or `not-proceeding`). */
export function isUnderway(status: unknown): boolean {
  const i = ORDER.indexOf(status as ReviewStatus);
  return i >= ORDER.indexOf('in-progress');
}

/** The report has gone to the Home Office: `submitted` or any later status. */
export function isSubmittedOrLater(status: unknown): boolean {
  const i = ORDER.indexOf(status as ReviewStatus);
  return i >= ORDER.indexOf('submitted');
}

/** The report is public: `published` or `concluded`. */
export function isPublishedOrLater(status: unknown): boolean {
  const i = ORDER.indexOf(status as ReviewStatus);
  return i >= ORDER.indexOf('published');
}

/** Lower-cases and strips punctuation, so names compare as words. */
export function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^(the )+/, '')
    .trim();
}
