/**
 * The TypeScript model must not drift from the JSON Schemas: every property a schema allows is
 * declared on the matching interface in src/review/model.ts, and every key the interfaces
 * declare is allowed by the schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/rule-tester.js';
import { loadSchema } from '../src/review/schemas.js';

const model = readFileSync(path.join(ROOT, 'src', 'review', 'model.ts'), 'utf8');

function interfaceKeys(name: string): string[] {
  const m = new RegExp(`export interface ${name}(?: extends [^{]+)? \\{([^]*?)\\n\\}`).exec(model);
  if (!m) throw new Error(`interface ${name} not found`);
  // top-level keys only: lines indented by exactly two spaces
  return [...m[1].matchAll(/^ {2}([a-z_]+)\??:/gm)].map((x) => x[1]);
}

type Schema = { properties?: Record<string, Schema>; items?: Schema; type?: unknown; anyOf?: Schema[] };
function props(s: Schema | undefined): string[] {
  return Object.keys(s?.properties ?? {}).sort();
}

describe('schemas and TypeScript types agree', () => {
  const review = loadSchema('review') as Schema;
  const p = review.properties!;
  const pairs: Array<[string, string[]]> = [
    ['ReviewMeta', props(review)],
    ['ReviewDates', props(p.dates)],
    ['Extension', props(p.extensions.items)],
    ['Chair', props(p.chair)],
    ['PanelMember', props(p.panel.items)],
    ['Subject', props(p.subjects.items)],
    ['FamilyContact', props(p.family.properties!.contacts.items)],
    ['Agency', props(p.agencies.items)],
    ['QaOutcome', props(p.qa)],
    ['QaPoint', props(p.qa.properties!.points.items)],
    ['DeathFacts', props(p.death)],
  ];
  for (const [name, keys] of pairs) {
    it(`${name} has exactly the schema's keys`, () => {
      expect(interfaceKeys(name).sort()).toEqual(keys);
    });
  }
  it('every schema compiles and has a description', () => {
    for (const k of ['review', 'chronology', 'imr', 'action', 'config'] as const) {
      expect(loadSchema(k).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });
});
