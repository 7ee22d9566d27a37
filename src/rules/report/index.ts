import type { Rule } from '../../lint/rule.js';
import { requiredSection } from './required-section.js';
import { recommendationIds } from './recommendation-ids.js';
import { todo } from './todo.js';
import { recommendationsMatch } from './recommendations-match.js';
import { headingVariant } from './heading-variant.js';
import { imrRecommendations } from './imr-recommendations.js';
import { missingDocument } from './missing-document.js';
import { termsOfReferenceCoverage } from './terms-of-reference-coverage.js';
import { equalityCharacteristics } from './equality-characteristics.js';

/** The report/* rules. */
export const reportRules: Rule[] = [
  requiredSection, headingVariant, recommendationIds, todo, recommendationsMatch, imrRecommendations, missingDocument,
  termsOfReferenceCoverage, equalityCharacteristics,
];
