import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { postcode } from './postcode.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'She moved to a flat in GL5 7XQ in 2021.');
const right = withParagraph(FAMILY, 'She moved to a flat in the Stroud district in 2021.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (new address GL63ZJ);');
const imr = replaced('imrs/police.md', 'quality_assured_on:', 'note: moved to GIR 0AA\nquality_assured_on:');

const NEGATIVE = withParagraph(FAMILY, ORDINARY_TEXT);
const irregular = withParagraph(FAMILY, 'Addresses: gl1  2ab, GL12AB and gl5 7xq.');

ruleCases(postcode, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: NEGATIVE } },
    { name: 'mixed case and ordinals are not postcodes', files: { [FAMILY]: withParagraph(FAMILY, 'Gl1 2AB was a typo; the m5 4th junction; M5 3rd exit.') } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'ids and outward codes alone are not postcodes', files: {
      [FAMILY]: withParagraph(FAMILY, 'See R1, A1, [[chronology:police#12]], the M5 and the GL5 area; action A10 2025.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example (Markdown)', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'GL5 7XQ', 0, 'postcode')] },
    { name: 'without a space, in a CSV cell', files: { 'chronologies/icb.csv': csv }, errors: [at('chronologies/icb.csv', csv, 'GL63ZJ')] },
    { name: 'GIR 0AA, in IMR front matter', files: { 'imrs/police.md': imr }, errors: [at('imrs/police.md', imr, 'GIR 0AA')] },
    { name: 'lower case and irregular spacing', files: { [FAMILY]: irregular }, errors: [at(FAMILY, irregular, 'gl1  2ab'), at(FAMILY, irregular, 'GL12AB'), at(FAMILY, irregular, 'gl5 7xq')] },
  ],
});
