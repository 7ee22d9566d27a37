/**
 * The Home Office Quality Assurance panel's letter (`qa/letter.md`), built as a document so that a
 * CSP can publish it with the report, as many do. Its QA outcome and points live in review.yml
 * (`qa:`; rule process/qa-points).
 */
import { createDoc, paragraph, strong, type Doc } from '../document/model.js';
import { bodyBlocks, marking, reviewTitle, type BuildContext } from './common.js';

const OUTCOME: Record<string, string> = {
  cleared: 'Cleared for publication',
  'cleared-with-changes': 'Cleared for publication once the changes asked for are made',
  resubmit: 'To be resubmitted to the panel',
};

export function qaLetter(ctx: BuildContext): Doc | undefined {
  const doc = ctx.review.qaLetter;
  if (!doc) return undefined;
  const qa = ctx.review.meta?.data?.qa;
  const lead = [];
  if (qa && typeof qa === 'object' && qa.outcome && OUTCOME[qa.outcome]) lead.push(paragraph(strong('Outcome: '), OUTCOME[qa.outcome]));
  return createDoc(
    { title: reviewTitle(ctx), subtitle: 'Home Office Quality Assurance panel letter' },
    [...lead, ...bodyBlocks(doc)],
    { toc: false, marking: marking(ctx) },
  );
}
