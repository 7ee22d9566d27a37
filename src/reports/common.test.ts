import { describe, expect, it } from 'vitest';
import { heading, paragraph, bulletList, plainText, type Block } from '../document/model.js';
import { loadReview } from '../review/load.js';
import { loadProfile } from '../lint/profile.js';
import { masterOf } from '../chronology/merge.js';
import { EXAMPLE } from '../../test/support/rule-tester.js';
import { bodyBlocks, coverLines, marking, numberBlocks, placeFamilyStatement, recommendationsTable, ukDate, type BuildContext } from './common.js';

const firstText = (b: Block) => (b.type === 'heading' || b.type === 'paragraph' ? plainText(b.children) : '');

describe('numberBlocks', () => {
  it('numbers sections and their paragraphs, not the preface, lists or quotes; typed numbers give way', () => {
    const out = numberBlocks([
      paragraph('Preface.'),
      heading(1, '1. Introduction'),
      paragraph('First.'),
      bulletList([[paragraph('an item')]]),
      paragraph('4.7 Second, numbered by hand.'),
      heading(2, 'Sub'),
      paragraph('Third.'),
      heading(1, 'Next'),
      paragraph('2021 was the year.'),
    ]);
    expect(out.map(firstText)).toEqual(['Preface.', '1. Introduction', '1.1\u2002First.', '', '1.2\u2002Second, numbered by hand.',
      '1.1 Sub', '1.1.1\u2002Third.', '2. Next', '2.1\u20022021 was the year.']);
  });
});

describe('the example review', () => {
  const review = loadReview(EXAMPLE);
  const profile = loadProfile('gloucestershire');
  const ctx: BuildContext = { review, profile, draft: false, kind: 'final', master: masterOf(review) };

  it('marks final builds with the profile marking, drafts with the draft marking, published builds not at all', () => {
    expect(marking(ctx)).toBe('OFFICIAL-SENSITIVE');
    expect(marking({ ...ctx, kind: 'draft' })).toContain('DRAFT');
    expect(marking({ ...ctx, kind: 'publish' })).toBeUndefined();
    expect(marking({ ...ctx, profile: { ...profile, marking: { draft: '', final: '' } } })).toBe('OFFICIAL');
  });

  it('puts the subject line, chair, status and marking on the cover', () => {
    const lines = coverLines(ctx, 'Overview Report', review.overviewReport).map((l) => l.text);
    expect(lines).toEqual(expect.arrayContaining(['Domestic Homicide Review', 'Overview Report', 'Into the death of Adult A',
      'Independent chair and author: Rosalind Teague', 'Final for submission to the Home Office', 'OFFICIAL-SENSITIVE']));
  });

  it('prints chronology citations as (agency, date) with the ref in a footnote', () => {
    const blocks = bodyBlocks(review.overviewReport, ctx);
    const para = blocks.find((b) => b.type === 'paragraph' && plainText(b.children).includes('forced entry to her home and assaulted her (Gloucestershire Constabulary, 4 November 2023)'));
    expect(para).toBeDefined();
    expect(JSON.stringify(para)).toContain('Master chronology entry police#9.');
  });

  it('makes the recommendations one table, word for word, with scope and lead agency', () => {
    const blocks = recommendationsTable(bodyBlocks(review.overviewReport, ctx), review.overviewReport, ctx);
    const table = blocks.find((b) => b.type === 'table' && plainText(b.header[0]!.cells[1]!.children) === 'Recommendation');
    expect(table?.type).toBe('table');
    if (table?.type !== 'table') return;
    expect(table.rows.map((r) => plainText(r.cells[0]!.children))).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    expect(plainText(table.rows[5]!.cells[2]!.children)).toBe('regional');
    expect(plainText(table.rows[0]!.cells[3]!.children)).toBe('Gloucestershire Constabulary');
  });

  it('places the family statement at the end of the family section, and only statements (not notes of contact)', () => {
    const notes = { ...review.family[0]!, file: { ...review.family[0]!.file, rel: 'family/contact-notes.md' },
      tree: { type: 'root' as const, children: [{ type: 'heading' as const, depth: 1 as const, children: [{ type: 'text' as const, value: 'Notes of meetings' }] }] } };
    const withNotes = { ...ctx, review: { ...review, family: [...review.family, notes] } };
    const { blocks, added } = placeFamilyStatement(bodyBlocks(review.overviewReport, ctx), withNotes);
    expect(added.map(firstText)).toEqual(["Statement from Adult A's family", '']);
    const at = blocks.indexOf(added[0]!);
    const before = blocks.slice(0, at).reverse().find((b) => b.type === 'heading');
    expect(firstText(before!)).toMatch(/^Involvement of family/);
    expect(JSON.stringify(blocks)).not.toContain('Notes of meetings');
  });
});

describe('ukDate', () => {
  it('prints ISO dates the UK way and leaves other text alone', () => {
    expect(ukDate('2021-03-02')).toBe('2 March 2021');
    expect(ukDate('2021-03')).toBe('March 2021');
    expect(ukDate('not a date')).toBe('not a date');
  });
});
