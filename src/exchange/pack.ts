/**
 * `dhr pack`: what one agency is sent — the chronology workbook, the IMR form (when the agency
 * writes an IMR) and the covering letter — composed from review.yml and the terms of reference.
 */
import type { Review } from '../review/model.js';
import type { Profile } from '../lint/profile.js';
import { composeLetters } from '../reports/letters.js';
import { renderDocx } from '../document/docx.js';
import { packWorkbook } from './pack-workbook.js';
import { packImr } from './pack-imr.js';

export interface PackFile {
  name: string;
  bytes: Uint8Array;
}

const AGENCY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Agencies whose involvement asks for a pack (an IMR or a chronology). */
export function packAgencies(review: Review): string[] {
  return (review.meta?.data?.agencies ?? []).filter((a) => a.involvement === 'imr' || a.involvement === 'chronology').map((a) => a.id);
}

/** The key lines of enquiry: the numbered list under a "lines of enquiry" heading of the terms of reference. */
export function linesOfEnquiry(review: Review): string[] {
  const tree = review.termsOfReference?.tree;
  if (!tree) return [];
  const nodes = tree.children;
  const text = (n: unknown): string => {
    const x = n as { value?: string; children?: unknown[] };
    return typeof x.value === 'string' ? x.value : (x.children ?? []).map(text).join('');
  };
  const i = nodes.findIndex((n) => n.type === 'heading' && /lines of enquiry/i.test(text(n)));
  if (i < 0) return [];
  const list = nodes.slice(i + 1).find((n) => n.type === 'list' || n.type === 'heading');
  if (!list || list.type !== 'list') return [];
  return list.children.map((li) => text(li).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

export async function composePack(review: Review, profile: Profile, agency: string): Promise<PackFile[]> {
  const m = review.meta?.data;
  if (!m) throw new Error('review.yml could not be read');
  const a = m.agencies.find((x) => x.id === agency);
  if (!a || !AGENCY_ID.test(a.id)) throw new Error('agency not in review.yml');
  const title = m.type === 'learning-review' ? 'Domestic Abuse Learning Review' : profile.document_title;
  const period = m.terms_of_reference?.period;
  const common = {
    review: review.id, agency: a.id, agencyName: a.name, reviewTitle: title,
    period: period?.from && period?.to ? { from: String(period.from), to: String(period.to) } : undefined,
    pseudonyms: m.subjects.map((s) => s.pseudonym),
  };
  const marking = profile.marking.final || 'OFFICIAL';
  const files: PackFile[] = [{ name: `chronology-${a.id}.xlsx`, bytes: await packWorkbook(common) }];
  if (a.involvement === 'imr') files.push({ name: `imr-${a.id}.docx`, bytes: await packImr({ ...common, linesOfEnquiry: linesOfEnquiry(review), marking }) });
  const letter = composeLetters(review, profile, marking).find((l) => l.name === `agency-${a.id}`);
  if (letter) files.push({ name: `letter-${a.id}.docx`, bytes: await renderDocx(letter.doc) });
  return files;
}
