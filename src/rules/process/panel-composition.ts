/**
 * process/panel-composition: the review panel includes a specialist domestic abuse service and
 * every statutory agency involved in the case, and no local political members (protocol §3.1).
 */
import { defineRule } from '../../lint/rule.js';
import { isSafeId, showId } from '../../review/safe.js';
import type { Agency, PanelMember } from '../../review/model.js';
import { hasKey, isSubmittedOrLater, locate, text } from './review-yml.js';

export const panelComposition = defineRule(
  {
    id: 'process/panel-composition',
    tag: 'process',
    severity: 'error',
    description: 'no specialist domestic abuse service on the panel; involved statutory agency absent; political member',
    skipForLearningReview: true,
  },
  (ctx) => {
    const doc = ctx.review.meta;
    const meta = ctx.meta;
    if (!doc || !meta) return;
    const panel: PanelMember[] = Array.isArray(meta.panel)
      ? meta.panel.filter((m): m is PanelMember => m !== null && typeof m === 'object')
      : [];
    const agencies: Agency[] = Array.isArray(meta.agencies)
      ? meta.agencies.filter((a): a is Agency => a !== null && typeof a === 'object' && typeof a.id === 'string')
      : [];

    if (panel.length === 0) {
      // The panel is formed after the chair is appointed: only an empty panel once it has met
      // (or once the review is submitted) is a finding.
      if (text(meta.dates?.first_panel) || isSubmittedOrLater(meta.status)) {
        ctx.report(doc.file, hasKey(doc.data, ['panel']) ? doc.spanOf(['panel'], { key: true }) : locate(doc, ['dates', 'first_panel']),
          'No review panel members are listed, but the panel has met. List every panel member under panel (name, role, '
          + 'agency, senior, manages_involved_staff, political_member).');
      }
      return;
    }

    const byId = new Map(agencies.map((a) => [a.id, a]));
    const onPanel = new Set<string>();
    (meta.panel as PanelMember[]).forEach((m, i) => {
      if (!m || typeof m !== 'object') return;
      const id = text(m.agency);
      if (id) {
        if (byId.has(id)) onPanel.add(id);
        else {
          ctx.report(doc.file, doc.spanOf(['panel', i, 'agency']),
            // not declared in agencies: what was typed is not printed
            'This panel member\'s agency is not one of the review\'s agencies. Use an id from the agencies list, '
            + 'or add the agency there.');
        }
      }
      if (m.political_member === true) {
        ctx.report(doc.file, doc.spanOf(['panel', i, 'political_member']),
          'A local political member (such as a councillor) sits on the panel. Review panels do not include political '
          + 'members, so that the review stays independent; ask the agency to nominate someone else, or, if the person '
          + 'sits in a staff role, record political_member: false and note the declared interest in the overview report.');
      }
    });

    const specialist = [...onPanel].some((id) => byId.get(id)?.kind === 'specialist-domestic-abuse');
    if (!specialist) {
      const local = (ctx.profile.specialist_services ?? []).filter((s) => typeof s === 'string' && s.trim());
      ctx.report(doc.file, doc.spanOf(['panel'], { key: true }),
        `No specialist domestic abuse service sits on the panel. Invite one${local.length ? ` (locally: ${local.join('; ')})` : ''}, `
        + 'list it under agencies with kind: specialist-domestic-abuse, and add its representative to the panel.');
    }

    (Array.isArray(meta.agencies) ? meta.agencies : []).forEach((a, i) => {
      if (!a || typeof a !== 'object' || typeof a.id !== 'string') return;
      if (a.statutory !== true || (a.involvement !== 'imr' && a.involvement !== 'chronology')) return;
      if (onPanel.has(a.id)) return;
      const via = text(a.represented_by);
      if (via && onPanel.has(via)) return;
      const why = via
        ? byId.has(via)
          ? isSafeId(via, ctx.guard)
            ? ` It is represented_by "${via}", but nobody from "${via}" sits on the panel either.`
            : ' It is represented_by another agency, but nobody from that agency sits on the panel either.'
          : ' Its represented_by is not one of the review\'s agencies.'
        : '';
      ctx.report(doc.file, doc.spanOf(['agencies', i, 'id']),
        `The statutory agency ${showId(a.id, ctx.guard, 'here')} was involved in the case but is not represented on the review panel.${why} Add a `
        + 'senior panel member from the agency, or set represented_by to an agency that sits on the panel for it.');
    });
  },
);
