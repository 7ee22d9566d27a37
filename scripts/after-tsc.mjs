#!/usr/bin/env node
// After tsc (run by `npm run build:ts`, `prepare` and the test scripts), writes into dist/src/:
// - review/: the JSON Schemas' ahead-of-time validators (src/review/schemas-standalone.ts);
// - review/shipped-data.json: the YAML files dhr ships, parsed (src/review/shipped-data.ts), each by
//   the SHA-256 of its text. A file is left out when the two ways dhr reads YAML (readYaml's value,
//   and the `yaml` package's parse) do not give the same value, or when the value is not plain JSON;
// - vendor/: the third-party parsers every review command loads (src/vendor/*.ts), each bundled
//   with its packages into one file by rolldown. Without rolldown they stay as tsc wrote them: the
//   packages are then loaded module by module, more slowly, with the same results.
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

// the packages each bundle holds, with their licences, in THIRD-PARTY-NOTICES.txt beside the bundles
const bundled = new Map();
for (const name of ['markdown', 'yaml']) {
  const file = path.join(root, 'dist/src/vendor', `${name}.js`);
  try {
    const { rolldown } = await import('rolldown');
    // from the TypeScript source (rolldown strips its types), so that running this script again bundles the same
    const bundle = await rolldown({ input: path.join(root, 'src/vendor', `${name}.ts`), platform: 'node', external: [/^node:/], logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'esm' });
    await bundle.close();
    if (output.length !== 1 || output[0].type !== 'chunk') throw new Error(`${output.length} files instead of one`);
    for (const id of output[0].moduleIds ?? []) {
      const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
      if (m) bundled.set(m[1].replace(/\\/g, '/'), path.join(id.slice(0, m.index), 'node_modules', m[1]));
    }
    writeAtomically(file, output[0].code);
  } catch (e) {
    process.stderr.write(`after-tsc: dist/src/vendor/${name}.js not bundled (${e instanceof Error ? e.message : e}): its packages load module by module, more slowly\n`);
  }
}
const notices = [...bundled].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, dir]) => {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const licence = pkg.license ?? (Array.isArray(pkg.licenses) ? pkg.licenses.map((l) => l.type).join(' OR ') : 'unknown');
  // the licence file, else the README's licence section (an old package states it there)
  const licenceFile = readdirSync(dir).find((n) => /^(licen[cs]e|copying)(\.|$)/i.test(n));
  const readme = readdirSync(dir).find((n) => /^readme(\.|$)/i.test(n));
  const section = readme && /^#*\s*Licen[cs]e\s*\n([^]*?)(?=\n#|(?![^]))/im.exec(readFileSync(path.join(dir, readme), 'utf8'))?.[1];
  const text = licenceFile ? readFileSync(path.join(dir, licenceFile), 'utf8').trim() : section ? section.replace(/^[=-]+\s*/, '').trim() : `Licence: ${licence}`;
  return `${name} ${pkg.version} (${licence})\n\n${text}\n`;
});
writeAtomically(path.join(root, 'dist/src/vendor/THIRD-PARTY-NOTICES.txt'),
  `dist/src/vendor/*.js hold these packages, bundled by scripts/after-tsc.mjs; their licences follow.\n\n${notices.join('\n----\n\n')}`);
