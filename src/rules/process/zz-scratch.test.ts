import { it } from 'vitest';
import { prepareReview, runRules } from '../../../test/support/rule-tester.js';
import { processRules } from './index.js';
import { allRules } from '../index.js';
it('scratch', () => {
  const dir = prepareReview({});
  for (const f of runRules(dir, processRules)) console.log(`${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`);
  console.log('ALL:');
  for (const f of runRules(dir, allRules)) console.log(`${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`);
});
