/**
 * Property tests of the identity matcher (src/rules/anon/matcher.ts), behind anon/identity and
 * redact: any spacing, case or possessive variant of a registered name (or any spacing of a
 * registered number) is found, wherever it sits in a text; text without it is never flagged.
 *
 * Registered names are built from syllables holding the letters q, v, x and z, and the filler
 * text never uses those letters (nor the digits of registered numbers), so "text without it"
 * is guaranteed not to contain a name, even when its words are joined across spaces.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdentityMatcher } from '../../src/rules/anon/matcher.js';
import type { IdentityPerson } from '../../src/lint/identities.js';

const SYLLABLES = ['zor', 'quil', 'vex', 'braz', 'tav', 'lyx', 'quen', 'ozv', 'zael', 'vorq'];
const word = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 3 }).map((s) => s.join(''));
const capital = (w: string) => w[0].toUpperCase() + w.slice(1);
const nameArb = fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => ws.map(capital).join(' '));
/** Registered numbers use digits 1-6 only; filler uses 7, 8, 9 and 0. */
const numberArb = fc.array(fc.constantFrom('1', '2', '3', '4', '5', '6'), { minLength: 10, maxLength: 10 }).map((d) => d.join(''));

const FILLER_WORDS = ['the', 'officer', 'visited', 'home', 'on', 'a', 'Monday', 'report', 'and', 'was', 'seen', 'by', 'GP', 'at', 'Adult', 'A',
  'said', 'she', 'felt', 'unsafe', 'call', 'made', 'to', 'police', 'in', 'March', 'nurse', 'noted', 'bruising', 'Stroud', 'Gloucester', '2021', '0800'];
const fillerArb = fc.array(fc.oneof(fc.constantFrom(...FILLER_WORDS), fc.constantFrom('.', ',', ';', ':', '(', ')', '—', '\n', '\n\n', '- ', '**', '"')), { maxLength: 12 })
  .map((ws) => ws.join(' '));

/** A written variant of a name: each word's case changed, words joined by a short gap, maybe possessive. */
const variantArb = (name: string) => fc.record({
  cases: fc.array(fc.constantFrom('as-is', 'upper', 'lower', 'title'), { minLength: 3, maxLength: 3 }),
  gaps: fc.array(fc.constantFrom(' ', '  ', '\n', ' \n', '-', '\t', ' - ', '   '), { minLength: 3, maxLength: 3 }),
  possessive: fc.constantFrom('', "'s", '’s', "s'", 's’'),
}).map(({ cases, gaps, possessive }) => {
  const words = name.split(' ').map((w, i) => {
    const c = cases[i % cases.length];
    // a surname alone only counts when capitalised; a full name in any case
    return c === 'upper' ? w.toUpperCase() : c === 'lower' ? w.toLowerCase() : c === 'title' ? capital(w.toLowerCase()) : w;
  });
  return words.reduce((acc, w, i) => (i === 0 ? w : acc + gaps[(i - 1) % gaps.length] + w), '') + possessive;
});

const numberVariantArb = (n: string) => fc.constantFrom(
  n, `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, `${n.slice(0, 5)} ${n.slice(5)}`,
);

describe('identity matcher (property)', () => {
  it('finds any case, spacing or possessive variant of a registered name anywhere in a text', () => {
    const caseArb = fc.uniqueArray(nameArb, { minLength: 1, maxLength: 4, selector: (n) => n.toLowerCase() })
      .chain((names) => fc.tuple(fc.constant(names), fc.nat({ max: names.length - 1 }), fillerArb, fillerArb))
      .chain(([names, pick, before, after]) => variantArb(names[pick]).map((written) => ({ names, pick, before, after, written })));
    fc.assert(fc.property(caseArb, ({ names, pick, before, after, written }) => {
        const people: IdentityPerson[] = names.map((n, i) => ({ pseudonym: `Adult ${String.fromCharCode(65 + i)}`, names: [n], identifiers: [] }));
        const text = `${before} ${written} ${after}`;
        const start = before.length + 1;
        const hits = new IdentityMatcher(people).find(text);
        const hit = hits.find((h) => h.start === start);
        expect(hit, `${JSON.stringify(text)} should match ${names[pick]}`).toBeDefined();
        expect(hit!.entry.pseudonym).toBe(people[pick].pseudonym);
        // the match covers the whole name; a plural possessive ("Smiths'") is taken in for redaction,
        // a singular one ("Smith's") is left to follow the pseudonym
        const bare = written.replace(/(['’]s|s['’])$/, '');
        expect(hit!.end).toBe(start + bare.length);
        expect(hit!.possessiveEnd).toBe(/s['’]$/.test(written) ? start + written.length : hit!.end);
      },
    ), { numRuns: 400 });
  });

  it('finds a registered surname alone when it is capitalised', () => {
    fc.assert(fc.property(nameArb, fillerArb, fillerArb, fc.constantFrom('', "'s"), (name, before, after, poss) => {
      const surname = name.split(' ').pop()!;
      const text = `${before} ${surname}${poss} ${after}`;
      const hit = new IdentityMatcher([{ pseudonym: 'Adult A', names: [name], identifiers: [] }]).find(text).find((h) => h.start === before.length + 1);
      expect(hit?.entry.kind).toBe('surname');
    }), { numRuns: 200 });
  });

  it('finds a registered number written with any of its usual spacings', () => {
    fc.assert(fc.property(numberArb.chain((n) => fc.tuple(fc.constant(n), numberVariantArb(n), fillerArb, fillerArb)), ([n, written, before, after]) => {
      const text = `${before} ${written} ${after}`;
      const hits = new IdentityMatcher([{ pseudonym: 'Adult A', names: [], identifiers: [n] }]).find(text);
      expect(hits.some((h) => h.start === before.length + 1 && h.end === before.length + 1 + written.length), JSON.stringify(text)).toBe(true);
    }), { numRuns: 200 });
  });

  it('flags nothing in text that does not contain a registered name or number', () => {
    const letters = 'abcdefghijklmnoprstuwyABCDEFGHIJKLMNOPRSTUWYéàç';
    const freeText = fc.array(fc.oneof(
      fc.constantFrom(...letters.split('')), fc.constantFrom(' ', ' ', '\n', '-', "'", '’', ',', '.', '7', '8', '9', '0'),
    ), { maxLength: 200 }).map((cs) => cs.join(''));
    fc.assert(fc.property(
      fc.array(nameArb, { minLength: 1, maxLength: 4 }), fc.array(numberArb, { maxLength: 3 }), fc.oneof(freeText, fillerArb),
      (names, numbers, text) => {
        const people: IdentityPerson[] = names.map((n, i) => ({ pseudonym: `Adult ${i}`, names: [n], identifiers: i === 0 ? numbers : [] }));
        expect(new IdentityMatcher(people).find(text)).toEqual([]);
      },
    ), { numRuns: 400 });
  });

  it('does not match a name inside a longer word', () => {
    fc.assert(fc.property(nameArb, fc.constantFrom('ab', 'ing', 's7'), (name, suffix) => {
      const surname = name.split(' ').pop()!;
      const people: IdentityPerson[] = [{ pseudonym: 'Adult A', names: [name], identifiers: [] }];
      expect(new IdentityMatcher(people).find(`The ${surname}${suffix} report and ${name.replace(/ /g, '')}${suffix}.`)).toEqual([]);
    }), { numRuns: 200 });
  });
});
