/**
 * The identity of an agency pack: which review and which agency a workbook or IMR form was made
 * for. The pack writes it into a hidden sheet (workbook) or a document property (IMR), and import
 * checks it so a return cannot land in the wrong review or under the wrong agency.
 */
export interface PackIdentity {
  review: string;
  agency: string;
}

/** Name of the hidden worksheet that carries the identity. */
export const IDENTITY_SHEET = 'dhr-pack';

/** Marker written before the identity in the IMR form's document properties. */
export const IDENTITY_PREFIX = 'dhr-pack:';

export function identityText(id: PackIdentity): string {
  return `${IDENTITY_PREFIX}${id.review}/${id.agency}`;
}

export function parseIdentityText(s: unknown): PackIdentity | undefined {
  if (typeof s !== 'string') return undefined;
  const m = /dhr-pack:([A-Z][A-Z0-9-]{2,40})\/([a-z0-9]+(?:-[a-z0-9]+)*)/.exec(s);
  return m ? { review: m[1], agency: m[2] } : undefined;
}

/**
 * Why a returned pack does not belong where it is being imported, or undefined when it does.
 * Ids come from review.yml and the pack, both checked against strict patterns: safe to print.
 */
export function identityMismatch(found: PackIdentity, want: PackIdentity): string | undefined {
  if (found.review !== want.review) return `this file was made for review ${found.review}, not ${want.review}: import it into that review`;
  if (found.agency !== want.agency) return `this file was made for agency "${found.agency}", not "${want.agency}": use --agency ${found.agency}, or ask the agency for its own pack`;
  return undefined;
}
