/**
 * No formatter leaks what the anonymisation rules found. A copy of the example review is planted
 * with every name and identifier of the fictional register and with unregistered identifiers of
 * every kind, in Markdown, in a multi-line CSV cell and in a YAML block scalar; every rule runs, and
 * each output format (stylish, json, github, sarif) must contain none of the planted strings —
 * while every planted item is still reported at its line.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';
import { format, FORMATS } from '../src/lint/formatters/index.js';
import { jobSummary } from '../src/lint/formatters/github.js';
import { prepareReview, runRules } from './support/rule-tester.js';
import { at, examplePeople, exampleText, replaced } from './support/anon.js';

const people = examplePeople();

/** What is planted, and the rule that must report it. */
const ITEMS: Array<{ text: string; rule: string; line?: string }> = [
  ...people.flatMap((p) => [...p.names, ...p.identifiers].map((text) => ({ text, rule: 'anon/identity' }))),
  { text: '943 476 5919', rule: 'anon/nhs-number' },
  { text: 'AB 12 34 56 C', rule: 'anon/nino' },
  { text: 'GL1 2AB', rule: 'anon/postcode' },
  { text: '01632 960999', rule: 'anon/phone' },
  { text: 'someone.else@example.org', rule: 'anon/email' },
  { text: '3 March 1990', rule: 'anon/date-of-birth', line: 'was born on 3 March 1990' },
  { text: '9 Foxglove Way', rule: 'anon/street-address' },
  { text: 'Mrs Patel', rule: 'anon/person-name' },
  // the forms of issue 13: leading 0 and CHI, lower case and dashes, 0044, spelled-out e-mail, clinical
  // date of birth, lower-case street, and the registration, bank and police-reference rules
  { text: '021 987 6541', rule: 'anon/nhs-number' },
  { text: '150387 1231', rule: 'anon/nhs-number' },
  { text: 'ab-12-34-56-c', rule: 'anon/nino' },
  { text: 'gl1  2ab', rule: 'anon/postcode' },
  { text: '0044 7700 900999', rule: 'anon/phone' },
  { text: 'jo.bloggs at example dot com', rule: 'anon/email' },
  { text: '03-Mar-1987', rule: 'anon/date-of-birth', line: 'DOB: 03-Mar-1987' },
  { text: '12 acacia avenue', rule: 'anon/street-address' },
  { text: 'AB12 CDE', rule: 'anon/vehicle-registration' },
  { text: 'GB82 WEST 1234 5698 7654 32', rule: 'anon/bank-account' },
  { text: '54/12345/21', rule: 'anon/crime-reference' },
];
const lineOf = (i: (typeof ITEMS)[number]) => i.line ?? `Item: ${i.text}.`;

const MD = 'overview-report.md';
const CSV = 'chronologies/icb.csv';
const YML = 'review.yml';
const md = `${exampleText(MD)}\n${ITEMS.map(lineOf).join('\n\n')}\n`;
const EVENT = 'Telephone medication review during the first national lockdown. Adult A asked for a further prescription; a male voice could be heard in the background.';
const csv = replaced(CSV, EVENT, `"${ITEMS.map(lineOf).join('\n')}\n${EVENT}"`);
const yml = replaced(YML, 'read by the panel.', `read by the panel.\n${ITEMS.map((i) => `      ${lineOf(i)}`).join('\n')}`);

describe('anonymisation findings never leak through a formatter', () => {
  const dir = prepareReview({ files: { [MD]: md, [CSV]: csv, [YML]: yml } });
  const findings = runRules(dir, allRules, { identities: people });

  it('the planted CSV and YAML are still well formed', () => {
    expect(findings.filter((f) => f.ruleId.startsWith('format/') || f.ruleId.startsWith('schema/'))).toEqual([]);
  });

  for (const [file, text] of [[MD, md], [CSV, csv], [YML, yml]] as const) {
    it(`every planted item is reported at its line in ${file}`, () => {
      for (const item of ITEMS) {
        const where = at(file, text, item.text, file === MD ? text.split(item.text).length - 2 : 0);
        const hit = findings.find((f) => f.ruleId === item.rule && f.file === file && f.line === where.line);
        expect(hit, `${item.rule} for ${item.text} at ${file}:${where.line}`).toBeDefined();
        expect(hit!.value, 'the value travels in Finding.value').toBeDefined();
      }
    });
  }

  for (const name of FORMATS) {
    it(`${name}: no planted string in the output`, () => {
      const out = format(name, { findings, files: 10, reviews: 1, showValues: false, color: name === 'stylish' });
      const summary = name === 'github' ? jobSummary({ findings, files: 10, reviews: 1, showValues: false, color: false }) : '';
      for (const item of ITEMS) {
        const variants = [item.text, item.text.replace(/\s+/g, '')];
        for (const v of variants) {
          expect(out.toLowerCase().includes(v.toLowerCase()), `${name} output contains ${v}`).toBe(false);
          expect(summary.toLowerCase().includes(v.toLowerCase()), `job summary contains ${v}`).toBe(false);
        }
      }
      expect(out).toContain('anon/identity');
    });
  }

  it('--show-values (local only) is the one way to see them', () => {
    const out = format('json', { findings, files: 10, reviews: 1, showValues: true, color: false });
    expect(out).toContain('Joanna Whitby');
  });
});
