#!/usr/bin/env node
// After tsc (run by `npm run build:ts`, `prepare` and the test scripts), writes into dist/src/review/:
// - the JSON Schemas' ahead-of-time validators (src/review/schemas-standalone.ts);
// - shipped-data.json: the YAML files dhr ships, parsed (src/review/shipped-data.ts), each by the
//   SHA-256 of its text. A file is left out when the two ways dhr reads YAML (readYaml's value, and
//   the `yaml` package's parse) do not give the same value, or when the value is not plain JSON.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'dist/src/review');

function writeAtomically(file, text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

const { standaloneModule, COMPILED_FILE } = await import(path.join(outDir, 'schemas-standalone.js'));
writeAtomically(path.join(outDir, COMPILED_FILE), await standaloneModule());

const { SHIPPED_DATA_FILE, SHIPPED_YAML } = await import(path.join(outDir, 'shipped-data.js'));
const { readYaml } = await import(path.join(outDir, 'yaml.js'));
const files = SHIPPED_YAML.flatMap((pattern) => {
  const [dir, name] = [path.dirname(pattern), path.basename(pattern)];
  if (!name.includes('*')) return [pattern];
  const suffix = name.slice(name.indexOf('*') + 1);
  return readdirSync(path.join(root, dir)).filter((n) => n.endsWith(suffix)).sort().map((n) => `${dir}/${n}`);
});
const table = {};
for (const rel of files) {
  const text = readFileSync(path.join(root, rel), 'utf8');
  const read = readYaml({ path: path.join(root, rel), rel, text, encoding: 'utf-8' });
  const value = read.doc?.data;
  if (read.problems.length || value === undefined) continue;
  if (!isDeepStrictEqual(value, parse(text)) || !isDeepStrictEqual(value, JSON.parse(JSON.stringify(value)))) continue;
  table[createHash('sha256').update(text).digest('hex')] = value;
}
writeAtomically(path.join(outDir, SHIPPED_DATA_FILE), `${JSON.stringify(table)}\n`);
