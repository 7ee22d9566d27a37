/**
 * The audit dashboard: one self-contained HTML page (inline CSS, inline SVG charts drawn here, no
 * scripts, no fonts or images to fetch — a Content-Security-Policy forbids any network access),
 * readable on screen and printable on A4. It shows the status of actions per review and per lead
 * agency as stacked bars, the overdue actions, and every action with its status history.
 * The page carries no generation time, so the same audit gives the same bytes.
 */
import type { AuditAction, AuditReport, AuditSummary, ReviewAudit } from './audit.js';
import { overdueActions, plural } from './audit.js';
import { longDate } from '../dates/index.js';
import { escapeXml } from '../document/escape.js';

export interface DashboardOptions {
  /** Show commit authors in the history (default false: see format.ts). */
  showAuthors?: boolean;
  /** Protective marking printed at the top and bottom of the page (e.g. OFFICIAL-SENSITIVE). */
  marking?: string;
}

/** The status colours, chosen to be told apart by colour-blind readers and in greyscale print. */
export const STATUS_STYLE = {
  complete: { label: 'Complete', fill: '#1a7f5a', ink: '#ffffff' },
  inProgress: { label: 'In progress', fill: '#2b6cb0', ink: '#ffffff' },
  notStarted: { label: 'Not started', fill: '#c5cfdb', ink: '#1d2733' },
  dropped: { label: 'Dropped', fill: '#6b7785', ink: '#ffffff' },
  unknown: { label: 'No valid status', fill: '#e8d49a', ink: '#1d2733' },
} as const;
type StatusKey = keyof typeof STATUS_STYLE;
const KEYS = Object.keys(STATUS_STYLE) as StatusKey[];
const OVERDUE = '#b42318';

const STATUS_KEY: Record<string, StatusKey> = { complete: 'complete', 'in-progress': 'inProgress', 'not-started': 'notStarted', dropped: 'dropped' };
const keyOf = (status: string | null): StatusKey => (status && STATUS_KEY[status]) || 'unknown';

const esc = escapeXml;

export interface BarRow {
  label: string;
  sublabel?: string;
  summary: AuditSummary;
}

/**
 * Horizontal stacked bars, one per row, scaled to the largest total so rows compare; the count
 * sits inside each segment when it fits, the total and the overdue count follow the bar.
 */
export function stackedBarsSvg(rows: BarRow[], title: string): string {
  const W = 860;
  const labelW = 250;
  const tailW = 150;
  const barH = 24;
  const gap = 14;
  const top = 8;
  const barW = W - labelW - tailW;
  const max = Math.max(1, ...rows.map((r) => r.summary.total));
  const H = top + rows.length * (barH + gap) + 22;
  const parts: string[] = [];
  const tick = max <= 10 ? 1 : max <= 25 ? 5 : max <= 60 ? 10 : Math.ceil(max / 50) * 10;
  for (let t = 0; t <= max; t += tick) {
    const x = labelW + (t / max) * barW;
    parts.push(`<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${H - 20}" class="grid"/>`,
      `<text x="${x.toFixed(1)}" y="${H - 6}" class="tick" text-anchor="middle">${t}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * (barH + gap);
    const s = r.summary;
    parts.push(`<g class="bar-row" data-label="${esc(r.label)}">`);
    parts.push(`<text x="${labelW - 10}" y="${y + (r.sublabel ? 10 : barH / 2 + 5)}" class="bar-label" text-anchor="end">${esc(r.label)}</text>`);
    if (r.sublabel) {
      const short = r.sublabel.length > 38 ? `${r.sublabel.slice(0, 37).trimEnd()}…` : r.sublabel;
      parts.push(`<text x="${labelW - 10}" y="${y + 23}" class="bar-sublabel" text-anchor="end">${short !== r.sublabel ? `<title>${esc(r.sublabel)}</title>` : ''}${esc(short)}</text>`);
    }
    let x = labelW;
    for (const k of KEYS) {
      const n = s[k];
      if (!n) continue;
      const w = (n / max) * barW;
      const st = STATUS_STYLE[k];
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${st.fill}" class="seg seg-${k}"><title>${esc(`${r.label}: ${n} ${st.label.toLowerCase()}`)}</title></rect>`);
      if (w >= 18) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${y + barH / 2 + 4.5}" text-anchor="middle" class="seg-count" fill="${st.ink}">${n}</text>`);
      x += w;
    }
    if (s.total === 0) parts.push(`<text x="${labelW + 4}" y="${y + barH / 2 + 5}" class="bar-empty">no actions</text>`);
    parts.push(`<text x="${(x + 8).toFixed(1)}" y="${y + barH / 2 + 5}" class="bar-total">${s.total}</text>`);
    if (s.overdue) {
      const ox = x + 8 + String(s.total).length * 8 + 10;
      parts.push(`<g class="overdue-badge"><rect x="${ox.toFixed(1)}" y="${y + 3}" width="${(s.overdue > 9 ? 86 : 78)}" height="${barH - 6}" rx="9" fill="${OVERDUE}"/>`
        + `<text x="${(ox + (s.overdue > 9 ? 43 : 39)).toFixed(1)}" y="${y + barH / 2 + 4.5}" text-anchor="middle" class="badge-text">${s.overdue} overdue</text></g>`);
    }
    parts.push('</g>');
  });
  const desc = rows.map((r) => `${r.label}: ${r.summary.total} actions, ${r.summary.complete} complete, ${r.summary.inProgress} in progress, ${r.summary.notStarted} not started, ${r.summary.dropped} dropped, ${r.summary.overdue} overdue`).join('; ');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title><desc>${esc(desc)}</desc>${parts.join('')}</svg>`;
}

function legend(): string {
  return `<ul class="legend">${KEYS.filter((k) => k !== 'unknown').map((k) => `<li><span class="swatch" style="background:${STATUS_STYLE[k].fill}"></span>${STATUS_STYLE[k].label}</li>`).join('')}<li><span class="swatch badge-swatch"></span>Overdue</li></ul>`;
}

const pill = (status: string | null) => {
  const k = keyOf(status);
  return `<span class="pill pill-${k}">${esc(status ?? 'no status')}</span>`;
};

function historyList(a: AuditAction, showAuthors: boolean, historyRead: boolean): string {
  if (!historyRead) return '';
  if (a.history.length === 0) return '<span class="muted">no committed history</span>';
  return `<ol class="history">${a.history.map((h) => `<li><time datetime="${h.date}">${esc(h.date)}</time> ${pill(h.status)} <code title="${esc(h.commit)}">${esc(h.commit.slice(0, 7))}</code>${showAuthors && h.author ? ` <span class="author">${esc(h.author)}</span>` : ''}</li>`).join('')}</ol>`;
}

function card(label: string, value: string, note: string, cls = ''): string {
  return `<div class="card ${cls}"><div class="card-value">${esc(value)}</div><div class="card-label">${esc(label)}</div><div class="card-note">${esc(note)}</div></div>`;
}

const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—');

function reviewSection(r: ReviewAudit, report: AuditReport, o: DashboardOptions): string {
  const s = r.summary;
  const head = `<h3 id="review-${esc(r.review)}">${esc(r.review)}${r.title ? ` <span class="review-title">${esc(r.title)}</span>` : ''}</h3>`;
  if (!r.actionPlan) return `<section class="review">${head}<p class="muted">No action plan in ${esc(r.path)}.</p></section>`;
  const rows = r.actions.map((a) => {
    const cls = a.overdue ? ' class="is-overdue"' : '';
    const target = a.targetDate ? esc(a.targetDate) : a.targetDateText !== undefined ? `<span class="warn">${esc(a.targetDateText)}</span>` : '<span class="muted">none</span>';
    const late = a.overdue ? `<div class="late">${plural(a.daysOverdue, 'day')} overdue</div>` : '';
    const stale = a.stale ? '<div class="stale">stale</div>' : '';
    return `<tr${cls} data-action="${esc(a.id)}"><td class="id">${esc(a.id)}</td><td>${esc(a.recommendation ?? '—')}</td>`
      + `<td class="action-text">${esc(a.action)}${a.ownerRole ? `<div class="owner">Owner: ${esc(a.ownerRole)}</div>` : ''}</td>`
      + `<td>${esc(a.leadAgency ?? '—')}</td><td class="nowrap">${target}${late}</td><td>${pill(a.status)}${stale}</td>`
      + `<td class="nowrap">${esc(a.completedOn ?? '')}</td>${report.historyRead ? `<td>${historyList(a, Boolean(o.showAuthors), true)}</td>` : ''}</tr>`;
  });
  const historyHead = report.historyRead ? '<th>Status history</th>' : '';
  return `<section class="review">${head}
<p class="review-meta">${plural(s.total, 'action')} · ${s.complete} complete · ${s.inProgress} in progress · ${s.notStarted} not started · ${s.dropped} dropped · <strong class="${s.overdue ? 'overdue-text' : ''}">${s.overdue} overdue</strong>${report.historyRead ? ` · ${s.stale} stale (no change for ${r.staleDays} days)` : ''}</p>
<table class="actions"><thead><tr><th>Action</th><th>Rec.</th><th>What will be done</th><th>Lead</th><th>Target</th><th>Status</th><th>Completed</th>${historyHead}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

const CSS = `
:root { --ink:#1d2733; --muted:#5b6775; --line:#dde3ea; --bg:#f5f7fa; --accent:#1f3864; --red:${OVERDUE}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; }
.marking { text-align: center; font-weight: 700; letter-spacing: .04em; font-size: 12px; padding: 4px; background: #fff; border-bottom: 1px solid var(--line); }
header.page { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 22px; }
h1 { margin: 0; font-size: 28px; color: var(--accent); }
.subtitle { margin: 4px 0 0; color: var(--muted); }
h2 { font-size: 19px; color: var(--accent); margin: 0 0 12px; }
h3 { font-size: 17px; margin: 0 0 4px; }
.review-title { font-weight: 400; color: var(--muted); font-size: 15px; }
section.panel, section.review { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 0 0 20px; break-inside: avoid; }
section.review { break-inside: auto; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 14px; margin-bottom: 20px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; border-top: 4px solid var(--accent); }
.card-value { font-size: 30px; font-weight: 700; line-height: 1.1; }
.card-label { font-weight: 600; margin-top: 2px; }
.card-note { color: var(--muted); font-size: 13px; }
.card.alert { border-top-color: var(--red); } .card.alert .card-value { color: var(--red); }
.card.good { border-top-color: ${STATUS_STYLE.complete.fill}; }
.charts { display: grid; grid-template-columns: 1fr; gap: 20px; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 0; margin: 0 0 10px; font-size: 13px; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { width: 14px; height: 14px; border-radius: 3px; display: inline-block; }
.badge-swatch { background: var(--red); border-radius: 7px; width: 22px; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg .grid { stroke: #e7ebf0; stroke-width: 1; }
svg .tick { font-size: 11px; fill: var(--muted); }
svg .bar-label { font-size: 14px; font-weight: 600; fill: var(--ink); }
svg .bar-sublabel { font-size: 11px; fill: var(--muted); }
svg .seg-count { font-size: 12px; font-weight: 700; }
svg .bar-total { font-size: 13px; font-weight: 700; fill: var(--ink); }
svg .bar-empty { font-size: 12px; fill: var(--muted); font-style: italic; }
svg .badge-text { font-size: 11.5px; font-weight: 700; fill: #fff; }
table { width: 100%; border-collapse: collapse; font-size: 13.5px; }
th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 8px; vertical-align: top; }
tr { break-inside: avoid; }
td.id { font-weight: 700; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.action-text { min-width: 260px; }
.owner { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
tr.is-overdue td { background: #fdf1f0; }
tr.is-overdue td:first-child { box-shadow: inset 4px 0 0 var(--red); }
.late, .overdue-text { color: var(--red); font-weight: 700; }
.late { font-size: 12.5px; }
.stale { color: #8a5a00; font-size: 12px; font-weight: 600; margin-top: 3px; }
.warn { color: #8a5a00; font-style: italic; }
.muted { color: var(--muted); }
.pill { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
${KEYS.map((k) => `.pill-${k} { background: ${STATUS_STYLE[k].fill}; color: ${STATUS_STYLE[k].ink}; }`).join('\n')}
ol.history { list-style: none; margin: 0; padding: 0 0 0 12px; border-left: 2px solid var(--line); font-size: 12.5px; }
ol.history li { margin: 0 0 4px; white-space: nowrap; position: relative; }
ol.history li::before { content: ""; position: absolute; left: -17px; top: 6px; width: 8px; height: 8px; border-radius: 50%; background: var(--accent); }
ol.history code { color: var(--muted); font-size: 11.5px; }
.author { color: var(--muted); }
.review-meta { color: var(--muted); margin: 0 0 12px; font-size: 13.5px; }
.none { color: ${STATUS_STYLE.complete.fill}; font-weight: 600; }
.warnings { border-left: 4px solid #d4a72c; background: #fff8e5; padding: 10px 14px; border-radius: 6px; margin-bottom: 20px; font-size: 14px; }
footer { color: var(--muted); font-size: 12.5px; margin-top: 28px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section.panel, section.review, .card { border-color: #bbb; box-shadow: none; }
  section.review { break-before: page; }
  .cards { grid-template-columns: repeat(5, 1fr); }
  a { color: inherit; text-decoration: none; }
}
`;

/** The dashboard page for an audit. */
export function renderDashboard(report: AuditReport, o: DashboardOptions = {}): string {
  const t = report.totals;
  const overdue = overdueActions(report);
  const open = t.inProgress + t.notStarted + t.unknown;
  const cards = [
    card('Actions', String(t.total), `in ${plural(report.reviews.length, 'review')}`),
    card('Complete', String(t.complete), `${pct(t.complete, t.total)} of all actions`, 'good'),
    card('Open', String(open), `${t.inProgress} in progress, ${t.notStarted} not started`),
    card('Overdue', String(t.overdue), t.overdue ? `${pct(t.overdue, open)} of open actions` : 'none past target', t.overdue ? 'alert' : ''),
  ];
  if (report.historyRead) cards.push(card('Stale', String(t.stale), 'open, no status change lately', t.stale ? 'alert' : ''));
  else cards.push(card('Dropped', String(t.dropped), 'agreed not to proceed'));

  const byReview = stackedBarsSvg(report.reviews.map((r) => ({ label: r.review, summary: r.summary })), 'Status of actions by review');
  const byAgency = stackedBarsSvg(report.agencies.map((g) => ({ label: g.agency, sublabel: g.name ?? undefined, summary: g })), 'Status of actions by lead agency');

  const overdueTable = overdue.length
    ? `<table class="overdue"><thead><tr><th>Review</th><th>Action</th><th>Lead agency</th><th>Owner</th><th>Target</th><th>Days overdue</th><th>Status</th><th>What will be done</th></tr></thead><tbody>${overdue.map(({ review, action: a }) =>
      `<tr class="is-overdue" data-overdue="${esc(review.review)}/${esc(a.id)}"><td class="nowrap"><a href="#review-${esc(review.review)}">${esc(review.review)}</a></td><td class="id">${esc(a.id)}</td><td>${esc(a.leadAgency ?? '—')}</td><td>${esc(a.ownerRole ?? '—')}</td><td class="nowrap">${esc(a.targetDate ?? '')}</td><td class="late">${a.daysOverdue}</td><td>${pill(a.status)}</td><td class="action-text">${esc(a.action)}</td></tr>`).join('\n')}</tbody></table>`
    : '<p class="none">No action is past its target date.</p>';

  const warnings = report.warnings.length
    ? `<div class="warnings" role="note"><strong>History may be incomplete.</strong><ul>${report.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></div>` : '';
  const marking = o.marking ? `<div class="marking">${esc(o.marking)}</div>` : '';
  const reviewsList = report.reviews.map((r) => r.review).join(', ');

  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Action plan dashboard — as of ${esc(longDate(report.asOf))}</title>
<style>${CSS}</style>
</head>
<body>
${marking}
<main>
<header class="page">
<h1>Action plan dashboard</h1>
<p class="subtitle">As of <strong>${esc(longDate(report.asOf))}</strong> · ${plural(report.reviews.length, 'review')}: ${esc(reviewsList)}${report.historyRead ? ' · status history from git' : ''}</p>
</header>
${warnings}
<div class="cards">${cards.join('')}</div>
<div class="charts">
<section class="panel" id="by-review"><h2>Status by review</h2>${legend()}${byReview}</section>
<section class="panel" id="by-agency"><h2>Status by lead agency</h2>${legend()}${byAgency}</section>
</div>
<section class="panel" id="overdue"><h2>Overdue actions (${overdue.length})</h2>${overdueTable}</section>
<h2 class="actions-heading">Actions by review</h2>
${report.reviews.map((r) => reviewSection(r, report, o)).join('\n')}
<footer>Made by <code>dhr audit</code> from the action plans${report.historyRead ? ' and their git history' : ''}, as of ${esc(report.asOf)}. An action is overdue when it is neither complete nor dropped and its target date has passed${report.historyRead ? '; stale when it is open and its status has not changed for the period set in dhr.config.yml (audit.stale_days)' : ''}.</footer>
</main>
${marking}
</body>
</html>
`;
}
