import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { requiredSection, longestIncreasing } from './required-section.js';
import { normaliseHeading, matchSection, requiredSections } from './sections.js';

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
  ],
  invalid: [
    { name: 'the wrong example: Methods missing', files: { [o]: drop('Methods') },
      errors: [{ file: o, ...at(OVERVIEW, '## Terms of reference'), message: 'the overview report has no section "Methods": add a heading "Methods" (or "Methodology", "Review methodology", "Methods used") after the section "Terms of reference"' }] },
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
    { name: 'a level-3 heading does not count', files: { [o]: (t) => t.replace('## Dissemination', '### Dissemination') },
      errors: [{ file: o, ...at(OVERVIEW, '## Equality and diversity'), message: 'no section "Dissemination"' }] },
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
  it('finds a longest increasing run', () => {
    expect([...longestIncreasing([0, 1, 3, 2, 4])].sort()).toEqual([0, 1, 2, 4]);
    expect(longestIncreasing([]).size).toBe(0);
  });
});
