import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, ORDINARY_TEXT, replaced, withParagraph } from '../../../test/support/anon.js';
import { email } from './email.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'She wrote to the housing officer from joanna.kw@example.com.');
const right = withParagraph(FAMILY, 'She wrote to the housing officer from her personal e-mail account.');
const yml = replaced('review.yml', 'organisation: Severn Review Associates', 'organisation: Severn Review Associates (chair@example.org)');

const NEGATIVE = withParagraph(FAMILY, ORDINARY_TEXT);
const spelled = withParagraph(FAMILY, 'Her address was jo.bloggs at example dot com, or jo.bloggs [at] example [dot] co [dot] uk, jo(at)example(dot)org, jo dot bloggs AT example DOT com and jo.bloggs at example.com.');
const yml2 = replaced('review.yml', 'organisation: Severn Review Associates', 'organisation: Severn Review Associates (chair [at] example [dot] org)');

ruleCases(email, {
  valid: [
    { name: 'the example is clean' },
    { name: 'times, dates, case numbers, money, pages, years and ordinary words', files: { [FAMILY]: NEGATIVE } },
    { name: '"at" and "dot" in ordinary sentences', files: { [FAMILY]: withParagraph(FAMILY, 'She was at school dot com; logged in at example.com; e.g. at gov.uk; arrived at 10.30; at www.example.org.') } },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'an address listed in allowed_terms', files: { [FAMILY]: withParagraph(FAMILY, 'Write to dhr@example.gov.uk.') }, config: { allowed_terms: ['dhr@example.gov.uk'] } },
    { name: 'an @ that is not an address', files: { [FAMILY]: withParagraph(FAMILY, 'We met @ the office; @handle; a@b.') } },
  ],
  invalid: [
    { name: 'doc wrong example', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'joanna.kw@example.com', 0, 'e-mail address')] },
    { name: 'in review.yml', files: { 'review.yml': yml }, errors: [at('review.yml', yml, 'chair@example.org')] },
    { name: 'written with at/dot, [at]/[dot], (at)/(dot)', files: { [FAMILY]: spelled }, errors: [
      at(FAMILY, spelled, 'jo.bloggs at example dot com'), at(FAMILY, spelled, 'jo.bloggs [at] example [dot] co [dot] uk'), at(FAMILY, spelled, 'jo(at)example(dot)org'),
      at(FAMILY, spelled, 'jo dot bloggs AT example DOT com'), at(FAMILY, spelled, 'jo.bloggs at example.com'),
    ] },
    { name: 'spelled out, in review.yml', files: { 'review.yml': yml2 }, errors: [at('review.yml', yml2, 'chair [at] example [dot] org')] },
  ],
});
