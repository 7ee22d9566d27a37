/**
 * Issue 13, "nothing found is ever echoed", in process (the CLI runs are in leaks-all-commands):
 *  - values typed where messages used to quote them (an unknown column header, a review.yml key, an
 *    agency id, a panel member's agency and role, a represented_by, a status, an action id, a duplicated
 *    row id, an IMR named after a person, a YAML tag) are reported at their place, and no message,
 *    path or formatter output carries them;
 *  - the gates: `build` (any build) and `final` (a submission), with inline disables and config;
 *  - `--show-values` output is escaped in every formatter.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../src/rules/index.js';
import { format, FORMATS, printable } from '../src/lint/formatters/index.js';
import { jobSummary } from '../src/lint/formatters/github.js';
import { finalBlockers, finalRefusal, identityBlockers, identityRefusal } from '../src/lint/gate.js';
import type { Finding } from '../src/review/model.js';
import { prepareReview, runRules } from './support/rule-tester.js';
import { at, examplePeople, exampleText } from './support/anon.js';
import { lintReview } from '../src/lint/engine.js';
import { guarded } from '../src/lint/guard.js';
import { loadReview } from '../src/review/load.js';
import { DEFAULT_CONFIG, type Config } from '../src/lint/config.js';
import { loadProfile } from '../src/lint/profile.js';
import path from 'node:path';

const people = examplePeople();
const [a, b, c] = people;
/** Registered, and not registered but name-like: neither may be echoed. */
const REGISTERED = [a.names[1], b.names[0], c.names[1], 'Whitby', 'Hollowell'];
const UNREGISTERED = ['Marjorie', 'Pennington'];
const VALUES = [...REGISTERED, ...UNREGISTERED];
const echoes = (text: string) => VALUES.filter((v) => text.toLowerCase().includes(v.toLowerCase()));
const asId = (n: string) => n.toLowerCase().replace(/[^a-z]+/g, '-');

const CSV = 'chronologies/police.csv';
const PLAN = 'action-plan.csv';
const YML = 'review.yml';
const csvText = (() => {
  const [header, ...rest] = exampleText(CSV).split('\n');
  const rows = rest.map((l) => (l.trim() ? `${l.replace(/\r$/, '')},x` : l));
  // the second data row repeats the first one's id: that id is a registered name
  rows[0] = rows[0].replace(/^1,/, `${b.names[0]},`);
  rows[1] = rows[1].replace(/^2,/, `${b.names[0]},`);
  return [`${header.replace(/\r$/, '')},Marjorie Pennington`, ...rows].join('\n');
})();
const planText = `${exampleText(PLAN).replace(/\n$/, '')}\n`
  + `${c.names[1]},R1,local,Review the referral pathway,${asId(a.names[1])},Head of Service,none,"95% of cases audited",2025-12-31,${b.names[0]},,,,Director\n`
  + 'Pennington,R1,local,Review the referral pathway again,marjorie,Head of Service,none,"95% of cases audited",2025-12-31,Marjorie,,,,Director\n';
const ymlText = exampleText(YML)
  .replace('agencies:\n', `agencies:\n  - { id: ${asId(b.names[0])}, name: A housing association, statutory: true, kind: housing, involvement: imr, represented_by: marjorie }\n`)
  .replace('panel:\n', `panel:\n  - { name: A member, role: "Sister of ${a.names[1]}", agency: pennington, senior: false, manages_involved_staff: true, political_member: false }\n`)
  .replace(/^status: .*$/m, 'status: submitted')
  + `\nmarjorie_pennington: 1\n${JSON.stringify(a.names[0])}: x\nnotes: !${asId(a.names[1])} text\n`;
const imrName = `imrs/${asId(c.names[1])}.md`;

describe('values typed in structured places are reported at their place, never quoted', () => {
  const dir = prepareReview({ files: { [CSV]: csvText, [PLAN]: planText, [YML]: ymlText, [imrName]: exampleText('imrs/gdass.md') } });
  const findings = runRules(dir, allRules, { identities: people });
  const find = (rule: string, file: string, line: number, column?: number) =>
    findings.find((f) => f.ruleId === rule && f.file === file && f.line === line && (column === undefined || f.column === column));

  it('the unknown column is named by its letter, at the header cell', () => {
    const header = csvText.split('\n')[0];
    const hit = find('schema/chronology', CSV, 1, header.indexOf('Marjorie') + 1);
    expect(hit?.message).toMatch(/^unknown column \(column L of the header\)/);
  });

  it('the duplicated row id (a registered name) is described, not quoted', () => {
    const hit = findings.find((f) => f.ruleId === 'schema/chronology' && f.file === CSV && /used twice/.test(f.message));
    expect(hit?.line).toBe(3);
    expect(hit?.message).toBe('the id of this row is used twice (first on line 2): give each row its own id');
  });

  it('an unknown key that could be a name is described, at the key', () => {
    const hits = findings.filter((f) => f.ruleId === 'schema/review' && /unknown key/.test(f.message));
    const lines = hits.map((f) => f.line).sort((x, y) => x - y);
    expect(lines).toContain(at(YML, ymlText, 'marjorie_pennington').line);
    expect(lines).toContain(at(YML, ymlText, JSON.stringify(a.names[0])).line);
  });

  it('a YAML tag that is a name is reported without its text', () => {
    // the tag makes the whole review.yml unreadable as YAML: one format/yaml finding, no quote
    const y = findings.filter((f) => f.file === YML && f.ruleId === 'format/yaml');
    expect(y.length).toBeLessThanOrEqual(1);
    for (const f of y) expect(f.message).toMatch(/tag/);
  });

  it('every message, path and formatter output is free of the values', () => {
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings) expect(echoes(`${f.message} ${f.shownFile ?? f.file} ${f.review}`), `${f.ruleId} ${f.message}`).toEqual([]);
    for (const name of FORMATS) {
      const out = format(name, { findings, files: 20, reviews: 1, showValues: false, color: false });
      expect(echoes(out), name).toEqual([]);
    }
    expect(echoes(jobSummary({ findings, files: 20, reviews: 1, showValues: false, color: false })), 'job summary').toEqual([]);
  });
});

describe('the same places, with review.yml readable', () => {
  // without the YAML tag, so that the rules reading review.yml run
  const yml = ymlText.replace(/\nnotes: .*\n$/, '\n');
  const dir = prepareReview({ files: { [PLAN]: planText, [YML]: yml, [imrName]: exampleText('imrs/gdass.md') } });
  const findings = runRules(dir, allRules, { identities: people });

  it('the rules that name agencies, actions, statuses and panel members name places instead', () => {
    const planLine = planText.split('\n').findIndex((l) => l.startsWith(c.names[1])) + 1;
    const status = findings.find((f) => f.ruleId === 'schema/action' && f.line === planLine && /status/.test(f.message));
    expect(status?.message).toMatch(/^status: must be one of "not-started"/);
    const owner = findings.find((f) => f.ruleId === 'smart/owner' && f.line === planLine + 1);
    expect(owner?.message).toMatch(/^the lead agency of the action on line \d+ is not an agency of this review/);
    const seniority = findings.filter((f) => f.ruleId === 'process/panel-seniority').map((f) => f.message);
    expect(seniority).toEqual([expect.stringMatching(/^Panel member 1 is not recorded as senior/), expect.stringMatching(/^Panel member 1 line-manages/)]);
    const panelAgency = findings.find((f) => f.ruleId === 'process/panel-composition' && /panel member's agency/.test(f.message));
    expect(panelAgency?.line).toBe(at(YML, yml, 'agency: pennington').line);
    for (const f of findings) expect(echoes(f.message), `${f.ruleId}: ${f.message}`).toEqual([]);
  });

  it('plain ids are still quoted where they help', () => {
    const plan = `${exampleText(PLAN).replace(/\n$/, '')}\nA99,R1,local,Review it,polise,Head of Service,none,"95% of cases audited",2025-12-31,not-started,,,,Director\n`;
    const d2 = prepareReview({ files: { [PLAN]: plan } });
    const owner = runRules(d2, allRules, { identities: people }).find((f) => f.ruleId === 'smart/owner');
    expect(owner?.message).toMatch(/^the lead agency of action A99 is not an agency of this review.*use one of: police, icb/);
  });
});

describe('the gates', () => {
  const profile = loadProfile('gloucestershire');
  const run = (dir: string, gate: 'build' | 'final' | undefined, config: Partial<Config> = {}) =>
    lintReview(loadReview(dir), { config: { ...DEFAULT_CONFIG, ...config, root: path.dirname(path.dirname(dir)) }, profile,
      identities: { file: '(test)', people }, today: '2025-11-25', rules: allRules, ...(gate ? { gate } : {}), ...guarded({ file: '(test)', people }, profile) })
      .map((f) => ({ ...f, file: path.relative(dir, path.resolve(f.file)).split(path.sep).join('/') }));
  const OV = 'overview-report.md';
  const withLine = (line: string) => `${exampleText(OV)}\n${line}\n`;

  it('a registered name stops any build, whatever the config says of anon/identity', () => {
    const dir = prepareReview({ files: { [OV]: withLine(`Met ${a.names[1]} at home.`) } });
    expect(identityBlockers(run(dir, undefined, { rules: { 'anon/identity': 'off' } }))).toEqual([]);
    const blockers = identityBlockers(run(dir, 'build', { rules: { 'anon/identity': 'warn' } }));
    expect(blockers.map((f) => [f.file, f.severity])).toEqual([[OV, 'error']]);
    const line = identityRefusal(blockers);
    expect(line).toMatch(/^dhr: build refused: 1 registered name or identifier \(anon\/identity\) at .*overview-report\.md:\d+:5; /);
    expect(echoes(line)).toEqual([]);
  });

  it('--final refuses an anonymisation warning; a disable with a reason lets it through, one without does not', () => {
    const name = 'Met Mrs Pennington at home.';
    const plain = prepareReview({ files: { [OV]: withLine(name) } });
    expect(run(plain, undefined).filter((f) => f.ruleId === 'anon/person-name').map((f) => f.severity)).toEqual(['warning']);
    const blockers = finalBlockers(run(plain, 'final'));
    expect(blockers.map((f) => f.ruleId)).toEqual(['anon/person-name']);
    const refusal = finalRefusal('build --final', blockers);
    expect(refusal).toMatch(/^dhr: build --final refused: 1 anonymisation finding \(0 errors, 1 warning or note\) at .*overview-report\.md:\d+:5\. /);
    expect(echoes(refusal)).toEqual([]);

    const reasoned = prepareReview({ files: { [OV]: withLine(`<!-- dhr-disable-next-line anon/person-name -- the name of a cited author -->\n${name}`) } });
    expect(finalBlockers(run(reasoned, 'final'))).toEqual([]);

    const bare = prepareReview({ files: { [OV]: withLine(`<!-- dhr-disable-next-line anon/person-name -->\n${name}`) } });
    expect(run(bare, undefined).filter((f) => f.ruleId === 'anon/person-name')).toEqual([]);
    expect(finalBlockers(run(bare, 'final')).map((f) => f.ruleId).sort()).toEqual(['anon/person-name']);
  });

  it('--final does not let the config switch an anon rule off', () => {
    const dir = prepareReview({ files: { [OV]: withLine('Met Mrs Pennington at home.') } });
    expect(run(dir, undefined, { rules: { anon: 'off' } }).filter((f) => f.ruleId.startsWith('anon/'))).toEqual([]);
    expect(finalBlockers(run(dir, 'final', { rules: { anon: 'off' } })).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['anon/person-name warning']);
  });
});

describe('--show-values output is escaped in every formatter', () => {
  const hostile = 'Jo\nanna ::error file=x::forged\r\x1b[2J\x1b[31mred\u202eevil\u2066x\u2028y\t|`<b>';
  const findings: Finding[] = [{
    ruleId: 'anon/identity', severity: 'error', file: 'reviews/R/overview-report.md', line: 3, column: 5, endLine: 4, endColumn: 2,
    message: 'real name of Adult A found: replace it with the pseudonym "Adult A"', review: 'R', value: hostile,
  }];
  const input = { findings, files: 1, reviews: 1, showValues: true, color: false };
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

  it('printable() writes controls as visible escapes', () => {
    expect(printable('a\nb\x1b[2J\u202ec')).toBe('a\\nb\\u{1b}[2J\\u{202e}c');
  });

  for (const name of FORMATS) {
    it(`${name}: the value is there, escaped: no control character, no line break of its own`, () => {
      const out = format(name, input);
      // JSON escapes the backslash of the visible escape once more
      expect(out).toContain(name === 'json' || name === 'sarif' ? 'Jo\\\\nanna' : 'Jo\\nanna');
      expect(out).not.toMatch(CONTROL);
      if (name !== 'json' && name !== 'sarif') expect(out.split('\n').filter((l) => l.includes('anon/identity') || l.includes('Adult A')).length).toBe(1);
      if (name === 'github') {
        const lines = out.split('\n').filter(Boolean);
        expect(lines).toHaveLength(1);
        expect(lines[0].startsWith('::error ')).toBe(true); // a workflow command is read only at the start of a line
      }
      if (name === 'json' || name === 'sarif') expect(out).not.toContain('\\u001b'); // made visible before JSON escaping
    });
  }

  it('job summary: one table row, no HTML, no cell break', () => {
    const md = jobSummary(input);
    const rows = md.split('\n').filter((l) => l.startsWith('| error'));
    expect(rows).toHaveLength(1);
    expect(rows[0].split(/(?<!\\)\|/).length).toBe(7); // six cells: nothing in the value ended one
    expect(md).not.toContain('<b>');
    expect(md).not.toMatch(CONTROL);
  });
});
