import { ruleCases } from '../../../test/support/rule-tester.js';
import { panelComposition } from './panel-composition.js';

// review.yml is replaced by a short one, so that line numbers do not depend on the example.
// Lines: 1 id, 2 type, 3 status, 4 csp, 5 lead_district, 6 dates, 7 first_panel, 8 panel,
// then one line per member, then agencies.
const MEMBER = {
  police: '  - { name: Gareth Ansty, role: Detective Chief Inspector, agency: police, senior: true, political_member: false }',
  icb: '  - { name: Priya Ramasamy, role: Designated Nurse, agency: icb, senior: true, political_member: false }',
  gdass: '  - { name: Joanne Penhale, role: Service Manager, agency: gdass, senior: true, political_member: false }',
};
const AGENCIES = [
  'agencies:',
  '  - { id: police, name: Gloucestershire Constabulary, statutory: true, kind: police, involvement: imr }',
  '  - { id: icb, name: NHS Gloucestershire Integrated Care Board, statutory: true, kind: health, involvement: imr }',
  '  - { id: gp, name: Stroud Valley GP Practice, statutory: true, kind: health, involvement: chronology, represented_by: icb }',
  '  - { id: gdass, name: Gloucestershire Domestic Abuse Support Service, statutory: false, kind: specialist-domestic-abuse, involvement: imr }',
  '  - { id: housing, name: Stroud District Council Housing Services, statutory: true, kind: housing, involvement: summary }',
  '  - { id: probation, name: Probation Service, statutory: true, kind: probation, involvement: none }',
];
function review(members: string[], o: { agencies?: string[]; type?: string; status?: string; firstPanel?: string } = {}): string {
  return [
    'id: DHR-2024-03', `type: ${o.type ?? 'dhr'}`, `status: ${o.status ?? 'in-progress'}`, 'csp: safer-gloucestershire',
    'lead_district: stroud', 'dates:', `  first_panel: ${o.firstPanel ?? '2024-04-08'}`,
    members.length ? 'panel:' : 'panel: []', ...members, ...(o.agencies ?? AGENCIES), '',
  ].join('\n');
}
/** Line and column of `token`, on the first line containing `near`, searching from `near`. */
function at(text: string, token: string, near = token): { line: number; column: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(near));
  return { line: i + 1, column: lines[i].indexOf(token, lines[i].indexOf(near)) + 1 };
}

const full = review([MEMBER.police, MEMBER.icb, MEMBER.gdass]);
const noSpecialist = review([MEMBER.police, MEMBER.icb]);
const noIcb = review([MEMBER.police, MEMBER.gdass]);
const political = review([MEMBER.police, MEMBER.icb, MEMBER.gdass.replace('political_member: false', 'political_member: true')]);
const unknownAgency = review([MEMBER.police, MEMBER.icb, MEMBER.gdass, '  - { name: Alan Whitcombe, role: Adviser, agency: refuge }']);
const badProxy = review([MEMBER.police, MEMBER.icb, MEMBER.gdass], { agencies: AGENCIES.map((l) => l.replace('represented_by: icb', 'represented_by: ccg')) });

ruleCases(panelComposition, {
  valid: [
    { name: 'the example review' },
    { name: 'doc right example: every involved statutory agency and a specialist service', files: { 'review.yml': full } },
    {
      name: 'an independent expert with no agency is allowed',
      files: { 'review.yml': review([MEMBER.police, MEMBER.icb, MEMBER.gdass, '  - { name: Alan Whitcombe, role: Independent adviser, agency: null }']) },
    },
    { name: 'no panel yet before it first meets', files: { 'review.yml': review([], { firstPanel: 'null' }) } },
    { name: 'a learning review is a workshop, not a panel (protocol §5.4)', files: { 'review.yml': review([MEMBER.police], { type: 'learning-review' }) } },
  ],
  invalid: [
    {
      name: 'doc wrong example: no specialist domestic abuse service on the panel',
      files: { 'review.yml': noSpecialist },
      errors: [{ file: 'review.yml', line: 8, column: 1, message: 'No specialist domestic abuse service' }],
    },
    {
      name: 'an involved statutory agency is absent (and the agency it represents too)',
      files: { 'review.yml': noIcb },
      errors: [
        { file: 'review.yml', ...at(noIcb, 'icb', 'id: icb'), message: 'The statutory agency "icb" was involved' },
        { file: 'review.yml', ...at(noIcb, 'gp', 'id: gp'), message: 'nobody from "icb" sits on the panel either' },
      ],
    },
    {
      name: 'a political member',
      files: { 'review.yml': political },
      errors: [{ file: 'review.yml', ...at(political, 'true', 'political_member: true'), message: 'political member' }],
    },
    {
      name: 'a panel member from an agency not in the review',
      files: { 'review.yml': unknownAgency },
      errors: [{ file: 'review.yml', ...at(unknownAgency, 'refuge'), message: 'is not one of the review\'s agencies' }],
    },
    {
      name: 'represented_by naming an agency that does not exist',
      files: { 'review.yml': badProxy },
      errors: [{ file: 'review.yml', ...at(badProxy, 'gp', 'id: gp'), message: 'represented_by is not one of the review\'s agencies' }],
    },
    {
      name: 'the panel has met but nobody is listed',
      files: { 'review.yml': review([]) },
      errors: [{ file: 'review.yml', line: 8, column: 1, message: 'No review panel members are listed' }],
    },
  ],
});
