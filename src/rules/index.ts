/** Every rule, by tag. Each tag's index lists its rule modules. */
import type { Rule } from '../lint/rule.js';
import { anonRules } from './anon/index.js';
import { smartRules } from './smart/index.js';
import { processRules } from './process/index.js';
import { reportRules } from './report/index.js';
import { chronologyRules } from './chronology/index.js';
import { securityRules } from './security/index.js';

export const allRules: Rule[] = [...anonRules, ...smartRules, ...processRules, ...reportRules, ...chronologyRules, ...securityRules];

/** Rules that come from loading itself (no module of their own): listed for SARIF and docs. */
export const loaderRules: Array<Rule['meta']> = [
  { id: 'schema/review', tag: 'schema', severity: 'error', description: 'review.yml does not match its JSON Schema' },
  { id: 'schema/chronology', tag: 'schema', severity: 'error', description: 'a chronology row does not match its JSON Schema' },
  { id: 'schema/imr', tag: 'schema', severity: 'error', description: 'IMR front matter does not match its JSON Schema' },
  { id: 'schema/action', tag: 'schema', severity: 'error', description: 'an action-plan row does not match its JSON Schema' },
  { id: 'schema/config', tag: 'schema', severity: 'error', description: 'dhr.config.yml does not match its JSON Schema' },
  { id: 'format/encoding', tag: 'format', severity: 'warning', description: 'input that is not UTF-8 (decoded, and the encoding named)' },
  { id: 'format/csv', tag: 'format', severity: 'error', description: 'malformed CSV row (wrong cell count, unclosed quote)' },
  { id: 'format/yaml', tag: 'format', severity: 'error', description: 'YAML syntax error (review.yml, front matter, config)' },
  { id: 'format/file', tag: 'format', severity: 'error', description: 'a file that cannot be read: binary, too large, a folder, permission denied' },
  { id: 'format/markdown', tag: 'format', severity: 'error', description: 'Markdown that cannot be parsed safely (nesting beyond the limit)' },
  { id: 'security/symlink', tag: 'security', severity: 'error', description: 'a symbolic link leaving the review folder (not followed)' },
  { id: 'lint/disable-without-reason', tag: 'lint', severity: 'warning', description: 'an inline disable comment without a reason' },
];

export function ruleMeta(id: string): Rule['meta'] | undefined {
  return allRules.find((r) => r.meta.id === id)?.meta ?? loaderRules.find((m) => m.id === id);
}
