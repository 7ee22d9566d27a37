/** What every formatter takes, and the helpers they share (apart from index.ts, which picks one). */
import type { Finding, Severity } from '../../review/model.js';

export interface FormatInput {
  findings: Finding[];
  files: number;
  reviews: number;
  showValues: boolean;
  color: boolean;
  /** The command whose findings these are, for headings (`dhr lint`, `dhr audit`); default `lint`. */
  command?: string;
  /**
   * The rules the findings may come from, for the SARIF `rules` catalogue; default: every lint
   * rule. The audit passes its own (`audit/overdue` …).
   */
  rules?: readonly RuleEntry[];
  /** Extra facts about the run (SARIF `runs[0].properties`), e.g. the audit's as-of date. */
  runProperties?: Record<string, unknown>;
}

/** A rule as the SARIF catalogue lists it. */
export interface RuleEntry {
  id: string;
  severity: Severity;
  description: string;
  /** Where the rule is documented (SARIF `helpUri`). */
  helpUri: string;
  tags: string[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  reviews: number;
}

export function summarise(input: FormatInput): Summary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of input.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos, files: input.files, reviews: input.reviews };
}

/**
 * Text from a file made safe to put on a terminal or in a CI log: line breaks, tabs and other
 * control characters (ANSI escapes included), bidirectional controls and line separators are
 * written as visible escapes (`\n`, `\u{1b}`, `\u{202e}`), so a value cannot end a line, forge a
 * workflow command or an annotation, colour or rewrite the terminal, or reorder what is shown.
 */
export function printable(s: string): string {
  // C0 and C1 controls, DEL, bidi marks, embeddings, overrides and isolates, line/paragraph separators
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => {
    switch (c) {
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u{${c.codePointAt(0)!.toString(16)}}`;
    }
  });
}

/** The message as printed: with the found value appended only on request, made printable. */
export function messageOf(f: Finding, showValues: boolean): string {
  return showValues && f.value !== undefined ? `${printable(f.message)} [value: ${printable(f.value)}]` : printable(f.message);
}

/**
 * The file as printed: its safe form when the path holds a registered name (see the engine), made
 * printable (a file name can hold a line break or an escape sequence too).
 */
export function shownFile(f: Finding): string {
  return printable(f.shownFile ?? f.file);
}
