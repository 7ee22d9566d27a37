/**
 * report/required-section: the overview report, executive summary and IMRs have their template's
 * sections (level-1/level-2 headings), in the template's order. Lists are data: sections.yml.
 */
import { defineRule, type RuleContext } from '../../lint/rule.js';
import type { MarkdownDoc, Span } from '../../review/model.js';
import { spanOfNode } from './recommendations.js';
import { matchSection, requiredSections, topSections, type DocumentKind, type SectionSpec } from './sections.js';

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Indices (into `seq`) of a longest strictly increasing subsequence. On ties the earlier
 * elements are kept, so of two swapped sections the one that comes later in the file is reported.
 */
export function longestIncreasing(seq: number[]): Set<number> {
  const n = seq.length;
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (seq[j] < seq[i] && len[j] + 1 > len[i]) {
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

function label(s: SectionSpec): string {
  return `"${s.heading}"`;
}

function checkDocument(ctx: RuleContext, doc: MarkdownDoc, kind: DocumentKind): void {
  const spec = requiredSections(kind, ctx.meta?.type, ctx.profile);
  const sections = spec.sections;
  if (sections.length === 0) return;
  const what = kind === 'imr' ? `this ${spec.name}` : `the ${spec.name}`;

  // the first heading naming each template section, in file order
  const found: Array<{ at: number; span: Span }> = [];
  const seen = new Set<number>();
  for (const s of topSections(doc.tree)) {
    const at = matchSection(s.text, sections);
    if (at < 0 || seen.has(at)) continue;
    seen.add(at);
    found.push({ at, span: spanOfNode(s.heading) });
  }
  if (found.length === 0) {
    const names = sections.slice(0, 3).map(label).join(', ');
    ctx.report(doc.file, START,
      `${what} has none of the sections of its template (${names}${sections.length > 3 ? ', …' : ''}): `
        + `use the template's level-2 headings, in order (dhr new writes them)`);
    return;
  }
  const keep = longestIncreasing(found.map((f) => f.at));
  const inOrder = new Map<number, Span>();
  found.forEach((f, i) => { if (keep.has(i)) inOrder.set(f.at, f.span); });

  /** The nearest template section before `at` that is present and in order. */
  const before = (at: number): number => {
    for (let k = at - 1; k >= 0; k--) if (inOrder.has(k)) return k;
    return -1;
  };
  const after = (at: number): number => {
    for (let k = at + 1; k < sections.length; k++) if (inOrder.has(k)) return k;
    return -1;
  };

  found.forEach((f, i) => {
    if (keep.has(i)) return;
    const p = before(f.at);
    const n = after(f.at);
    const where = p >= 0 ? `after ${label(sections[p])}` : n >= 0 ? `before ${label(sections[n])}` : 'elsewhere';
    ctx.report(doc.file, f.span,
      `the section ${label(sections[f.at])} is out of order: the ${spec.name} template puts it ${where}; move it there`);
  });

  sections.forEach((s, at) => {
    if (seen.has(at)) return;
    const p = before(at);
    const span = p >= 0 ? inOrder.get(p)! : START;
    const variants = s.variants?.length ? ` (or ${s.variants.map((v) => `"${v}"`).join(', ')})` : '';
    const where = p >= 0 ? `after the section ${label(sections[p])}` : 'before the other template sections';
    ctx.report(doc.file, span,
      `${what} has no section ${label(s)}: add a heading "${s.heading}"${variants} ${where}, as in the ${spec.name} template`);
  });
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
