import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../dates/index.js';
import { SCHEMA_FILES, loadSchema, type SchemaKind } from './schema-files.js';
import { AJV_OPTIONS, schemasHash, standaloneModule, type CompiledSchemas } from './schemas-standalone.js';
import { readCsvTable } from './csv.js';
import { readSource } from './source.js';

const require = createRequire(import.meta.url);
const isDate = (s: string) => parseIsoDay(s).ok;
const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

/** Every value of each kind the fixtures hold (example and broken copies), and a few made wrong here. */
function samples(): Array<[SchemaKind, unknown]> {
  const out: Array<[SchemaKind, unknown]> = [];
  for (const f of files(path.join(ROOT, 'fixtures'))) {
    const rel = f.split(path.sep).join('/');
    try {
      if (rel.endsWith('/review.yml')) out.push(['review', parseYaml(readFileSync(f, 'utf8'))]);
      else if (rel.endsWith('/dhr.config.yml')) out.push(['config', parseYaml(readFileSync(f, 'utf8'))]);
      else if (/\/imrs\/[^/]+\.md$/.test(rel)) {
        const m = /^---\n([\s\S]*?)\n---/.exec(readFileSync(f, 'utf8'));
        if (m) out.push(['imr', parseYaml(m[1]!)]);
      } else if (/\/(chronologies\/[^/]+|action-plan)\.csv$/.test(rel)) {
        const { table } = readCsvTable(readSource(f));
        for (const row of table.rows) {
          const obj: Record<string, string> = {};
          for (const k in row.cells) if (row.cells[k]!.value.trim() !== '') obj[k] = row.cells[k]!.value.trim();
          out.push([rel.endsWith('action-plan.csv') ? 'action' : 'chronology', obj]);
        }
      }
    } catch {
      // a broken fixture that does not parse: nothing to validate
    }
  }
  out.push(['review', { id: 'DHR-1', dates: { death: '2024-02-30', notification: [1] }, agencies: 'x', extra: 1 }]);
  out.push(['review', null], ['config', { rules: { 'anon/x': 'loud' }, profile: 3 }], ['imr', { agency: 'Police', date: '12/03/2024' }]);
  out.push(['chronology', { date: '2024-13-01', key_event: 'maybe' }], ['action', { id: '', priority: 'soon' }]);
  return out;
}

describe('the ahead-of-time validators', () => {
  it('give the same verdict and errors as ajv compiling the schemas at run time', async () => {
    const code = await standaloneModule();
    const mod = { exports: {} as CompiledSchemas };
    new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
    expect(mod.exports.hash).toBe(schemasHash());
    const ahead = mod.exports.create({ date: isDate }) as Record<SchemaKind, ((d: unknown) => boolean) & { errors?: unknown }>;
    const ajv = new Ajv2020({ ...AJV_OPTIONS });
    ajv.addFormat('date', isDate);
    const runtime = Object.fromEntries((Object.keys(SCHEMA_FILES) as SchemaKind[]).map((k) => [k, ajv.compile(loadSchema(k))]));
    const all = samples();
    expect(all.length).toBeGreaterThan(50);
    let failing = 0;
    for (const [kind, data] of all) {
      const a = ahead[kind](data);
      const r = runtime[kind]!(data);
      expect(a, kind).toBe(r);
      expect(ahead[kind].errors ?? null).toEqual(runtime[kind]!.errors ?? null);
      if (!r) failing++;
    }
    expect(failing).toBeGreaterThan(5);
  });

});
