/**
 * variants.ts through anon/identity: a registered street without its house number, a registered
 * date of birth in other spellings (with or without a birth keyword), a registered phone number
 * with 0044; each a small edit of the example review with the fictional register.
 */
import { describe, expect, it } from 'vitest';
import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, examplePeople, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { identity } from './identity.js';
import { parseFullDate, registeredVariants } from './variants.js';

const FAMILY = 'family/family-statement.md';
const people = examplePeople();
// Adult A: "14 Larkspur Close", "14/08/1989", "07700 900123"; Adult B: "27 Tansy Mews", "02/11/1986"; Child C: "05/03/2014"
const street = withParagraph(FAMILY, 'She grew up near Larkspur Close and later visited TANSY MEWS; a letter went to 14 Larkspur Cl.');
const dates = withParagraph(FAMILY, 'Records show 14 Aug 89, 02-Nov-1986, 05 March 2014, 2014/03/05 and 02/11/86 without saying whose birthday it was.');
const phone = withParagraph(FAMILY, 'She called from 0044 7700 900123.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (born 14-Aug-1989, lives Larkspur Close);');

ruleCases(identity, {
  valid: [
    { name: 'ordinary numbers and dates that are not registered', identities: people, files: { [FAMILY]: withParagraph(FAMILY, ORDINARY_TEXT) } },
    { name: 'other streets of the same type, other dates, a short all-digit form', identities: people, files: {
      [FAMILY]: withParagraph(FAMILY, 'Larkspur Road and Tansy Close are elsewhere; 14 Aug 1990; page 5314 (a four-digit form of 5/3/14 is too short to count).'),
    } },
  ],
  invalid: [
    { name: 'a registered street without its number, in capitals, abbreviated', identities: people, files: { [FAMILY]: street }, errors: [
      at(FAMILY, street, 'Larkspur Close', 0, 'Adult A'), at(FAMILY, street, 'TANSY MEWS', 0, 'Adult B'), at(FAMILY, street, '14 Larkspur Cl', 0, 'Adult A'),
    ] },
    { name: 'a registered date of birth in other spellings, without a keyword', identities: people, files: { [FAMILY]: dates }, errors: [
      at(FAMILY, dates, '14 Aug 89', 0, 'Adult A'), at(FAMILY, dates, '02-Nov-1986', 0, 'Adult B'), at(FAMILY, dates, '05 March 2014', 0, 'Child C'),
      at(FAMILY, dates, '2014/03/05', 0, 'Child C'), at(FAMILY, dates, '02/11/86', 0, 'Adult B'),
    ] },
    { name: 'a registered phone number with 0044', identities: people, files: { [FAMILY]: phone }, errors: [at(FAMILY, phone, '0044 7700 900123', 0, 'Adult A')] },
    { name: 'in a CSV cell', identities: people, files: { 'chronologies/icb.csv': csv }, errors: [
      at('chronologies/icb.csv', csv, '14-Aug-1989', 0, 'date of birth'), at('chronologies/icb.csv', csv, 'Larkspur Close', 0, 'address'),
    ] },
  ],
});

describe('registeredVariants', () => {
  it('parses every date form the birth-date patterns accept', () => {
    for (const s of ['03/03/1987', '3/3/87', '1987-03-03', '1987/03/03', '3 March 1987', '03-Mar-1987', '03Mar1987', 'March 3, 1987', '3rd of March 1987']) {
      expect(parseFullDate(s), s).toEqual({ d: 3, m: 3, y: 1987 });
    }
    expect(parseFullDate('March 1987')).toBeUndefined();
  });

  it('gives nothing for identifiers that have no other spelling', () => {
    expect(registeredVariants('JY 72 18 45 B')).toEqual([]);
    expect(registeredVariants('joanna.kw@example.com')).toEqual([]);
    expect(registeredVariants('12 Key Findings')).toEqual([]);
  });
});
