import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced, withParagraph } from '../../../test/support/anon.js';
import { email } from './email.js';

const FAMILY = 'family/family-statement.md';
const wrong = withParagraph(FAMILY, 'She wrote to the housing officer from joanna.kw@example.com.');
const right = withParagraph(FAMILY, 'She wrote to the housing officer from her personal e-mail account.');
const yml = replaced('review.yml', 'organisation: Severn Review Associates', 'organisation: Severn Review Associates (chair@example.org)');

ruleCases(email, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [FAMILY]: right } },
    { name: 'an address listed in allowed_terms', files: { [FAMILY]: withParagraph(FAMILY, 'Write to dhr@example.gov.uk.') }, config: { allowed_terms: ['dhr@example.gov.uk'] } },
    { name: 'an @ that is not an address', files: { [FAMILY]: withParagraph(FAMILY, 'We met @ the office; @handle; a@b.') } },
  ],
  invalid: [
    { name: 'doc wrong example', files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'joanna.kw@example.com', 0, 'e-mail address')] },
    { name: 'in review.yml', files: { 'review.yml': yml }, errors: [at('review.yml', yml, 'chair@example.org')] },
  ],
});
