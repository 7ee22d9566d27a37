/**
 * YAML with positions: every key and value keeps its range, so schema errors and rules point at
 * the exact line and column. Dates stay strings (YAML 1.2 core schema, no timestamp type), so
 * `2025-01-14` is never shifted by a time zone.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from '../vendor/yaml.js';
import type { SourceFile, Span, YamlDoc } from './model.js';

export const MAX_YAML_ALIASES = 100;
export const MAX_YAML_DEPTH = 64;

export interface YamlProblem extends Span {
  message: string;
}

export interface YamlReadResult<T> {
  doc?: YamlDoc<T>;
  problems: YamlProblem[];
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_YAML_DEPTH) return depth;
  // a loop, not Math.max(...children): a list of 200,000 items is more arguments than a call takes
  let max = depth;
  if (Array.isArray(value)) {
    for (const v of value) max = Math.max(max, depthOf(v, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) max = Math.max(max, depthOf(v, depth + 1));
  }
  return max;
}

/**
 * Parser errors whose text quotes the source (a tag, an escape, a block scalar header, a token):
 * said in words instead, since the quoted text could be anything typed. The position is kept.
 */
const QUOTING_ERRORS: Record<string, string> = {
  TAG_RESOLVE_FAILED: 'unresolved tag: a value starting with "!" is read as a YAML tag; put the value in quotes',
  BAD_DQ_ESCAPE: 'invalid escape sequence (a backslash) in a double-quoted value; use single quotes or double the backslash',
  BAD_PROP_ORDER: 'anchors (&) and tags (!) must come after the indicator',
  BAD_COLLECTION_TYPE: 'a tag that does not fit this kind of value',
  BAD_SCALAR_START: 'a plain value cannot start with this character; put the value in quotes',
};

/** A parser error as a message may print it: fixed wording, never a piece of the source. */
export function safeYamlMessage(code: string, message: string): string {
  const msg = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (QUOTING_ERRORS[code]) return QUOTING_ERRORS[code];
  if (/^Block scalar header includes extra characters/.test(msg)) return 'the block scalar header (after | or >) has extra characters';
  // "Unexpected <token type> …" names a token type, never the text; "Unexpected <source> in …" quotes the source
  if (code === 'UNEXPECTED_TOKEN' && !/^Unexpected [a-z-]+( token| at node end| in [a-z ]+)?$/.test(msg)) return 'unexpected text here';
  return msg;
}

/**
 * Parses YAML text. `lineOffset` shifts lines for embedded YAML (front matter starts after `---`).
 */
export function readYaml<T = unknown>(file: SourceFile, text = file.text, lineOffset = 0): YamlReadResult<T> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, schema: 'core', prettyErrors: false, uniqueKeys: true });
  const spanAt = (from: number, to: number): Span => {
    const a = lc.linePos(from);
    const b = lc.linePos(Math.max(from, to));
    return { line: a.line + lineOffset, column: a.col, endLine: b.line + lineOffset, endColumn: b.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const [from, to] = e.pos;
    return { problems: [{ ...spanAt(from, to), message: safeYamlMessage(e.code, e.message) }] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    return { problems: [{ line: 1 + lineOffset, column: 1, endLine: 1 + lineOffset, endColumn: 1,
      // the parser names the alias it could not resolve (`*name`): the name is typed text, not printed
      message: /alias count/i.test((err as Error).message)
        ? 'YAML could not be expanded: too many aliases (*name) to expand'
        : 'YAML could not be expanded: an alias (*name) refers to no anchor (&name) before it' }] };
  }
  if (depthOf(data) > MAX_YAML_DEPTH) {
    return { problems: [{ line: 1 + lineOffset, column: 1, endLine: 1 + lineOffset, endColumn: 1,
      message: `YAML nested deeper than ${MAX_YAML_DEPTH} levels` }] };
  }
  const whole = spanAt(0, 0);
  const spanOf = (p: ReadonlyArray<string | number>, opts?: { key?: boolean }): Span => {
    let node: unknown = doc.contents;
    let best: Span = whole;
    let keyNode: unknown;
    for (const seg of p) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
      } else break;
      const target = (node as YamlNode | null)?.range ? node : keyNode;
      const r = (target as YamlNode | undefined)?.range;
      if (r) best = spanAt(r[0], r[1]);
      if (opts?.key && keyNode && (keyNode as YamlNode).range && seg === p[p.length - 1]) {
        const kr = (keyNode as YamlNode).range!;
        best = spanAt(kr[0], kr[1]);
      }
    }
    return best;
  };
  return { doc: { file, data: data as T, spanOf, lineOffset }, problems: [] };
}
