/**
 * Letters from the protocol's templates (Gloucestershire DHR Protocol 2019, appendices 5, 6, 7
 * and 10), filled from review.yml. The wording is ours, following what §2.2, §2.3 and §2.6 say each
 * letter must contain. People in the case are named by pseudonym only.
 */
import type { Review } from '../review/model.js';
import { addMonths, longDate as ukLongDate } from '../dates/index.js';
import { reviewDefinition, type Profile } from '../lint/profile.js';
import { createDoc, heading, paragraph, bulletList, strong, lineBreak, type Block, type Doc } from '../document/model.js';
import type { BuildKind } from './common.js';
import { isSafeId, NO_REGISTER, type PrintGuard } from '../review/safe.js';

export interface Letter {
  /** File name under letters/, without extension. */
  name: string;
  doc: Doc;
}

function longDate(iso: string | null | undefined): string {
  return iso ? ukLongDate(iso) : 'a date to be confirmed';
}

const li = (...t: string[]): Block[] => [paragraph(...t)];

/** Lines of an address block, one paragraph with line breaks. */
const lines = (...xs: string[]): Block => paragraph(...xs.flatMap((x, i) => (i ? [lineBreak(), x] : [x])));

interface LetterParts {
  /** Who writes: the sender block at the top. */
  from: string[];
  date: string;
  to: string[];
  reference: string;
  subject: string;
  salutation: string;
  body: Block[];
  next: Block[];
  /** The sender's role, under the signature. */
  signOff: string[];
}

/** A letter laid out as letters are: sender, date, addressee, reference, salutation, body, what next, sign-off. */
function letter(p: LetterParts): Block[] {
  return [
    lines(...p.from),
    paragraph(p.date),
    lines(...p.to),
    paragraph(strong('Our reference: '), p.reference),
    paragraph(p.salutation),
    paragraph(strong(p.subject)),
    ...p.body,
    heading(2, 'What happens next'),
    ...p.next,
    paragraph('Yours sincerely,'),
    lines('', '[signature]', ...p.signOff),
  ];
}

export function composeLetters(review: Review, profile: Profile, marking?: string, kind: BuildKind = 'draft', guard: PrintGuard = NO_REGISTER): Letter[] {
  const m = review.meta?.data;
  if (!m) return [];
  const csp = profile.csps.find((c) => c.id === m.csp)?.name ?? m.csp;
  const district = profile.districts.find((d) => d.id === m.lead_district)?.name ?? m.lead_district;
  const victim = m.subjects.find((s) => /victim/i.test(s.role))?.pseudonym ?? 'the victim';
  const perpetrator = m.subjects.find((s) => /perpetrator/i.test(s.role))?.pseudonym ?? 'the alleged perpetrator';
  const title = profile.document_title;
  const opts = { marking, toc: false, pageNumbers: false, showTitle: false };
  const chair = m.chair?.name ? `${m.chair.name}${m.chair.organisation ? ` (${m.chair.organisation})` : ''}` : 'to be appointed';
  const from = [csp, `${title} coordinator`, `${district} area`];
  const cspSignOff = [`Chair, ${csp}`];
  const letters: Letter[] = [];

  // Appendix 5: notification of a death to the CSP
  letters.push({
    name: 'notification',
    doc: createDoc({ title: `${title} ${m.id}: notification of a death`, language: 'en-GB' }, letter({
      from: ['[Notifying agency]', '[Address of the notifying agency]'],
      date: longDate(m.dates.notification),
      to: [`The Chair, ${csp}`, 'and the County Domestic Abuse and Sexual Violence Strategic Coordinator'],
      reference: m.id,
      subject: `Notification of a death for ${title} consideration`,
      salutation: 'Dear Chair,',
      body: [
        paragraph(`We write to notify ${csp} of the death of ${victim} on ${longDate(m.dates.death)} in the ${district} area, `
          + `and to ask the partnership to consider whether the death meets the criteria for a ${title} (protocol §2.2).`),
        ...(reviewDefinition(profile) ? [paragraph(`What a ${title} is: ${reviewDefinition(profile)}`)] : []),
        paragraph(`The person believed to be responsible is referred to as ${perpetrator}. Identifying details are sent separately by secure e-mail and are not recorded in this letter.`),
      ],
      next: [
        paragraph(`Please confirm the partnership's decision, and inform the Home Office of it, within one month of this notification (by ${longDate(addMonth(m.dates.notification))}). We will secure our records in the meantime.`),
      ],
      signOff: ['[Name]', '[Role], [notifying agency]'],
    }), opts),
  });

  // Appendices 6 and 7: to each agency involved — the review, its chair, what we ask of them
  m.agencies.forEach((a, index) => {
    if (a.involvement === 'none') return;
    const asks: Block[][] = [li('secure and preserve every record your agency holds on the people involved;')];
    if (a.involvement === 'imr') asks.push(li('provide an Individual Management Review, written by an author independent of the case and quality-assured by a senior manager;'));
    if (a.involvement === 'imr' || a.involvement === 'chronology') asks.push(li('provide a chronology of your agency\'s contact, using the template chronology columns (date, source, event, action, practitioner role, key event, comment);'));
    if (a.involvement === 'summary') asks.push(li('provide a short summary of your agency\'s involvement;'));
    asks.push(li('nominate a senior representative, with no line management of staff involved, to sit on the review panel.'));
    letters.push({
      // named after the agency id when it is a plain id, else by its place in review.yml's agencies
      name: isSafeId(a.id, guard) ? `agency-${a.id}` : `agency-${index + 1}`,
      doc: createDoc({ title: `${title} ${m.id}: letter to ${a.name}`, language: 'en-GB' }, letter({
        from,
        date: longDate(m.dates.chair_appointed ?? m.dates.decision),
        to: ['The Chief Executive (or senior safeguarding lead)', a.name],
        reference: m.id,
        subject: `${title} ${m.id}: request for information and panel membership`,
        salutation: 'Dear colleague,',
        body: [
          paragraph(`${csp} decided on ${longDate(m.dates.decision)} to conduct a ${title} into the death of ${victim}. The independent chair is ${chair}.`),
          paragraph('We ask your agency to:'),
          bulletList(asks),
          paragraph(`The review covers the period from ${longDate(m.terms_of_reference?.period?.from)} to ${longDate(m.terms_of_reference?.period?.to)}.`),
        ],
        next: [
          paragraph('Please reply within two weeks with the name and role of your panel representative and of the author of your agency\'s contribution. The terms of reference follow with the invitation to the first panel meeting'
            + (m.dates.first_panel ? `, on ${longDate(m.dates.first_panel)}.` : '.')),
        ],
        signOff: cspSignOff,
      }), opts),
    });
  });

  // Appendix 10: to the family — no protective marking unless the profile asks for it
  const adv = profile.advocacy;
  const advName = adv.full_name ?? (adv.provider === 'AAFDA' ? 'Advocacy After Fatal Domestic Abuse (AAFDA)' : adv.provider);
  const contact = [adv.website ? `website ${adv.website}` : '', adv.telephone ? `telephone ${adv.telephone}` : '', adv.email ? `e-mail ${adv.email}` : '']
    .filter(Boolean).join(', ');
  const familyMarking = profile.documents?.mark_family_letter && kind !== 'publish' ? marking : undefined;
  letters.push({
    name: 'family',
    doc: createDoc({ title: `${title} ${m.id}: letter to the family`, language: 'en-GB' }, letter({
      from,
      date: longDate(m.dates.family_informed),
      to: ['[Name of family member]', '[Address]'],
      reference: m.id,
      subject: 'A review following the death of your family member',
      salutation: 'Dear [name of family member],',
      body: [
        paragraph('We are very sorry for your loss.'),
        paragraph(`${csp} is holding a ${title}. Its purpose is to learn lessons about how agencies worked together, so that they can better protect people in future. It is not an inquiry into who is to blame.`),
        paragraph(`The review is led by an independent chair, ${chair}, who would like to hear from you. You can contribute as much or as little as you wish, at a time and in a way that suits you, and you will be given the draft report to read, with time to respond, before it is finalised.`),
        paragraph(`${advName} offers free, independent specialist advocacy to families going through a review. We would like to refer you to them if you wish; they can support you throughout.${contact ? ` You can also contact them directly: ${contact}.` : ''}`),
      ],
      next: [
        paragraph('Please tell us how and how often you would like to receive updates about the review, and whether you would like to choose the pseudonym used for your family member in the report. '
          + 'The chair will contact you to arrange a first conversation, if you would like one.'),
      ],
      signOff: cspSignOff,
    }), { ...opts, marking: familyMarking }),
  });
  return letters;
}

function addMonth(iso: string | null | undefined): string | null {
  return (iso && addMonths(iso, 1)) || null;
}
