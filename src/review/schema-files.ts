/**
 * The JSON Schema files in `schemas/` and the words they define: property names and enum values,
 * the tool's own vocabulary (always safe to print). No imports from the rest of review/, so that
 * safe.ts can ask it without a cycle through schemas.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';

export type SchemaKind = 'review' | 'chronology' | 'imr' | 'action' | 'config';

export const SCHEMA_FILES: Record<SchemaKind, string> = {
  review: 'review.schema.json',
  chronology: 'chronology-row.schema.json',
  imr: 'imr.schema.json',
  action: 'action.schema.json',
  config: 'config.schema.json',
};

let foundDir: string | undefined;

/** The repository's `schemas/` folder (works from src/ under vitest and from dist/src/). */
export function schemasDir(): string {
  foundDir ??= findSchemasDir();
  return foundDir;
}

function findSchemasDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'schemas');
    try {
      readFileSync(path.join(candidate, SCHEMA_FILES.review));
      return candidate;
    } catch {
      dir = path.dirname(dir);
    }
  }
  throw new Error('schemas/ folder not found next to the dhr installation');
}

export function loadSchema(kind: SchemaKind): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(schemasDir(), SCHEMA_FILES[kind]), 'utf8'));
}

let vocabulary: Set<string> | undefined;

/** Every property name and enum value of the JSON Schemas: the tool's own words, always safe. */
export function schemaVocabulary(): ReadonlySet<string> {
  if (!vocabulary) {
    const words = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        for (const x of node) walk(x);
        return;
      }
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) words.add(k);
      if (Array.isArray(o.required)) for (const k of o.required) if (typeof k === 'string') words.add(k);
      if (Array.isArray(o.enum)) for (const v of o.enum) if (typeof v === 'string') words.add(v);
      if (typeof o.const === 'string') words.add(o.const);
      for (const v of Object.values(o)) walk(v);
    };
    for (const kind of ['review', 'chronology', 'imr', 'action', 'config'] as SchemaKind[]) walk(loadSchema(kind));
    vocabulary = words;
  }
  return vocabulary;
}

/** True when the value is a word of the schemas' vocabulary (a known key, column or enum value). */
export function isVocabulary(value: string): boolean {
  return schemaVocabulary().has(value);
}

/** A close schema word for a mistyped key or column ("Date " → "date", "practioner" → "practitioner"). */
export function closestWord(value: string, words: Iterable<string>): string | undefined {
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  let best: string | undefined;
  let bestD = 3;
  for (const w of words) {
    if (w === v) return w;
    if (Math.abs(w.length - v.length) >= bestD) continue;
    const d = distance(v, w);
    if (d < bestD) {
      bestD = d;
      best = w;
    }
  }
  return v.length >= 4 ? best : undefined;
}
