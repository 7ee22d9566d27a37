import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, prepareReview, ruleCases, runRules } from '../../../test/support/rule-tester.js';
import { requiredSection, longestIncreasing } from './required-section.js';
import { matchHeading, normaliseHeading, matchSection, requiredSections } from '../../review/sections.js';

const OVERVIEW = readFileSync(path.join(EXAMPLE, 'overview-report.md'), 'utf8');
const SUMMARY = readFileSync(path.join(EXAMPLE, 'executive-summary.md'), 'utf8');
const POLICE = readFileSync(path.join(EXAMPLE, 'imrs', 'police.md'), 'utf8');
function at(text: string, needle: string) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length, column: i - before.lastIndexOf('\n') };
}
const o = 'overview-report.md';
const e = 'executive-summary.md';

/** Removes a level-2 section (heading and body) from a report. */
function drop(heading: string) {
  return (t: string) => {
    const start = t.indexOf(`\n## ${heading}\n`);
    if (start < 0) throw new Error(`no ## ${heading}`);
    const next = t.indexOf('\n## ', start + 1);
    return t.slice(0, start) + (next < 0 ? '\n' : t.slice(next));
  };
}
/** Swaps two adjacent level-2 sections. */
function swap(first: string, second: string) {
  return (t: string) => {
    const a = t.indexOf(`\n## ${first}\n`);
    const b = t.indexOf(`\n## ${second}\n`);
    const end = t.indexOf('\n## ', b + 1);
    const stop = end < 0 ? t.length : end;
    return t.slice(0, a) + t.slice(b, stop) + t.slice(a, b) + t.slice(stop);
  };
}
const numbered = (t: string) => {
  let n = 0;
  return t.replace(/^## (.*)$/gm, (_m, h: string) => `## ${++n}. ${h.toUpperCase()}:`);
};
const swapped = swap('Chronology', 'Overview');

// an area's profile that replaces the overview report's list (report_sections, same shape as sections.yml)
const AREA = path.join(mkdtempSync(path.join(os.tmpdir(), 'dhr-profile-')), 'area.yml');
writeFileSync(AREA, `id: area
report_sections:
  documents:
    overview-report:
      name: overview report
      sections:
        - { id: introduction, heading: Introduction }
        - { id: glossary, heading: Glossary, variants: [Terms used] }
        - { id: recommendations, heading: Recommendations }
`);

// an area with a local layout: structure findings are warnings, and it has a heading of its own
const LOCAL = path.join(path.dirname(AREA), 'local.yml');
writeFileSync(LOCAL, `id: local
report_sections:
  severity: warning
  variants: { parallel-reviews: [Other proceedings] }
`);

ruleCases(requiredSection, {
  valid: [
    { name: 'the example reports and IMRs have every section in order' },
    { name: 'numbering, case and punctuation are ignored', files: { [o]: numbered, [e]: numbered } },
    { name: 'accepted variants, a dedication first and extra sections between',
      files: { [o]: (t) => `# Dedication\n\nFor Adult A.\n\n${t}`.replace('## Methods', '## Methodology')
        .replace('## Lessons to be learnt', '## Lessons learned').replace('## Analysis', '## Analysis: agency responses\n\n## A section of our own\n\nText.') } },
    { name: 'a learning review needs only lessons and recommendations in its report, and no executive summary sections',
      review: { type: 'learning-review' }, files: { [o]: drop('Methods'), [e]: drop('Summary chronology') } },
    { name: 'missing reports are not this rule\'s business', files: { [o]: null, [e]: null } },
    { name: 'a level-3 heading shows the section is there (reports nest sections under a part)',
      files: { [o]: (t) => t.replace('## Dissemination', '### Dissemination') } },
    { name: 'the headings of published reports',
      files: { [o]: (t) => t.replace('## Introduction', '## 1. Preface').replace('## Involvement of family, friends, work colleagues, neighbours and wider community', '## Section 6 – Contact with family and friends')
        .replace('## The review panel members', '## 4.1 The Panel').replace('## Equality and diversity', '## EQUALITIES').replace('## Background information (the facts)', '## The Facts by Agency')
        .replace('## Analysis', '## Analysis against the Terms of Reference').replace('## Lessons to be learnt', '## Lessons Identified')
        .replace('## Conclusions', '## Key lessons').replace('## Lessons Identified', '## Conclusions').replace('## Key lessons', '## Lessons Identified'),
        [e]: (t) => t.replace('## The review process', '## Introduction').replace('## Key issues arising from the review', '## Key issues') } },
    { name: '"Conclusions and Recommendations" is both sections', files: { [o]: (t) => t.replace('## Conclusions', '## Lessons to be learnt x').replace('## Lessons to be learnt\n', '## Conclusions and Recommendations\n').replace('## Lessons to be learnt x', '## Lessons Learned').replace('\n## Recommendations\n', '\n### Recommendations\n') } },
    { name: '"Conclusions / Recommendations" with the lessons first', files: { [o]: (t) => t.replace('## Conclusions', '## Conclusions / Recommendations').replace('\n## Recommendations\n', '\n### List\n') } },
    { name: 'a close match is accepted (report/heading-variant notes it)', files: { [o]: (t) => t.replace('## Methods', '## Methods and sources used').replace('## Dissemination', '## Disemination') } },
    { name: 'an appendix heading shows a section is there, whatever its place',
      files: { [o]: (t) => drop('Terms of reference')(t).replace('\n## Recommendations', '\n## Appendix 1: Terms of reference\n\nText.\n\n## Recommendations') } },
    { name: 'parts that group sections ("Part Three: Analysis") do not count for the order',
      files: { [o]: (t) => t.replace('## Background information (the facts)', '# Part Two: The Facts\n\n## Background information (the facts)')
        .replace('## Overview', '# Part Three: Analysis\n\n## Overview') } },
    { name: 'an area adds its own variants', config: { profile: LOCAL }, files: { [o]: (t) => t.replace('## Parallel reviews', '## Other proceedings') } },
  ],
  invalid: [
    { name: 'the wrong example: Methods missing', files: { [o]: drop('Methods') },
      errors: [{ file: o, ...at(OVERVIEW, '## Terms of reference'), message: 'the overview report has no section "Methods": add a heading "Methods" (or "Methodology", "Review methodology", "Methods used", …) after the section "Terms of reference"' }] },
    { name: 'two sections missing: one finding naming both, where the first belongs', files: { [o]: (t) => drop('Dissemination')(drop('Methods')(t)) },
      errors: [{ file: o, ...at(OVERVIEW, '## Terms of reference'), message: 'the overview report has no sections "Methods" and "Dissemination" (2 of the 19 of its template)' }] },
    { name: 'one recognised heading in a report of unknown headings: one finding, not eighteen',
      files: { [o]: (t) => t.replace(/^## (?!Introduction$)(.*)$/gm, '## Part: $1 (local)').replace(/^## Part: (.*) \(local\)$/gm, (_m, h: string) => `## ${h.split('').reverse().join('')}`) },
      errors: [{ file: o, ...at(OVERVIEW, '## Introduction'), message: '(18 of the 19 of its template)' }] },
    { name: 'several sections out of order: one finding at the first of them',
      files: { [o]: (t) => swap('Chronology', 'Overview')(swap('Timescales', 'Confidentiality')(t)) },
      errors: [{ file: o, line: at(swap('Timescales', 'Confidentiality')(OVERVIEW), '## Timescales').line, column: 1, message: '2 sections are out of the overview report template\'s order' }] },
    { name: 'a profile can make structure a warning', config: { profile: LOCAL }, files: { [o]: drop('Methods') },
      errors: [{ file: o, ...at(OVERVIEW, '## Terms of reference'), message: 'no section "Methods"' }] },
    { name: 'the first section missing is reported at line 1', files: { [o]: drop('Introduction') },
      errors: [{ file: o, line: 1, column: 1, message: 'no section "Introduction"' }] },
    { name: 'two sections swapped: the one that comes too late is reported', files: { [o]: swapped },
      errors: [{ file: o, ...at(swapped(OVERVIEW), '## Chronology'), message: 'the section "Chronology" is out of order: the overview report template puts it after "Background information (the facts)"' }] },
    { name: 'an executive summary section missing', files: { [e]: drop('Summary chronology') },
      errors: [{ file: e, ...at(SUMMARY, '## Terms of reference'), message: 'the executive summary has no section "Summary chronology"' }] },
    { name: 'an IMR section missing', files: { 'imrs/police.md': drop('Good practice') },
      errors: [{ file: 'imrs/police.md', ...at(POLICE, '## Analysis'), message: 'this IMR has no section "Good practice"' }] },
    { name: 'a learning review still needs its recommendations', review: { type: 'learning-review' }, files: { [o]: drop('Recommendations') },
      errors: [{ file: o, ...at(OVERVIEW, '## Lessons to be learnt'), message: 'no section "Recommendations"' }] },
    { name: 'a report with none of the sections gets one finding', files: { [e]: '# Executive summary\n\nTo follow.\n' },
      errors: [{ file: e, line: 1, column: 1, message: 'has none of the sections of its template' }] },
    { name: "an area's profile can replace a section list", config: { profile: AREA },
      errors: [{ file: o, ...at(OVERVIEW, '## Introduction'), message: 'no section "Glossary": add a heading "Glossary" (or "Terms used") after the section "Introduction"' }] },
  ],
});

describe('sections', () => {
  it('normalises headings', () => {
    expect(normaliseHeading('2.3. The Review Panel Members')).toBe('review panel members');
    expect(normaliseHeading('iv) Equality & Diversity')).toBe('equality and diversity');
    expect(normaliseHeading('Section 5: Methods')).toBe('methods');
    expect(normaliseHeading('Background information (the facts)')).toBe('background information facts');
    expect(normaliseHeading('Involvement of family, friends and the wider community')).toBe(normaliseHeading('Involvement of family, friends and wider community'));
  });
  it('matches variants and the part before a colon', () => {
    const s = requiredSections('overview-report', 'dhr').sections;
    expect(s[matchSection('Lessons learned', s)].id).toBe('lessons');
    expect(s[matchSection('Analysis – what agencies did', s)].id).toBe('analysis');
    expect(matchSection('Overview report', s)).toBe(-1);
  });
  it('reads combined and close headings', () => {
    const s = requiredSections('overview-report', 'dhr').sections;
    const id = (h: string) => matchHeading(h, s)?.sections.map((i) => s[i].id);
    expect(id('Conclusions and Recommendations')).toEqual(['conclusions', 'recommendations']);
    expect(id('5. Conclusions / Recommendations')).toEqual(['conclusions', 'recommendations']);
    expect(matchHeading('Lessons Identified', s)?.kind).toBe('exact');
    expect(matchHeading('Reccomendations', s)).toMatchObject({ kind: 'close' });
    expect(id('Recommendations of the review panel members')).toEqual(['recommendations']);
    expect(matchHeading('Glossary', s)).toBeUndefined();
    expect(normaliseHeading('Part two: The Facts')).toBe('facts');
  });
  it('finds a longest increasing run', () => {
    expect([...longestIncreasing([0, 1, 3, 2, 4])].sort()).toEqual([0, 1, 2, 4]);
    expect(longestIncreasing([]).size).toBe(0);
  });
});

describe('severity', () => {
  it("is the profile's for an area with a local layout, and the config's over it", () => {
    const dir = prepareReview({ files: { [o]: drop('Methods') } });
    expect(runRules(dir, [requiredSection], { config: { profile: LOCAL } }).map((f) => f.severity)).toEqual(['warning']);
    expect(runRules(dir, [requiredSection]).map((f) => f.severity)).toEqual(['error']);
    expect(runRules(dir, [requiredSection], { config: { profile: LOCAL, rules: { 'report/required-section': 'error' } } }).map((f) => f.severity)).toEqual(['error']);
  });
});
