import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced, withParagraph } from '../../../test/support/anon.js';
import { streetAddress } from './street-address.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'Officers went to 14 Larkspur Close.');
const right = withParagraph(FAMILY, "Officers went to Adult A's home.");
const flat = withParagraph(FAMILY, 'He was living at Flat 2, 33 Mill Lane.');
const csv = replaced('chronologies/housing.csv', 'Sanctuary', 'Moved to 27 Tansy Mews. Sanctuary');

ruleCases(streetAddress, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'numbers before capitalised words that are not addresses', files: {
      [FAMILY]: withParagraph(FAMILY, 'On 14 March Adult A moved; 3 Key Lines of Enquiry; 12 Child Protection Conferences.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, '14 Larkspur Close', 0, 'street address')] },
    { name: 'a flat number', files: { [FAMILY]: flat }, errors: [at(FAMILY, flat, 'Flat 2, 33 Mill Lane')] },
    { name: 'in a CSV cell', files: { 'chronologies/housing.csv': csv }, errors: [at('chronologies/housing.csv', csv, '27 Tansy Mews')] },
  ],
});
