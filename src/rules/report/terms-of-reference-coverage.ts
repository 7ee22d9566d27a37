/**
 * report/terms-of-reference-coverage: the terms of reference speak to suicide and to coercive
 * control when the facts of the review raise them (a recurring Home Office QA panel point).
 */
import type { Heading, RootContent } from 'mdast';
import { defineRule } from '../../lint/rule.js';
import type { MarkdownDoc, Span } from '../../review/model.js';

const SUICIDE = /suicid/i;
const COERCIVE = /coerci|controlling\s+(?:or\s+coercive\s+)?behaviou?r/i;
const CHRONOLOGY_COLUMNS = ['event', 'action', 'comment'];

function text(node: unknown): string {
  const n = node as { value?: unknown; children?: unknown[] };
  if (typeof n.value === 'string') return n.value;
  return Array.isArray(n.children) ? n.children.map(text).join(' ') : '';
}

/** The terms of reference: terms-of-reference.md, else the overview report's section of that name. */
function termsOfReference(docs: { tor?: MarkdownDoc; overview?: MarkdownDoc }): { doc: MarkdownDoc; text: string; span: Span } | undefined {
  if (docs.tor) {
    const first = docs.tor.tree.children.find((n) => n.type === 'heading') ?? docs.tor.tree.children[0];
    const p = first?.position?.start;
    const span = p ? { line: p.line, column: p.column, endLine: p.line, endColumn: p.column } : { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { doc: docs.tor, text: docs.tor.file.text, span };
  }
  const o = docs.overview;
  if (!o) return undefined;
  const nodes = o.tree.children;
  const i = nodes.findIndex((n) => n.type === 'heading' && /terms\s+of\s+reference/i.test(text(n)));
  if (i < 0) return undefined;
  const depth = (nodes[i] as Heading).depth;
  const body: RootContent[] = [];
  for (let j = i + 1; j < nodes.length; j++) {
    const n = nodes[j];
    if (n.type === 'heading' && n.depth <= depth) break;
    body.push(n);
  }
  const p = nodes[i].position!.start;
  return { doc: o, text: body.map(text).join('\n'), span: { line: p.line, column: p.column, endLine: p.line, endColumn: p.column } };
}

export const termsOfReferenceCoverage = defineRule(
  {
    id: 'report/terms-of-reference-coverage',
    tag: 'report',
    severity: 'warning',
    description: 'terms of reference silent on suicide or coercive control where the facts raise them',
  },
  (ctx) => {
    const meta = ctx.meta;
    if (!meta) return;
    const tor = termsOfReference({ tor: ctx.review.termsOfReference, overview: ctx.review.overviewReport });
    if (!tor) return;
    const death = meta.death && typeof meta.death === 'object' ? meta.death : undefined;
    const caseTypes = Array.isArray(meta.case_types) ? meta.case_types : [];
    const abuseTypes = Array.isArray(meta.abuse_types) ? meta.abuse_types : [];
    const suicide = death?.suicide === true || caseTypes.includes('homicide-suicide');
    let coercive = abuseTypes.includes('coercive-control');
    if (!coercive) {
      outer: for (const t of ctx.review.chronologies.values()) {
        for (const row of t.rows) {
          for (const c of CHRONOLOGY_COLUMNS) if (row.cells[c] && COERCIVE.test(row.cells[c].value)) { coercive = true; break outer; }
        }
      }
    }
    if (suicide && !SUICIDE.test(tor.text)) {
      ctx.report(tor.doc.file, tor.span,
        'The death was a suicide (or a homicide-suicide), but the terms of reference do not mention suicide. The QA panel '
        + 'asks for a line of enquiry on it: what agencies knew of the risk of suicide and how they responded.');
    }
    if (coercive && !COERCIVE.test(tor.text)) {
      const why = abuseTypes.includes('coercive-control') ? 'Coercive control is recorded among the abuse types in review.yml' : 'The chronologies record controlling or coercive behaviour';
      ctx.report(tor.doc.file, tor.span,
        `${why}, but the terms of reference do not mention coercive control. Add a line of enquiry `
        + 'on it (what was known, whether it was recognised as the offence of controlling or coercive behaviour).');
    }
  },
);
