import { describe, expect, it } from 'vitest';
import { ruleCases } from '../../../test/support/rule-tester.js';
import { chairIndependence, sameOrganisation } from './chair-independence.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 chair, 7 name, 8 organisation,
// 9 independence_statement, 10 csp_member, 11 home_office_training, 12 agencies, 13… agencies.
const STATEMENT = 'The chair has no connection with any agency involved and is not a CSP member.';
const AGENCIES = 'agencies:\n'
  + '  - { id: police, name: Gloucestershire Constabulary, kind: police, involvement: imr }\n'
  + '  - { id: adult-social-care, name: Gloucestershire County Council Adult Social Care, kind: local-authority, involvement: chronology }\n'
  + '  - { id: gdass, name: Gloucestershire Domestic Abuse Support Service (GDASS), kind: specialist-domestic-abuse, involvement: imr }\n'
  + '  - { id: probation, name: Probation Service, kind: probation, involvement: none }\n';
const review = (o: { organisation?: string; statement?: string | null; csp?: boolean; training?: boolean; status?: string; type?: string } = {}) =>
  `id: DHR-2024-03\ntype: ${o.type ?? 'dhr'}\nstatus: ${o.status ?? 'in-progress'}\ncsp: safer-gloucestershire\nlead_district: stroud\n`
  + 'chair:\n  name: Rosalind Teague\n'
  + `  organisation: ${o.organisation ?? 'Severn Review Associates'}\n`
  + (o.statement === undefined ? `  independence_statement: ${STATEMENT}\n` : o.statement === null ? '  independence_statement: null\n' : '')
  + `  csp_member: ${o.csp ?? false}\n  home_office_training: ${o.training ?? true}\n` + AGENCIES;

describe('sameOrganisation', () => {
  it('compares names as words, ignoring case, punctuation and brackets', () => {
    expect(sameOrganisation('Gloucestershire Constabulary', 'gloucestershire constabulary.')).toBe(true);
    expect(sameOrganisation('The Gloucestershire Constabulary', 'Gloucestershire Constabulary')).toBe(true);
    expect(sameOrganisation('Gloucestershire County Council', 'Gloucestershire County Council Adult Social Care')).toBe(true);
    expect(sameOrganisation('GDASS', 'Gloucestershire Domestic Abuse Support Service (GDASS)')).toBe(true);
    expect(sameOrganisation('NHS Gloucestershire Integrated Care Board', 'NHS Gloucestershire Integrated Care Board (for the GP practice)')).toBe(true);
    expect(sameOrganisation('Gloucestershire Review Services', 'Gloucestershire Constabulary')).toBe(false);
    expect(sameOrganisation('Severn Review Associates', 'Severn Trent')).toBe(false);
    expect(sameOrganisation('Independent', 'Independent Living Trust')).toBe(false);
  });
});

ruleCases(chairIndependence, {
  valid: [
    { name: 'the example review' },
    { name: 'doc right example: independent chair with a statement', files: { 'review.yml': review() } },
    { name: 'a name sharing only the county is not the same organisation', files: { 'review.yml': review({ organisation: 'Gloucestershire Review Services' }) } },
    { name: 'an agency with no involvement does not count', files: { 'review.yml': review({ organisation: 'Probation Service' }) } },
    { name: 'no statement needed while the CSP is still considering', files: { 'review.yml': review({ statement: null, status: 'considering' }) } },
    {
      name: 'a learning review needs no independent chair (protocol §5.3)',
      files: { 'review.yml': review({ csp: true, statement: null, organisation: 'Gloucestershire Constabulary', type: 'learning-review' }) },
    },
  ],
  invalid: [
    {
      name: 'doc wrong example: the chair is a CSP member',
      files: { 'review.yml': review({ csp: true }) },
      errors: [{ file: 'review.yml', line: 10, column: 15, message: 'member of the Community Safety Partnership' }],
    },
    {
      name: 'independence statement empty',
      files: { 'review.yml': review({ statement: null }) },
      errors: [{ file: 'review.yml', line: 9, column: 27, message: 'independence statement is missing' }],
    },
    {
      name: 'independence statement key absent: points at chair',
      files: { 'review.yml': review({ statement: '' }) },
      errors: [{ file: 'review.yml', line: 6, column: 1, message: 'independence statement is missing' }],
    },
    {
      name: 'chair from an involved agency (different case and punctuation)',
      files: { 'review.yml': review({ organisation: 'gloucestershire constabulary.' }) },
      errors: [{ file: 'review.yml', line: 8, column: 17, message: '("police")' }],
    },
    {
      name: 'chair from the council an involved agency belongs to',
      files: { 'review.yml': review({ organisation: 'Gloucestershire County Council' }) },
      errors: [{ file: 'review.yml', line: 8, column: 17, message: '("adult-social-care")' }],
    },
    {
      name: 'chair from the specialist service, named by its acronym',
      files: { 'review.yml': review({ organisation: 'GDASS' }) },
      errors: [{ file: 'review.yml', line: 8, column: 17, message: '("gdass")' }],
    },
    {
      name: 'chair without the Home Office training',
      files: { 'review.yml': review({ training: false }) },
      errors: [{ file: 'review.yml', line: 11, column: 25, message: 'Home Office online training' }],
    },
    {
      name: 'submitted with no chair',
      files: { 'review.yml': review({ status: 'submitted' }).replace(/^chair:\n(  .*\n)+/m, 'chair: null\n') },
      errors: [{ file: 'review.yml', line: 6, column: 1, message: 'No chair is recorded' }],
    },
  ],
});
