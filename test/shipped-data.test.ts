/**
 * The YAML files dhr ships, read as the JSON written when dhr is built (src/review/shipped-data.ts,
 * scripts/after-tsc.mjs), with the compiled modules as the CLI runs them: each file's value
 * is the one parsing its YAML gives, an edited text is parsed again, and each caller gets a copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './support/rule-tester.js';

const dist = (m: string) => import(pathToFileURL(path.join(ROOT, 'dist', 'src', m)).href);

const SHIPPED = [
  ...readdirSync(path.join(ROOT, 'profiles')).filter((n) => n.endsWith('.yml')).map((n) => `profiles/${n}`),
  'src/chronology/headings.yml',
  'src/reports/home-office-form.fields.yml',
];

describe('shipped YAML read from the JSON written at build time', () => {
  it.each(SHIPPED)('%s: the value its YAML parses to', async (rel) => {
    const { shippedYamlValue } = await dist('review/shipped-data.js');
    const { readYaml } = await dist('review/yaml.js');
    const text = readFileSync(path.join(ROOT, rel), 'utf8');
    const value = shippedYamlValue(text);
    expect(value, `${rel} is not in dist/src/review/shipped-data.json`).toBeDefined();
    expect(value).toEqual(parse(text));
    expect(value).toEqual(readYaml({ path: rel, rel, text, encoding: 'utf-8' }).doc.data);
  });

  it('gives nothing for text edited since the build (the caller parses it), and a copy to each caller', async () => {
    const { shippedYamlValue } = await dist('review/shipped-data.js');
    const text = readFileSync(path.join(ROOT, 'profiles', 'gloucestershire.yml'), 'utf8');
    expect(shippedYamlValue(`${text}\n# edited\n`)).toBeUndefined();
    const first = shippedYamlValue(text) as Record<string, unknown>;
    first.id = 'changed by a caller';
    expect((shippedYamlValue(text) as Record<string, unknown>).id).not.toBe('changed by a caller');
  });

  it('is what the profile loader returns: a profile of the user\'s own is parsed as before', async () => {
    const { loadProfile } = await dist('lint/profile.js');
    const shipped = loadProfile('gloucestershire');
    expect(shipped).toEqual(parse(readFileSync(path.join(ROOT, 'profiles', 'gloucestershire.yml'), 'utf8')));
  });
});
