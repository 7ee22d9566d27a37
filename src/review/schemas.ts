/**
 * The JSON Schemas in `schemas/`, compiled once, and their errors turned into findings at the
 * offending key or cell. The validators come from the ahead-of-time module when it matches the
 * schemas (schemas-standalone.ts); ajv compiles them otherwise, with the same options.
 */
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import { quoted } from './source.js';
import { isoDateProblem, parseIsoDay } from '../dates/index.js';
import { AJV_OPTIONS, COMPILED_FILE, ajvVersion, schemasHash, type CompiledSchemas } from './schemas-standalone.js';

export { loadSchema, schemasDir, schemaVocabulary, isVocabulary, closestWord, type SchemaKind } from './schema-files.js';
import { closestWord, isVocabulary, loadSchema, schemaVocabulary, type SchemaKind } from './schema-files.js';

const require = createRequire(import.meta.url);

/** One date grammar: the schemas' "date" is the ISO day every other reader accepts. */
const isDate = (s: string) => parseIsoDay(s).ok;

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();
let ahead: Partial<Record<SchemaKind, ValidateFunction>> | null | undefined;

/** The ahead-of-time validators, when their module is there and was made from these schemas and this ajv. */
function aheadOfTime(): Partial<Record<SchemaKind, ValidateFunction>> | null {
  if (ahead !== undefined) return ahead;
  ahead = null;
  if (process.env.DHR_SCHEMAS_AOT === '0') return ahead;
  let mod: CompiledSchemas;
  try {
    mod = require(`./${COMPILED_FILE}`) as CompiledSchemas;
  } catch {
    return ahead; // not generated (under vitest, or only tsc was run)
  }
  if (mod.hash === schemasHash() && mod.ajv === ajvVersion()) {
    ahead = mod.create({ date: isDate }) as Partial<Record<SchemaKind, ValidateFunction>>;
  }
  return ahead;
}

export function validator(kind: SchemaKind): ValidateFunction {
  let v = compiled.get(kind);
  if (!v) {
    v = aheadOfTime()?.[kind];
    if (!v) {
      if (!ajv) {
        // ajv itself is loaded only when the schemas are compiled here (about 50 ms)
        const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
        const formats = require('ajv-formats') as typeof addFormatsModule & { default?: typeof addFormatsModule };
        ajv = new AjvClass({ ...AJV_OPTIONS });
        (formats.default ?? formats)(ajv);
        ajv.addFormat('date', isDate);
      }
      v = ajv.compile(loadSchema(kind));
    }
    compiled.set(kind, v);
  }
  return v;
}

export interface SchemaIssue {
  /** Path of the offending value, e.g. ['panel', 0, 'agency']. */
  path: Array<string | number>;
  /** True when the position should be that of a key (an unexpected key). */
  key: boolean;
  message: string;
  /** The JSON Schema keyword that failed ('type', 'format', 'enum', 'additionalProperties' …). */
  keyword: string;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => {
    const t = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(t) ? Number(t) : t;
  });
}

/**
 * The path of a value as a message prints it (`panel.2.agency`): list positions and the schemas'
 * own keys only; a key the schema does not know (a map keyed by what was typed) shows as `…`.
 */
function pathText(p: Array<string | number>): string {
  return p.length ? p.map((seg) => (typeof seg === 'number' || isVocabulary(seg) ? String(seg) : '…')).join('.') : 'the document';
}

function describe(e: ErrorObject, data: unknown): { path: Array<string | number>; key: boolean; text: string } {
  const p = pointerToPath(e.instancePath);
  const where = pathText(p);
  switch (e.keyword) {
    case 'required':
      return { path: p, key: false, text: `${where}: missing required key "${(e.params as { missingProperty: string }).missingProperty}"` };
    case 'additionalProperties': {
      // the key is printed only when it is a word of the schemas (a known key in the wrong place);
      // anything else typed as a key could be a name: the position says where it is
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const near = isVocabulary(extra) ? undefined : closestWord(extra, schemaVocabulary());
      return { path: [...p, extra], key: true,
        text: `${where}: unknown key${isVocabulary(extra) ? ` "${extra}"` : ''}${near ? ` (did you mean "${near}"?)` : ''}` };
    }
    case 'enum':
      return { path: p, key: false, text: `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'format': {
      const format = (e.params as { format: string }).format;
      const value = p.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), data);
      // the chronology's words for an impossible day, and the YYYY-MM-DD form of a DD/MM/YYYY one
      const why = format === 'date' && typeof value === 'string' ? isoDateProblem(value) : undefined;
      if (why) return { path: p, key: false, text: `${where}: ${why}` };
      return { path: p, key: false, text: `${where}: must be a ${format === 'date' ? 'date YYYY-MM-DD' : format}` };
    }
    case 'pattern':
      if (p[0] === 'costs' && p.length === 2) return { path: p, key: false, text: `${where}: write an amount in pounds, e.g. 12500, 12500.50 or £12,500` };
      return { path: p, key: false, text: `${where}: does not match the expected form ${(e.params as { pattern: string }).pattern}` };
    case 'type':
      return { path: p, key: false, text: `${where}: must be ${(e.params as { type: string | string[] }).type}` };
    default:
      return { path: p, key: false, text: `${where}: ${e.message ?? e.keyword}` };
  }
}

/**
 * Validates data against a schema. One issue per offending value (anyOf branches collapsed),
 * each message ending with the schema path.
 */
export function validateData(kind: SchemaKind, data: unknown): SchemaIssue[] {
  const v = validator(kind);
  if (v(data)) return [];
  const errors = v.errors ?? [];
  const seen = new Map<string, SchemaIssue>();
  for (const e of errors) {
    // anyOf reports each failed branch then itself; keep the first concrete message per value,
    // but prefer a 'format' or 'enum' reason over a 'type' one (null branches).
    if (e.keyword === 'anyOf') continue;
    const d = describe(e, data);
    const k = `${d.path.join('\u0000')}|${d.key}`;
    const existing = seen.get(k);
    const msg = `${d.text} (schema ${kind}: ${e.schemaPath})`;
    if (!existing || ((existing.message.includes(': must be null') || existing.keyword === 'type') && e.keyword !== 'type')) {
      seen.set(k, { path: d.path, key: d.key, message: msg, keyword: e.keyword });
    }
  }
  return [...seen.values()];
}


