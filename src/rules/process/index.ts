import type { Rule } from '../../lint/rule.js';
import { decisionTimescale } from './decision-timescale.js';
import { homeOfficeNotified } from './home-office-notified.js';
import { completionTimescale } from './completion-timescale.js';
import { familyInformed } from './family-informed.js';
import { chairIndependence } from './chair-independence.js';
import { panelComposition } from './panel-composition.js';
import { panelSeniority } from './panel-seniority.js';
import { imrIndependence } from './imr-independence.js';
import { imrMissing } from './imr-missing.js';
import { imrQualityAssured } from './imr-quality-assured.js';
import { jointReview } from './joint-review.js';
import { publication } from './publication.js';
import { commissionerCopy } from './commissioner-copy.js';
import { qaPoints } from './qa-points.js';

/** The process/* rules. */
export const processRules: Rule[] = [
  decisionTimescale,
  homeOfficeNotified,
  completionTimescale,
  familyInformed,
  chairIndependence,
  panelComposition,
  panelSeniority,
  imrIndependence,
  imrMissing,
  imrQualityAssured,
  jointReview,
  publication,
  commissionerCopy,
  qaPoints,
];
