/**
 * The IMR form an agency fills in: the review's details filled in, the protocol's sections, the
 * author-independence and quality-assurance questions in a details table, and guidance in its own
 * paragraph style ("DHR Guidance") that import drops. Written with the docx library directly: it is
 * a form with styles of its own, not a report built from the document model.
 */
import {
  AlignmentType, BorderStyle, Document, Header, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { ANSWER_PLACEHOLDER, DETAILS_CAPTION, DETAIL_FIELDS, GUIDANCE_STYLE, IMR_SECTIONS } from './imr-form.js';
import { identityText, type PackIdentity } from './identity.js';

export interface ImrFormInput extends PackIdentity {
  agencyName: string;
  reviewTitle: string;
  period?: { from: string; to: string };
  pseudonyms: string[];
  /** Key lines of enquiry from the terms of reference, when they can be read. */
  linesOfEnquiry: string[];
  marking?: string;
}

const guidance = (text: string) => new Paragraph({ style: 'DHRGuidance', children: [new TextRun(text)] });
const answer = () => new Paragraph({ children: [new TextRun(ANSWER_PLACEHOLDER)] });

function cell(text: string, opts: { bold?: boolean; shade?: boolean; width: number }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    shading: opts.shade ? { type: ShadingType.CLEAR, fill: 'D9E2F3', color: 'auto' } : undefined,
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold })] })],
  });
}

export async function packImr(input: ImrFormInput): Promise<Buffer> {
  const values: Record<string, string> = { agency: input.agency, pack: identityText(input) };
  const details = new Table({
    width: { size: 9000, type: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('Question', { bold: true, shade: true, width: 5000 }), cell('Answer', { bold: true, shade: true, width: 4000 })] }),
      ...DETAIL_FIELDS.map((f) => new TableRow({ children: [cell(f.question, { width: 5000 }), cell(values[f.key] ?? '', { width: 4000 })] })),
    ],
  });
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`Individual Management Review: ${input.agencyName}`)] }),
    new Paragraph({ children: [new TextRun({ text: `${input.reviewTitle} (${input.review})`, bold: true })] }),
    guidance(`This form is your agency's Individual Management Review (IMR). Text in this blue style is guidance: it is left out when the review imports the form, so you need not delete it. Replace each "${ANSWER_PLACEHOLDER}" with your own text; keep the headings.`),
    guidance(input.period ? `The review covers ${input.period.from} to ${input.period.to}.` : 'The period covered is set by the terms of reference.'),
    guidance(`Use the pseudonyms ${input.pseudonyms.length ? input.pseudonyms.join(', ') : 'given by the chair'}. Never write real names, dates of birth, addresses or identifying numbers; name practitioners by role.`),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(DETAILS_CAPTION)] }),
    guidance('The author must have had no direct involvement with the people in the case and must not line-manage staff involved (protocol §3.3). The IMR is quality-assured by the senior manager who commissioned it.'),
    details,
  ];
  for (const s of IMR_SECTIONS) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.heading)] }));
    for (const g of s.guidance) children.push(guidance(g));
    if (s.heading === 'Analysis' && input.linesOfEnquiry.length) {
      children.push(guidance('The key lines of enquiry are:'));
      input.linesOfEnquiry.forEach((l, i) => children.push(guidance(`${i + 1}. ${l}`)));
    }
    children.push(answer());
  }
  const doc = new Document({
    creator: 'dhr',
    title: `${input.reviewTitle}: IMR for ${input.agencyName}`,
    description: identityText(input),
    customProperties: [{ name: 'dhr-pack', value: identityText(input) }],
    styles: {
      default: { document: { run: { font: 'Arial', size: 22 } } },
      paragraphStyles: [{
        id: 'DHRGuidance', name: GUIDANCE_STYLE, basedOn: 'Normal', next: 'Normal', quickFormat: true,
        run: { italics: true, color: '1F4E79', size: 20 },
        paragraph: { spacing: { before: 60, after: 60 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: '1F4E79', space: 6 } } },
      }],
    },
    sections: [{
      properties: {},
      headers: input.marking ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: input.marking, bold: true })] })] }) } : undefined,
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
