/**
 * report/required-section: the overview report, executive summary and IMRs have their template's
 * sections, in the template's order. Section lists and their published variants are data
 * (profiles/report-sections.yml); missing sections are one finding per document, and so are
 * sections out of order.
 */
import { defineRule, type RuleContext } from '../../lint/rule.js';
import type { MarkdownDoc, Span } from '../../review/model.js';
import { spanOfNode } from '../../review/recommendations.js';
import { matchSections, requiredSections, structureSeverity, type DocumentKind, type SectionSpec } from '../../review/sections.js';

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Indices (into `seq`) of a longest non-decreasing subsequence. On ties the earlier elements are
 * kept, so of two swapped sections the one that comes later in the file is reported.
 */
export function longestIncreasing(seq: number[]): Set<number> {
  const n = seq.length;
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (seq[j] <= seq[i] && len[j] + 1 > len[i]) {
        len[i] = len[j] + 1;
        prev[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || len[i] > len[best]) best = i;
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = prev[i]) keep.add(i);
  return keep;
}

const label = (s: SectionSpec) => `"${s.heading}"`;

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Each section's place for ordering: sections of one group share the place of its first member. */
function ranks(sections: SectionSpec[]): number[] {
  const first = new Map<string, number>();
  return sections.map((s, i) => {
    if (!s.group) return i;
    if (!first.has(s.group)) first.set(s.group, i);
    return first.get(s.group)!;
  });
}

function checkDocument(ctx: RuleContext, doc: MarkdownDoc, kind: DocumentKind): void {
  const spec = requiredSections(kind, ctx.meta?.type, ctx.profile);
  const sections = spec.sections;
  if (sections.length === 0) return;
  const severity = structureSeverity(ctx.profile);
  const report = (span: Span, message: string) => ctx.report(doc.file, span, message, undefined, severity);
  const what = kind === 'imr' ? `this ${spec.name}` : `the ${spec.name}`;

  const matches = matchSections(doc.tree, sections);
  if (matches.length === 0) {
    const names = sections.slice(0, 3).map(label).join(', ');
    report(START, `${what} has none of the sections of its template (${names}${sections.length > 3 ? ', …' : ''}): no heading names one; `
      + `use the template's headings, in order (dhr new writes them)`);
    return;
  }
  const present = new Set(matches.flatMap((m) => m.match.sections));
  const place = ranks(sections);
  const ordered = matches.filter((m) => !m.presenceOnly);
  const keep = longestIncreasing(ordered.map((m) => Math.min(...m.match.sections.map((i) => place[i]))));
  const inOrder = new Map<number, Span>();
  ordered.forEach((m, i) => { if (keep.has(i)) for (const s of m.match.sections) inOrder.set(s, spanOfNode(m.heading)); });

  /** The nearest template section before `at` that is present and in order. */
  const before = (at: number): number => {
    for (let k = at - 1; k >= 0; k--) if (inOrder.has(k)) return k;
    return -1;
  };
  const after = (at: number): number => {
    for (let k = at + 1; k < sections.length; k++) if (inOrder.has(k)) return k;
    return -1;
  };

  // sections out of order: one finding, at the first of them
  const misplaced = ordered.filter((_m, i) => !keep.has(i));
  if (misplaced.length) {
    const where = (at: number) => {
      const p = before(at);
      const n = after(at);
      return p >= 0 ? `after ${label(sections[p])}` : n >= 0 ? `before ${label(sections[n])}` : 'elsewhere';
    };
    const first = misplaced[0].match.sections[0];
    if (misplaced.length === 1) {
      report(spanOfNode(misplaced[0].heading),
        `the section ${label(sections[first])} is out of order: the ${spec.name} template puts it ${where(first)}; move it there`);
    } else {
      const each = misplaced.map((m) => `${label(sections[m.match.sections[0]])} (line ${m.heading.position?.start.line ?? '?'}) ${where(m.match.sections[0])}`);
      report(spanOfNode(misplaced[0].heading),
        `${misplaced.length} sections are out of the ${spec.name} template's order: move ${list(each)}`);
    }
  }

  // missing sections: one finding, where the first of them belongs
  const missing = sections.map((_s, i) => i).filter((i) => !present.has(i));
  if (missing.length) {
    const p = before(missing[0]);
    const span = p >= 0 ? inOrder.get(p)! : START;
    const whereOf = (at: number) => {
      const q = before(at);
      return q >= 0 ? `after the section ${label(sections[q])}` : 'before the other template sections';
    };
    if (missing.length === 1) {
      const s = sections[missing[0]];
      const variants = s.variants?.length ? ` (or ${s.variants.slice(0, 3).map((v) => `"${v}"`).join(', ')}${s.variants.length > 3 ? ', …' : ''})` : '';
      report(span, `${what} has no section ${label(s)}: add a heading "${s.heading}"${variants} ${whereOf(missing[0])}, as in the ${spec.name} template`);
    } else {
      report(span, `${what} has no sections ${list(missing.map((i) => label(sections[i])))} (${missing.length} of the ${sections.length} of its template): `
        + `add them in the template's order — ${list(missing.map((i) => `${label(sections[i])} ${whereOf(i)}`))}`);
    }
  }
}

export const requiredSection = defineRule(
  {
    id: 'report/required-section',
    tag: 'report',
    severity: 'error',
    description: 'a template section missing or out of order',
  },
  (ctx) => {
    const r = ctx.review;
    if (r.overviewReport) checkDocument(ctx, r.overviewReport, 'overview-report');
    if (r.executiveSummary) checkDocument(ctx, r.executiveSummary, 'executive-summary');
    for (const imr of r.imrs.values()) checkDocument(ctx, imr, 'imr');
  },
);
