/**
 * The IMR form (protocol Appendix 13, the Individual Management Review template): what the pack
 * writes and what import reads back. Kept as data shared by both sides: the details the form asks
 * for (→ IMR front matter), the sections and their guidance, and the names of the styles.
 */

/** Paragraph style of guidance text: import drops every paragraph in it. */
export const GUIDANCE_STYLE = 'DHR Guidance';
/** The text left in each answer space until the author replaces it: dropped on import. */
export const ANSWER_PLACEHOLDER = 'Write your answer here.';

export interface DetailField {
  /** IMR front-matter key (schemas/imr.schema.json). */
  key: 'agency' | 'author' | 'author_role' | 'author_involved_in_case' | 'author_manages_involved_staff'
    | 'quality_assured_by' | 'quality_assured_on' | 'completed_on' | 'pack';
  question: string;
  type: 'text' | 'yes-no' | 'date';
}

export const DETAILS_CAPTION = 'IMR details';

export const DETAIL_FIELDS: readonly DetailField[] = [
  { key: 'agency', question: 'Agency id', type: 'text' },
  { key: 'author', question: 'IMR author (name)', type: 'text' },
  { key: 'author_role', question: "Author's role", type: 'text' },
  { key: 'author_involved_in_case', question: 'Has the author had any direct involvement with the people in this case? (Yes/No)', type: 'yes-no' },
  { key: 'author_manages_involved_staff', question: 'Is the author the line manager of any staff involved? (Yes/No)', type: 'yes-no' },
  { key: 'quality_assured_by', question: 'Quality assured by (role of the senior manager who commissioned the IMR)', type: 'text' },
  { key: 'quality_assured_on', question: 'Date quality assured (DD/MM/YYYY)', type: 'date' },
  { key: 'completed_on', question: 'Date the IMR was completed (DD/MM/YYYY)', type: 'date' },
  { key: 'pack', question: 'Pack reference (do not change)', type: 'text' },
];

/** The IMR's sections (docs/FORMAT.md "imrs/<agency>.md"), each with its guidance. */
export const IMR_SECTIONS: ReadonlyArray<{ heading: string; guidance: string[] }> = [
  { heading: 'Introduction', guidance: [
    'Say who commissioned this IMR, who wrote it and how the author is independent of the case.',
    'List the records read and the staff spoken to (by role), and the period covered.',
  ] },
  { heading: 'Agency involvement', guidance: [
    'Summarise your agency\'s contact with the people in the case over the period, in date order. Use the pseudonyms; name practitioners by role only.',
  ] },
  { heading: 'Analysis', guidance: [
    'Analyse the involvement against each key line of enquiry in the terms of reference: what was known, what was done, what should have been done, and why.',
    'Consider whether domestic abuse, including coercive control, was recognised, risk assessed and shared.',
  ] },
  { heading: 'Good practice', guidance: ['Describe practice that went well and should be kept.'] },
  { heading: 'Lessons learnt', guidance: ['State the lessons for your agency, each tied to a finding above.'] },
  { heading: 'Recommendations', guidance: [
    'Number each single-agency recommendation (1., 2., …). Each must be specific, measurable, agreed by a senior manager and have a timescale.',
  ] },
];
