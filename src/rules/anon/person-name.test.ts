import { readdirSync } from 'node:fs';
import { EXAMPLE, ruleCases } from '../../../test/support/rule-tester.js';
import { at, exampleText, replaced, withParagraph } from '../../../test/support/anon.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastWordBefore, personName } from './person-name.js';

const FAMILY = 'family/family-statement.md';
const OVERVIEW = 'overview-report.md';
const wrong = withParagraph(FAMILY, 'Mrs Patel, a neighbour, called the police. Sarah Jones from the school also saw her.');
const right = withParagraph(FAMILY, 'A neighbour called the police. A teacher from the school also saw her.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started by Dr Adeyemi;');
const wrapped = withParagraph(FAMILY, 'The officer later spoke to Karen\nBlackwood, a friend.');

// the declared chair, panel and IMR authors, whatever precedes or follows them
const cover = `# Overview report\n\nIndependent Chair and Author: Rosalind Teague\nNovember 2024\n\nRosalind Teague\nSevern Review Associates\n\n${exampleText(OVERVIEW).replace(/^# .*\n/, '')}`;
const declared = withParagraph(FAMILY, 'DCI Okafor-Lyle and Dr Nadia Okafor-Lyle met DCI Gareth Ansty. Rosalind Teague, Independent Chair, and Ros Teague\nthanked Tomasz Wrenfield\nNamed GP. Ms Penhale agreed.');
const cited = withParagraph(FAMILY, 'Professor Jane Monckton-Smith (2019) and Monckton-Smith (2019) describe the timeline; Home Office (2016).\n\nYours sincerely,\n\nAlex Pardoe\nHead of the Domestic Homicide Review Team, Home Office');
const officialOnly = withParagraph(FAMILY, 'Yours sincerely,\n\nAlex Pardoe\nHome Office');

// a pseudonym or an allowed word does not launder the word beside it
const besidePseudonym = withParagraph(FAMILY, 'Adult A Whitcombe was her name at school.');
const givenPseudonym = withParagraph(FAMILY, 'Hannah was happy. Hannah Sheldrake was her full name.');
const besidePlace = withParagraph(FAMILY, 'Her friend Sarah Stroud called. She lived in Stroud; Stroud District Council housed her.');
const variant = withParagraph(FAMILY, 'Gareth Teague attended.');

// short given names and dictionary-word surnames
const short = withParagraph(FAMILY, 'Jo Tranter, Ste Mullins, Kat Simmonds and Becky Aldous knew her.');
const dictionary = withParagraph(FAMILY, 'Sarah Baker, Tom Field and Amy Green were her friends; Mrs Field knew them.');
const ordinary = withParagraph(FAMILY, 'Grace Period. Will Adult B attend? Mark Scheme. Rose Garden. She was seen at Victoria Hospital and lived on Victoria Road. DCI Public Protection agreed.');

// capitals and police style
const caps = withParagraph(FAMILY, 'SARAH JONES gave a statement. JONES, Sarah was arrested. Kieran DOWDESWELL was a witness.');
const headings = withParagraph(FAMILY, 'EXECUTIVE SUMMARY\n\nTERMS OF REFERENCE\n\nFollowing the MARAC, Adult A was offered an IDVA.');
const police = withParagraph(FAMILY, 'Ms G. Green and Mr J Hollis saw it; PC 1234 Jones attended.');

// a name split across two CSV cells
const CONTACTS = 'family/contacts.csv';
const contacts = 'forename,surname,relationship\nMaureen,Tilley,mother\n,,friend\n';
// what a reader reads: emphasis inside a word, a look-alike letter (Cyrillic "а"), a zero-width space
const disguised = withParagraph(FAMILY, 'Her friend Jo**an**ne Pilbeam called. Then D\u0430vid Ockwell and Tr\u200bacy Lunnon came.');
// tags and character references, also beside a tag whose attribute the reader's view drops
const tagged = withParagraph(FAMILY, 'Then J&#111;hn Pemberthy, Ma\u00adrtin Quarrendon and <b>Susan</b> Oakridge came; Jo<span title="cousin">hn</span> Brackley too.');
const table = withParagraph(FAMILY, '| Forename | Surname | Relationship |\n|---|---|---|\n| Maureen | Tilley | mother |\n| Sarah | Victim | Stroud |');

const TOP = [...readdirSync(EXAMPLE), 'kevin-ashdown', 'notes'].sort();

ruleCases(personName, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'chair and panel names, pseudonyms, agencies and places', files: {
      [FAMILY]: withParagraph(FAMILY, 'Rosalind Teague chaired; Ms Teague thanked Gareth Ansty. Adult A lived near the Forest of Dean; Gloucestershire Constabulary.'),
    } },
    { name: 'a given name followed by an ordinary word, an institution or a street', files: { [FAMILY]: ordinary } },
    { name: 'HTML comments and link URLs are not prose', files: { [FAMILY]: withParagraph(FAMILY, '<!-- Sarah Jones to check -->\n[guidance](https://example.org/Sarah-Jones)') } },
    { name: 'a term listed in allowed_terms', files: { [FAMILY]: withParagraph(FAMILY, 'The Sarah Jenkins Trust helped.') }, config: { allowed_terms: ['Sarah Jenkins Trust'] } },
    { name: 'chair and panel name fields themselves', files: { 'review.yml': replaced('review.yml', 'name: Gareth Ansty', 'name: Dr Gareth Ansty') } },
    { name: 'the chair on a cover page, followed by month and year or the organisation', files: { [OVERVIEW]: cover } },
    { name: 'declared names after a title, hyphenated, with a comma and role, a line break, a short form', files: { [FAMILY]: declared } },
    { name: 'a cited researcher and a Home Office official in allowed_names', files: { [FAMILY]: cited },
      config: { allowed_names: ['Jane Monckton-Smith', 'Alex Pardoe'] } },
    { name: 'headings in capitals and an acronym before a comma', files: { [FAMILY]: headings } },
    { name: 'file names of ordinary words, agencies and a declared chair are not names', files: {
      'notes/grace-period.md': 'x\n', 'notes/adult-social-care-return.md': 'x\n', 'notes/rose-garden-visit.txt': 'x\n',
      'notes/will-and-testament.md': 'x\n', 'notes/rosalind-teague-cv.md': 'x\n',
    } },
  ],
  invalid: [
    { name: 'a personal name in a file or folder name, however it is written: reported by its place only', files: {
      'notes/margaret_thornbury.txt': 'x\n', 'notes/JoanPettigrew.md': 'x\n', 'kevin-ashdown/letter.txt': 'x\n',
    }, errors: [
      { file: `[folder ${TOP.indexOf('kevin-ashdown') + 1} of ${TOP.length}]`, line: 1, column: 1, message: 'the name of this folder may hold a personal name' },
      { file: 'notes/[file 1 of 2]', line: 1, column: 1, message: 'the name of this file may hold a personal name' },
      { file: 'notes/[file 2 of 2]', line: 1, column: 1, message: 'the name of this file may hold a personal name' },
    ] },
    { name: 'doc wrong example: title + surname, given name + surname', files: { [FAMILY]: wrong }, errors: [
      at(FAMILY, wrong, 'Mrs Patel', 0, 'possible personal name'), at(FAMILY, wrong, 'Sarah Jones'),
    ] },
    { name: 'in a CSV cell', files: { 'chronologies/icb.csv': csv }, errors: [at('chronologies/icb.csv', csv, 'Dr Adeyemi')] },
    { name: 'a name wrapped across two lines', files: { [FAMILY]: wrapped }, errors: [at(FAMILY, wrapped, 'Karen')] },
    { name: 'an official not in allowed_names: the advice names allowed_names', files: { [FAMILY]: officialOnly },
      errors: [at(FAMILY, officialOnly, 'Alex Pardoe', 0, 'allowed_names in dhr.config.yml')] },
    { name: 'a surname after a pseudonym that is not a given name', files: { [FAMILY]: besidePseudonym },
      errors: [at(FAMILY, besidePseudonym, 'Adult A Whitcombe', 0, 'beside a pseudonym')] },
    { name: 'a surname after a pseudonym that is a given name', files: { [FAMILY]: givenPseudonym },
      review: { 'subjects.0.pseudonym': 'Hannah' },
      errors: [at(FAMILY, givenPseudonym, 'Hannah Sheldrake', 0, 'beside a pseudonym')] },
    { name: 'an allowed place word after a given name', files: { [FAMILY]: besidePlace },
      errors: [at(FAMILY, besidePlace, 'Sarah Stroud', 0, 'allowed place or term')] },
    { name: 'the chair\'s surname with another given name: no allowed_terms advice', files: { [FAMILY]: variant },
      errors: [at(FAMILY, variant, 'Gareth Teague', 0, 'declared for this review')] },
    { name: 'short given names', files: { [FAMILY]: short }, errors: [
      at(FAMILY, short, 'Jo Tranter'), at(FAMILY, short, 'Ste Mullins'), at(FAMILY, short, 'Kat Simmonds'), at(FAMILY, short, 'Becky Aldous'),
    ] },
    { name: 'dictionary-word surnames after a given name', files: { [FAMILY]: dictionary }, errors: [
      at(FAMILY, dictionary, 'Sarah Baker'), at(FAMILY, dictionary, 'Tom Field'), at(FAMILY, dictionary, 'Amy Green'),
      at(FAMILY, dictionary, 'Mrs Field'),
    ] },
    { name: 'names in capitals and police style', files: { [FAMILY]: caps }, errors: [
      at(FAMILY, caps, 'SARAH JONES'), at(FAMILY, caps, 'JONES, Sarah'), at(FAMILY, caps, 'Kieran DOWDESWELL'),
    ] },
    { name: 'a title with initials or a collar number', files: { [FAMILY]: police }, errors: [
      at(FAMILY, police, 'Ms G. Green'), at(FAMILY, police, 'Mr J Hollis'), at(FAMILY, police, 'PC 1234 Jones'),
    ] },
    { name: 'names disguised in the text as written are found as a reader reads them', files: { [FAMILY]: disguised }, errors: [
      at(FAMILY, disguised, 'Jo**an**ne Pilbeam'), at(FAMILY, disguised, 'D\u0430vid Ockwell'), at(FAMILY, disguised, 'Tr\u200bacy Lunnon'),
    ] },
    { name: 'names in tags and character references, beside a tag with an attribute', files: { [FAMILY]: tagged }, errors: [
      at(FAMILY, tagged, 'J&#111;hn Pemberthy'), at(FAMILY, tagged, 'Ma\u00adrtin Quarrendon'), at(FAMILY, tagged, 'Susan</b> Oakridge'),
      at(FAMILY, tagged, 'Jo<span title="cousin">hn</span> Brackley'),
    ] },
    { name: 'a name split across the forename and surname cells of a CSV', files: { [CONTACTS]: contacts }, errors: [
      at(CONTACTS, contacts, 'Maureen', 0, 'across two CSV cells'),
    ] },
    { name: 'a name split across two cells of a Markdown table (a role or a place in the next cell is not)', files: { [FAMILY]: table }, errors: [
      at(FAMILY, table, 'Maureen', 0, 'across two table cells'),
    ] },
  ],
});

describe('lastWordBefore (a seam\'s last word)', () => {
  /** What the pattern it replaced found: `([\p{L}'’-]+)\.?$` on the slice. */
  const reference = (s: string): string | undefined => /([\p{L}'’-]+)\.?$/u.exec(s)?.[1];
  it('finds what the pattern finds on the slice, in any text', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('a', 'Z', 'é', 'Ł', '𝐀', '\u{1F600}', "'", '’', '-', '.', ' ', ',', '1', '\t', 'ß', 'ǅ', '\u0301'), { maxLength: 12 }),
      fc.nat(3),
      (chars, cut) => {
        const text = `x${chars.join('')}`;
        const from = Math.min(cut, text.length);
        expect(lastWordBefore(text, from, text.length)).toBe(reference(text.slice(from)));
      },
    ), { numRuns: 2000 });
  });
});
