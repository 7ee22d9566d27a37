/**
 * The YAML files dhr ships (profiles/*.yml, the section lists, the chronology headings, the Home
 * Office form's fields), read as JSON written when dhr is built (issue 19: parsing them was a
 * tenth of `dhr lint` on the example, on every run). scripts/after-tsc.mjs writes
 * `shipped-data.json` beside this module: each file's parsed value by the SHA-256 of its text.
 *
 * A value is used only for the very text it was parsed from: a file edited since the build, a
 * profile of the user's own, or no JSON (the TypeScript sources under vitest), and the caller
 * parses the YAML as before. Each call returns a copy of its own, which the caller may change.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from '../vendor/yaml.js';

export const SHIPPED_DATA_FILE = 'shipped-data.json';

/** The shipped files, from the package's root folder. */
export const SHIPPED_YAML = ['profiles/*.yml', 'src/chronology/headings.yml', 'src/reports/home-office-form.fields.yml'];

let table: Record<string, unknown> | null | undefined;

/** The value of a shipped YAML file's text, as parsed when dhr was built; undefined when this text was not. */
export function shippedYamlValue(text: string): unknown {
  if (table === undefined) {
    try {
      const read = JSON.parse(readFileSync(new URL(`./${SHIPPED_DATA_FILE}`, import.meta.url), 'utf8')) as unknown;
      table = read && typeof read === 'object' && !Array.isArray(read) ? read as Record<string, unknown> : null;
    } catch {
      table = null;
    }
  }
  if (!table) return undefined;
  const key = createHash('sha256').update(text).digest('hex');
  return Object.hasOwn(table, key) ? structuredClone(table[key]) : undefined;
}

/** The value of a shipped YAML file's text: as parsed when dhr was built, else parsed now. */
export function parseShippedYaml(text: string): unknown {
  return shippedYamlValue(text) ?? parse(text);
}
