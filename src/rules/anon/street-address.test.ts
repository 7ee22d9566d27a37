import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { streetAddress } from './street-address.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Officers went to 14 Larkspur Close.');
const right = withParagraph(FAMILY, "Officers went to Adult A's home.");
const flat = withParagraph(FAMILY, 'He was living at Flat 2, 33 Mill Lane.');
const csv = replaced('chronologies/housing.csv', 'Sanctuary', 'Moved to 27 Tansy Mews. Sanctuary');

const NEGATIVE = withParagraph(FAMILY, ORDINARY_TEXT);
const cases = withParagraph(FAMILY, 'Notes give 12 acacia avenue, then 12 ACACIA AVENUE, then 3 The Spinney and 9 Orchard Gardens, 4 Elm Mews, 7 the paddock.');
const more = withParagraph(FAMILY, 'Earlier: 2 Kestrel Chase, 15 Mill Croft, 8 Canal Wharf, 3 Tanner Yard, 11 Brook Vale, 5 Larch Spinney, 6 Beech Copse.');

ruleCases(streetAddress, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: NEGATIVE } },
    { name: 'numbers before lower-case words that only look like a street', files: { [FAMILY]: withParagraph(FAMILY, 'About 12 people walk there; 2 very close calls; a 2 hour drive; PART 3 THE WAY FORWARD; 4 times a day.') } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'numbers before capitalised words that are not addresses', files: {
      [FAMILY]: withParagraph(FAMILY, 'On 14 March Adult A moved; 3 Key Lines of Enquiry; 12 Child Protection Conferences.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, '14 Larkspur Close', 0, 'street address')] },
    { name: 'a flat number', files: { [FAMILY]: flat }, errors: [at(FAMILY, flat, 'Flat 2, 33 Mill Lane')] },
    { name: 'in a CSV cell', files: { 'chronologies/housing.csv': csv }, errors: [at('chronologies/housing.csv', csv, '27 Tansy Mews')] },
    { name: 'lower case, capitals, "The Spinney", Gardens, Mews', files: { [FAMILY]: cases }, errors: [
      at(FAMILY, cases, '12 acacia avenue'), at(FAMILY, cases, '12 ACACIA AVENUE'), at(FAMILY, cases, '3 The Spinney'), at(FAMILY, cases, '9 Orchard Gardens'),
      at(FAMILY, cases, '4 Elm Mews'), at(FAMILY, cases, '7 the paddock'),
    ] },
    { name: 'more UK street forms', files: { [FAMILY]: more }, errors: [
      at(FAMILY, more, '2 Kestrel Chase'), at(FAMILY, more, '15 Mill Croft'), at(FAMILY, more, '8 Canal Wharf'), at(FAMILY, more, '3 Tanner Yard'),
      at(FAMILY, more, '11 Brook Vale'), at(FAMILY, more, '5 Larch Spinney'), at(FAMILY, more, '6 Beech Copse'),
    ] },
  ],
});
