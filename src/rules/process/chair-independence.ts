/**
 * process/chair-independence: the chair is independent of every agency involved, is not a
 * member of the CSP, declares their independence, and has done the Home Office training
 * (protocol §2.5, from the statutory guidance).
 */
import { defineRule } from '../../lint/rule.js';
import { isSafeId, showId } from '../../review/safe.js';
import { hasKey, isSubmittedOrLater, isUnderway, locate, normaliseName, text } from './review-yml.js';

/** The ways an organisation may be written: its full name, without brackets, and a bracketed acronym. */
function nameVariants(name: string): string[] {
  const out = new Set<string>();
  const full = normaliseName(name);
  if (full) out.add(full);
  const bare = normaliseName(name.replace(/\([^)]*\)/g, ' '));
  if (bare) out.add(bare);
  for (const m of name.matchAll(/\(([^)]*)\)/g)) {
    const inner = m[1].trim();
    if (/^[A-Z0-9&]{2,10}$/.test(inner)) out.add(normaliseName(inner));
  }
  return [...out];
}

/**
 * Same organisation: equal names, or one name contained in the other word for word when the
 * shorter has at least two words ("Gloucestershire County Council" is part of "Gloucestershire
 * County Council Adult Social Care"). Single words never match by containment, so a chair from
 * "Gloucestershire Review Services" is not matched by "Gloucestershire".
 */
export function sameOrganisation(a: string, b: string): boolean {
  for (const x of nameVariants(a)) {
    for (const y of nameVariants(b)) {
      if (x === y) return true;
      const [short, long] = x.length <= y.length ? [x, y] : [y, x];
      if (short.split(' ').length >= 2 && ` ${long} `.includes(` ${short} `)) return true;
    }
  }
  return false;
}

export const chairIndependence = defineRule(
  {
    id: 'process/chair-independence',
    tag: 'process',
    severity: 'error',
    description: 'no independence statement, or chair is a CSP member or from an involved agency',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const chair = meta.chair;
    if (chair === null || chair === undefined || typeof chair !== 'object') {
      if (isSubmittedOrLater(meta.status)) {
        ctx.report(doc.file, hasKey(doc.data, ['chair']) ? doc.spanOf(['chair'], { key: true }) : doc.spanOf(['status']),
          'No chair is recorded, but the review has been submitted. Add the independent chair under chair (name, '
          + 'organisation, independence_statement, csp_member, home_office_training).');
      }
      return;
    }

    if (isUnderway(meta.status) && !text(chair.independence_statement)) {
      ctx.report(doc.file, locate(doc, ['chair', 'independence_statement']),
        "The chair's independence statement is missing. Add chair.independence_statement saying how the chair is "
        + 'independent of every agency involved and of the CSP; the overview report must declare it too.');
    }
    if (chair.csp_member === true) {
      ctx.report(doc.file, doc.spanOf(['chair', 'csp_member']),
        'The chair is recorded as a member of the Community Safety Partnership, so is not independent. The CSP must '
        + 'appoint a chair who is not a member; correct chair.csp_member if this is a mistake.');
    }
    const organisation = text(chair.organisation);
    if (organisation && Array.isArray(meta.agencies)) {
      for (const agency of meta.agencies) {
        if (!agency || typeof agency !== 'object' || agency.involvement === 'none') continue;
        const name = text(agency.name);
        if (!name || !sameOrganisation(organisation, name)) continue;
        ctx.report(doc.file, doc.spanOf(['chair', 'organisation']),
          `The chair's organisation is the same as an agency involved in the review${typeof agency.id === 'string' && isSafeId(agency.id, ctx.guard) ? ` ("${agency.id}")` : ''}, so the chair is not `
          + 'independent of it. Appoint a chair with no connection to any agency involved, or correct chair.organisation.');
        break;
      }
    }
    if (chair.home_office_training === false) {
      ctx.report(doc.file, doc.spanOf(['chair', 'home_office_training']),
        'The chair has not completed the Home Office online training on Domestic Homicide Reviews (including the modules '
        + 'on chairing reviews and writing overview reports). The chair should complete it before leading the review.');
    }
  },
);
