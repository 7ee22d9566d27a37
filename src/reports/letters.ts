/**
 * Letters from the protocol's templates (Gloucestershire DHR Protocol 2019, appendices 5, 6, 7
 * and 10), filled from review.yml. The wording is ours, following what §2.2, §2.3 and §2.6 say each
 * letter must contain. People in the case are named by pseudonym only.
 */
import type { Review } from '../review/model.js';
import { addMonths, longDate as ukLongDate } from '../dates/index.js';
import { reviewDefinition, type Profile } from '../lint/profile.js';
import { isSafeId, NO_REGISTER, type PrintGuard } from '../review/safe.js';
import { createDoc, heading, paragraph, bulletList, strong, type Block, type Doc } from '../document/model.js';

export interface Letter {
  /** File name under letters/, without extension. */
  name: string;
  doc: Doc;
}

function longDate(iso: string | null | undefined): string {
  return iso ? ukLongDate(iso) : 'a date to be confirmed';
}

const li = (...t: string[]): Block[] => [paragraph(...t)];

export function composeLetters(review: Review, profile: Profile, marking?: string, guard: PrintGuard = NO_REGISTER): Letter[] {
  const m = review.meta?.data;
  if (!m) return [];
  const csp = profile.csps.find((c) => c.id === m.csp)?.name ?? m.csp;
  const district = profile.districts.find((d) => d.id === m.lead_district)?.name ?? m.lead_district;
  const victim = m.subjects.find((s) => /victim/i.test(s.role))?.pseudonym ?? 'the victim';
  const perpetrator = m.subjects.find((s) => /perpetrator/i.test(s.role))?.pseudonym ?? 'the alleged perpetrator';
  const title = profile.document_title;
  const opts = { marking, toc: false, pageNumbers: false };
  const ref = paragraph(strong('Our reference: '), m.id);
  const chair = m.chair?.name ? `${m.chair.name}${m.chair.organisation ? ` (${m.chair.organisation})` : ''}` : 'to be appointed';
  const letters: Letter[] = [];

  letters.push({
    name: 'notification',
    doc: createDoc({ title: `${title} ${m.id}: notification of a death` }, [
      heading(1, `Notification of a death for ${title} consideration`),
      ref,
      paragraph(`To: the Chair of ${csp}, and the County Domestic Abuse and Sexual Violence Strategic Coordinator`),
      paragraph(`This letter notifies ${csp} in writing of the death of ${victim} on ${longDate(m.dates.death)} in the ${district} area, `
        + `and asks the partnership to consider whether the death meets the criteria for a ${title} (protocol §2.2).`),
      ...(reviewDefinition(profile) ? [paragraph(`What a ${title} is: ${reviewDefinition(profile)}`)] : []),
      paragraph(`The person believed to be responsible is referred to as ${perpetrator}. Identifying details are sent separately by secure e-mail and are not recorded in this letter.`),
      paragraph(`Please confirm the partnership's decision, and inform the Home Office of it, within one month of this notification (by ${longDate(addMonth(m.dates.notification))}).`),
    ], opts),
  });

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
      doc: createDoc({ title: `${title} ${m.id}: letter to ${a.name}` }, [
        heading(1, `${title} ${m.id}: request to ${a.name}`),
        ref,
        paragraph(`${csp} has decided on ${longDate(m.dates.decision)} to conduct a ${title} into the death of ${victim}. The independent chair is ${chair}.`),
        paragraph('We ask your agency to:'),
        bulletList(asks),
        paragraph(`The review covers the period from ${longDate(m.terms_of_reference?.period?.from)} to ${longDate(m.terms_of_reference?.period?.to)}. The terms of reference follow with the first panel invitation.`),
      ], opts),
    });
  });

  letters.push({
    name: 'family',
    doc: createDoc({ title: `${title} ${m.id}: letter to the family` }, [
      heading(1, `A review following the death of your family member`),
      ref,
      paragraph('We are very sorry for your loss.'),
      paragraph(`${csp} is holding a ${title}. Its purpose is to learn lessons about how agencies worked together, so that they can better protect people in future. It is not an inquiry into who is to blame.`),
      paragraph(`The review is led by an independent chair, ${chair}, who would like to hear from you. You can contribute as much or as little as you wish, at a time and in a way that suits you, and you will be given the draft report to read, with time to respond, before it is finalised.`),
      paragraph(`${profile.advocacy.provider} offers free, independent specialist advocacy to families going through a review. We would like to refer you to them if you wish; they can support you throughout.`),
      paragraph('Please tell us how and how often you would like to receive updates about the review, and whether you would like to choose the pseudonym used for your family member in the report.'),
    ], opts),
  });
  return letters;
}

function addMonth(iso: string | null | undefined): string | null {
  return (iso && addMonths(iso, 1)) || null;
}
