import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { phone } from './phone.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'She texted the IDVA from 07700 900123 that night.');
const right = withParagraph(FAMILY, 'She texted the IDVA from her mobile that night.');
const forms = withParagraph(FAMILY, 'Landline 01632960001, +44 7700 900456, +44 (0)1632 960002 and (01632) 960003.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (tel 01632-960-004);');

const NEGATIVE = withParagraph(FAMILY, ORDINARY_TEXT);
const intl = withParagraph(FAMILY, 'She used 0044 7700 900123, +44(0)1632 960005, (+44) 7700 900456 and 0044 (0) 1632 960006.');
const spaced = withParagraph(FAMILY, 'He wrote 0 7 7 0 0 9 0 0 7 8 9 on the wall; later 01632.960.007 and (01632) 960 008.');

ruleCases(phone, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: NEGATIVE } },
    { name: 'a counting run of single digits is not a number', files: { [FAMILY]: withParagraph(FAMILY, 'Scale 0 1 2 3 4 5 6 7 8 9 10 used.') } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'dates, times, money, NHS numbers, 999 and 111', files: {
      [FAMILY]: withParagraph(FAMILY, 'On 19/01/2024 at 21:52 (2024-01-19 21:52) she called 999, then 111; £1,500; NHS 943 476 5919; 01-02-2023 12:30.'),
    } },
    { name: 'a national helpline is published, not personal', files: { [FAMILY]: withParagraph(FAMILY, 'The National Domestic Abuse Helpline is 0808 2000 247.') } },
    { name: 'a number listed in allowed_terms', files: { [FAMILY]: withParagraph(FAMILY, 'The local service line is 01632 960999.') }, config: { allowed_terms: ['01632 960999'] } },
  ],
  invalid: [
    { name: 'doc wrong example (mobile, Markdown)', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, '07700 900123', 0, 'phone number')] },
    { name: 'unspaced, +44, +44 (0) and bracketed forms', files: { [FAMILY]: forms }, errors: [
      at(FAMILY, forms, '01632960001'), at(FAMILY, forms, '+44 7700 900456'), at(FAMILY, forms, '+44 (0)1632 960002'), at(FAMILY, forms, '(01632) 960003'),
    ] },
    { name: 'dashed, in a CSV cell', files: { 'chronologies/icb.csv': csv }, errors: [at('chronologies/icb.csv', csv, '01632-960-004')] },
    { name: '0044, +44(0), (+44) and 0044 (0)', files: { [FAMILY]: intl }, errors: [
      at(FAMILY, intl, '0044 7700 900123'), at(FAMILY, intl, '+44(0)1632 960005'), at(FAMILY, intl, '(+44) 7700 900456'), at(FAMILY, intl, '0044 (0) 1632 960006'),
    ] },
    { name: 'every digit spaced, dots, brackets', files: { [FAMILY]: spaced }, errors: [
      at(FAMILY, spaced, '0 7 7 0 0 9 0 0 7 8 9'), at(FAMILY, spaced, '01632.960.007'), at(FAMILY, spaced, '(01632) 960 008'),
    ] },
  ],
});
