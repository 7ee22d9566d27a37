import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/support/rule-tester.js';
import { matchHeading, requiredSections, stripNumbering, structureSeverity } from './sections.js';

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'report-sections.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('report section data', () => {
  it('the default lists follow the schema', () => {
    const data = parse(readFileSync(path.join(ROOT, 'profiles', 'report-sections.yml'), 'utf8'));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });
  it("a profile's settings follow the same schema, and a wrong one is caught", () => {
    expect(validate({ severity: 'warning', variants: { analysis: ['Findings of the review'] } })).toBe(true);
    expect(validate({ severity: 'loud' })).toBe(false);
    expect(validate({ documents: { imr: { sections: [{ heading: 'No id' }] } } })).toBe(false);
  });
  it("adds a profile's variants and reads its severity", () => {
    const profile = { report_sections: { severity: 'warn' as const, variants: { analysis: ['Findings of the review'] } } };
    const s = requiredSections('overview-report', 'dhr', profile).sections;
    expect(s[matchHeading('6. Findings of the Review', s)!.sections[0]].id).toBe('analysis');
    expect(matchHeading('Findings of the review', requiredSections('overview-report', 'dhr').sections)?.kind).not.toBe('exact');
    expect(structureSeverity(profile)).toBe('warning');
    expect(structureSeverity(undefined)).toBeUndefined();
  });
  it('strips the numbering published reports put before headings', () => {
    expect(['4. Analysis', '4.1 Analysis', 'Section 4 – Analysis', 'Part two: Analysis', 'iv) Analysis', '(a) Analysis', 'Chapter 3 Analysis']
      .map(stripNumbering)).toEqual(Array(7).fill('Analysis'));
  });
});
