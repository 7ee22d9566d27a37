import { messageOf, shownFile, type FormatInput } from './shared.js';
import { allRules, loaderRules } from '../../rules/index.js';
import { docsUrl } from '../rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 with one `rules` entry per rule. No snippets: they would carry the sensitive text. */
export function formatSarif(input: FormatInput): string {
  const metas = [...allRules.map((r) => r.meta), ...loaderRules];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const rules = metas.map((m) => ({
    id: m.id,
    name: m.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: m.description },
    helpUri: docsUrl(m.id),
    help: { text: `${m.description}. See ${docsUrl(m.id)}` },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: [m.tag] },
  }));
  const results = input.findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: messageOf(f, input.showValues) },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(shownFile(f)), uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
      },
    }],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'dhr', informationUri: 'https://github.com/dhr-reviews/dhr', version: '0.1.0', rules } },
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
