#!/usr/bin/env node
// Writes the JSON Schemas' ahead-of-time validators (src/review/schemas-standalone.ts) into
// dist/src/review/, after tsc: run by `npm run build:ts` and `prepare`.
import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { standaloneModule, COMPILED_FILE } = await import(path.join(root, 'dist/src/review/schemas-standalone.js'));
const out = path.join(root, 'dist/src/review', COMPILED_FILE);
writeFileSync(`${out}.tmp`, await standaloneModule());
renameSync(`${out}.tmp`, out);
