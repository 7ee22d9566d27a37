import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXAMPLE_IDENTITIES, ruleCases } from '../../../test/support/rule-tester.js';
import type { IdentityPerson } from '../../lint/identities.js';
import { findHashed, hashRegister, loadHashedRegister, HashedRegisterError } from './hashed-identities.js';
import { identityHashed } from './identity-hashed.js';

const KEY = 'test-only-key-0123456789abcdef';
process.env.DHR_HMAC_KEY = KEY;
delete process.env.DHR_IDENTITIES_HMAC;

const people = (parseYaml(readFileSync(EXAMPLE_IDENTITIES, 'utf8')) as { people: IdentityPerson[] }).people;
const hashed = (key = KEY) => JSON.stringify(hashRegister(people, Buffer.from(key)), null, 2);
/** The hashed register sits at the repository root, two folders above the review. */
const REG = '../../.dhr/identities.hmac.json';
const append = (extra: string) => (t: string) => `${t.replace(/\n*$/, '\n')}\n${extra}\n`;
/** The line an appended line lands on (after the blank line `append` leaves). */
const lastLine = (rel: string) => readFileSync(new URL(`../../../fixtures/example/reviews/DHR-2024-03/${rel}`, import.meta.url), 'utf8')
  .replace(/\n*$/, '\n').split('\n').length + 1;
const POLICE_LAST = lastLine('imrs/police.md');
const CSV_LAST = lastLine('chronologies/police.csv');
const VIEW_LINE = 'Jo<span>anna</span> Whitby, the Hollowells and Jo Whitby.';
const CHAIR_LINE = readFileSync(new URL('../../../fixtures/example/reviews/DHR-2024-03/review.yml', import.meta.url), 'utf8')
  .split('\n').findIndex((l) => l.includes('name: Rosalind Teague')) + 1;

ruleCases(identityHashed, {
  valid: [
    { name: 'the example review', files: { [REG]: hashed() } },
    { name: 'no hashed register: nothing to check', files: { 'imrs/police.md': append('Officers later spoke to Joanna Kestrel-Whitby at the station.') } },
    // The doc's right example.
    { name: 'the pseudonym', files: { [REG]: hashed(), 'imrs/police.md': append('Officers later spoke to Adult A at the station.') } },
    { name: 'a surname in lower case is an ordinary word, not a name', files: { [REG]: hashed(), 'imrs/police.md': append('The hollowell path.') } },
    {
      name: 'the plain register is there: anon/identity does the work',
      files: { [REG]: hashed(), 'imrs/police.md': append('Officers later spoke to Joanna Kestrel-Whitby at the station.') },
      identities: people,
    },
  ],
  invalid: [
    // The doc's wrong example.
    {
      name: 'a registered name in an IMR',
      files: { [REG]: hashed(), 'imrs/police.md': append('Officers later spoke to Joanna Kestrel-Whitby at the station.') },
      errors: [{ file: 'imrs/police.md', line: POLICE_LAST, column: 25, message: 'real name of Adult A found' }],
    },
    {
      name: 'case, possessive, hyphen and line wrap do not hide a name; a capitalised surname alone counts',
      files: { [REG]: hashed(), 'imrs/police.md': append('JOANNA KESTREL-\nWHITBY\'s sister, and later Hollowell, were seen.') },
      errors: [
        { file: 'imrs/police.md', line: POLICE_LAST, column: 1, message: 'Adult A' },
        { file: 'imrs/police.md', line: POLICE_LAST + 1, column: 28, message: 'real name of Adult B' },
      ],
    },
    {
      name: 'identifiers in a chronology cell, spaced differently',
      files: {
        [REG]: hashed(),
        'chronologies/police.csv': append('99,2023-01-05,,police,Adult A,Command and control,Call from 07700900123 about GL5-7XQ,,Call handler,no,'),
      },
      errors: [
        { file: 'chronologies/police.csv', line: CSV_LAST, column: 61, message: 'identifier of Adult A' },
        { file: 'chronologies/police.csv', line: CSV_LAST, column: 79, message: 'identifier of Adult A' },
      ],
    },
    {
      name: 'the reader\'s view, plural surnames, short forms, name fields and file names (issue 13)',
      files: {
        [REG]: hashed(),
        'imrs/police.md': append(VIEW_LINE),
        'review.yml': (t) => t.replace('name: Rosalind Teague', 'name: Darren Hollowell'),
        'notes/joanna-whitby.txt': 'nothing here\n',
      },
      errors: [
        { file: 'imrs/police.md', line: POLICE_LAST, column: VIEW_LINE.indexOf('Jo<span>') + 1, message: 'Adult A' },
        { file: 'imrs/police.md', line: POLICE_LAST, column: VIEW_LINE.indexOf('Hollowells') + 1, message: 'Adult B' },
        { file: 'imrs/police.md', line: POLICE_LAST, column: VIEW_LINE.indexOf('Jo Whitby') + 1, message: 'Adult A' },
        { file: 'review.yml', line: CHAIR_LINE, column: 9, message: 'real name of Adult B' },
        { file: 'notes/[file 1 of 1]', line: 1, column: 1, message: 'the name of this file holds the real name of Adult A' },
      ],
    },
    {
      name: 'a key that does not match the file is reported, not taken for a clean result',
      files: { [REG]: hashed('another-key-0123456789abcdef') },
      errors: [{ file: 'review.yml', line: 1, column: 1, message: 'key does not match' }],
    },
  ],
});

describe('keyed-hash register', () => {
  const file = JSON.parse(hashed());
  it('holds no readable name or identifier', () => {
    const text = JSON.stringify(file).toLowerCase();
    for (const p of people) for (const v of [...p.names, ...p.identifiers]) {
      expect(text.includes(v.toLowerCase())).toBe(false);
      expect(text.includes(v.toLowerCase().replace(/[^a-z0-9]/g, ''))).toBe(false);
    }
    expect(file.algorithm).toBe('HMAC-SHA256');
  });

  it('is deterministic for a key and changes with the key', () => {
    expect(hashed()).toBe(hashed());
    expect(hashed('another-key-0123456789abcdef')).not.toBe(hashed());
  });

  it('finds +44 forms of a registered phone number, none in a long text without one, and refuses the wrong key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dhr-hmac-'));
    try {
      const path = join(dir, 'register.json');
      writeFileSync(path, hashed());
      const reg = loadHashedRegister(path, Buffer.from(KEY));
      expect(findHashed('Call from +44 7700 900123.', reg).map((m) => m.kind)).toEqual(['identifier']);
      const long = 'Adult A told the officer that she was frightened of Adult B and wanted help. '.repeat(5000);
      expect(findHashed(long, reg)).toEqual([]);
      expect(() => loadHashedRegister(path, Buffer.from('wrong-key-0123456789abcdef'))).toThrow(HashedRegisterError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

