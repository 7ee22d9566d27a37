import { describe, expect, it } from 'vitest';
import { closestWord, columnLetters, isSafeId, isSafePseudonym, isSafeRef, NO_REGISTER, printGuard, quoted, safeFileName, safePath } from './safe.js';

const register = { people: [{ names: ['Joanna Kestrel-Whitby', 'Jojo Kestrel'], identifiers: ['999 284 7328', 'GL5 7XQ'] }] };
const guard = printGuard(register, ['Marjorie', 'Darren', 'Forest', 'Dean'], ['forest-of-dean']);

describe('what may be printed (safe.ts)', () => {
  it('prints plain agency ids, but not one holding a registered or given name', () => {
    expect(isSafeId('police', guard)).toBe(true);
    expect(isSafeId('adult-social-care', guard)).toBe(true);
    expect(isSafeId('joanna-whitby', guard)).toBe(false); // registered name words
    expect(isSafeId('kestrel-trust', guard)).toBe(false);
    expect(isSafeId('marjorie-pennington', guard)).toBe(false); // a common given name
    expect(isSafeId('Police', guard)).toBe(false); // not the id shape
    expect(isSafeId('forest-of-dean', guard)).toBe(true); // the profile's own id: no given-name check
  });

  it('prints short references, never a number long enough to be an identifier', () => {
    for (const ok of ['A3', 'R12', 'Q1', 'POL-0042', '12']) expect(isSafeRef(ok, guard), ok).toBe(true);
    for (const bad of ['Joanna', '9992847328', '14081989', 'A 3', 'Joanna Whitby', 'A3\u202e']) expect(isSafeRef(bad, guard), bad).toBe(false);
  });

  it('prints a declared pseudonym unless it is a registered name', () => {
    expect(isSafePseudonym('Adult A', guard)).toBe(true);
    expect(isSafePseudonym('Jane', guard)).toBe(true); // a pseudonym may be a name; only the register says it is real
    expect(isSafePseudonym('Joanna Whitby', guard)).toBe(false);
    expect(isSafePseudonym('Adult\nA', guard)).toBe(false);
  });

  it('quotes schema words and references; ids only with a guard', () => {
    expect(quoted('lead_district')).toBe(' "lead_district"');
    expect(quoted('A3')).toBe(' "A3"');
    expect(quoted('police')).toBe(' "police"'); // a schema word (an agency kind)
    expect(quoted('ghft')).toBe(''); // the loader has no guard: a plain id is not quoted
    expect(quoted('ghft', guard)).toBe(' "ghft"');
    expect(quoted('Marjorie Pennington')).toBe('');
    expect(quoted('\x1b[2J')).toBe('');
  });

  it('names columns by letter and suggests only schema words', () => {
    expect([1, 3, 26, 27, 52].map(columnLetters)).toEqual(['A', 'C', 'Z', 'AA', 'AZ']);
    expect(closestWord('practioner', ['practitioner', 'date'])).toBe('practitioner');
    expect(closestWord('Marjorie', ['practitioner', 'date'])).toBeUndefined();
  });

  it('withholds a path segment holding a registered name, stably, keeping the extension', () => {
    const a = safePath('reviews/DHR-1/family/Joanna Whitby notes.md', guard);
    expect(a).toMatch(/^reviews\/DHR-1\/family\/name-withheld-[0-9a-f]{8}\.md$/);
    expect(safePath('reviews/DHR-1/family/Joanna Whitby notes.md', guard)).toBe(a);
    expect(safePath('reviews/DHR-1/imrs/police.md', guard)).toBe('reviews/DHR-1/imrs/police.md');
    expect(safePath('reviews/DHR-1/chronologies/gl57xq.csv', guard)).toMatch(/name-withheld/); // an identifier
    expect(safePath('reviews/DHR-1/imrs/marjorie.md', NO_REGISTER)).toBe('reviews/DHR-1/imrs/marjorie.md');
  });

  it('gives the manifest only plain file names', () => {
    expect(safeFileName('chronologies/police.csv', guard)).toBe('chronologies/police.csv');
    expect(safeFileName('review.yml', guard)).toBe('review.yml');
    expect(safeFileName('imrs/marjorie-pennington.md', guard)).toMatch(/^imrs\/file-[0-9a-f]{8}\.md$/);
    expect(safeFileName('family/Joanna notes.md', guard)).toMatch(/^family\/file-[0-9a-f]{8}\.md$/);
  });
});
