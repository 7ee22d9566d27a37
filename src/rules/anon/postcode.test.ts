import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced, withParagraph } from '../../../test/support/anon.js';
import { postcode } from './postcode.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'She moved to a flat in GL5 7XQ in 2021.');
const right = withParagraph(FAMILY, 'She moved to a flat in the Stroud district in 2021.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (new address GL63ZJ);');
const imr = replaced('imrs/police.md', 'quality_assured_on:', 'note: moved to GIR 0AA\nquality_assured_on:');

ruleCases(postcode, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'ids and outward codes alone are not postcodes', files: {
      [FAMILY]: withParagraph(FAMILY, 'See R1, A1, [[chronology:police#12]], the M5 and the GL5 area; action A10 2025.'),
    } },
  ],
  invalid: [
    { name: 'doc wrong example (Markdown)', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'GL5 7XQ', 0, 'postcode')] },
    { name: 'without a space, in a CSV cell', files: { 'chronologies/icb.csv': csv }, errors: [at('chronologies/icb.csv', csv, 'GL63ZJ')] },
    { name: 'GIR 0AA, in IMR front matter', files: { 'imrs/police.md': imr }, errors: [at('imrs/police.md', imr, 'GIR 0AA')] },
  ],
});
