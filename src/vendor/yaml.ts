/**
 * The `yaml` package (about 70 CommonJS modules), bundled into this one file after tsc
 * (scripts/after-tsc.mjs), as vendor/markdown.ts is: every review command reads YAML.
 */
export { isMap, isScalar, isSeq, LineCounter, parse, parseDocument, stringify, visit } from 'yaml';
export type { Node } from 'yaml';
