import { messageOf, shownFile, type FormatInput, type RuleEntry } from './shared.js';
import { allRules, loaderRules } from '../../rules/index.js';
import { docsUrl } from '../rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Every lint rule (and the loader's), as the catalogue lists them. */
function lintRules(): RuleEntry[] {
  return [...allRules.map((r) => r.meta), ...loaderRules].map((m) => ({
    id: m.id, severity: m.severity, description: m.description, helpUri: docsUrl(m.id), tags: [m.tag],
  }));
}

/** SARIF 2.1.0 with one `rules` entry per rule. No snippets: they would carry the sensitive text. */
export function formatSarif(input: FormatInput): string {
  const metas = input.rules ?? lintRules();
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const rules = metas.map((m) => ({
    id: m.id,
    name: m.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: m.description },
    helpUri: m.helpUri,
    help: { text: `${m.description}. See ${m.helpUri}` },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: m.tags },
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
      ...(input.runProperties ? { properties: input.runProperties } : {}),
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
