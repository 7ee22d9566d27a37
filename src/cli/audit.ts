/** `dhr audit <path>…`: action plans across reviews, optionally through git history. */
import type { Command } from './command.js';
import { parseFlags, formatFlag, isoDateFlag, todayInLondon, setupFor, print } from './common.js';
import { UsageError } from './errors.js';
import { auditPaths } from '../audit/audit.js';
import { formatAudit } from '../audit/format.js';
import { renderDashboard } from '../audit/dashboard.js';
import { writeFileAtomically } from '../document/atomic.js';

const usage = `Usage: dhr audit <path>… [options]

Audits the action plans (action-plan.csv) of every review under the paths (a review folder, or a
repository holding reviews/*/): each action's status, target date, whether it is overdue and by
how many days, with totals per review and per lead agency.

Options:
  --as-of YYYY-MM-DD      the date to measure "overdue" against (default today, Europe/London)
  --history               read each action's status changes from the git history of action-plan.csv
                          (follows renamed folders; warns when the clone is shallow); also finds
                          stale actions: open, with no status change for audit.stale_days (default 90)
  --format, -f stylish|json|github|sarif   output (default stylish): findings as lint prints them, one
                          per overdue action (audit/overdue, at its target date in action-plan.csv),
                          per action without a valid status (audit/no-status) and, with --history, per
                          stale action (audit/stale); stylish adds the tables, json the SPEC's audit object
  --fail-on-overdue       exit 1 when any action is overdue (for a scheduled workflow)
  --html FILE             also write a dashboard page (self-contained, printable)
  --docx FILE             also write a monitoring report for the CSP meeting
  --show-authors          name commit authors in the history (stylish, --html, --docx); JSON always has them
  --with-text             add each action's text and owner role to --format json (local use only;
                          refused when CI is set: an unredacted plan can name people)
  --config FILE           dhr.config.yml (default: the nearest one above each review)
  --identities FILE       the identity register (default: the one lint finds); a review folder, title or
                          id holding a registered name is never printed (a safe form is shown instead)
  --quiet, -q             print nothing on stdout (files and the exit code only)
Exit codes: 0 done, 1 an action is overdue with --fail-on-overdue, 2 usage error or unreadable input.
`;

export const auditCommand: Command = {
  name: 'audit',
  summary: 'action-plan audit across reviews and through git history',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(args, {
      format: { type: 'string', short: 'f' },
      'as-of': { type: 'string' },
      history: { type: 'boolean' },
      'fail-on-overdue': { type: 'boolean' },
      html: { type: 'string' },
      docx: { type: 'string' },
      'show-authors': { type: 'boolean' },
      'with-text': { type: 'boolean' },
      identities: { type: 'string' },
    }, 'audit');
    if (values.help) {
      print(usage);
      return 0;
    }
    const fmt = formatFlag(values.format, ['stylish', 'json', 'github', 'sarif'], {
      html: 'for the dashboard page use --html FILE (e.g. dhr audit reviews --html audit.html)',
      docx: 'for the monitoring report use --docx FILE (e.g. dhr audit reviews --docx audit.docx)',
      pdf: 'write the monitoring report with --docx FILE, or print the --html FILE page to PDF',
      csv: 'use --format json for data, or --html FILE / --docx FILE for people',
    });
    const withText = Boolean(values['with-text']);
    if (withText && process.env.CI) throw new UsageError('--with-text prints the actions\' own words and is refused when CI is set');
    if (withText && fmt !== 'json') throw new UsageError('--with-text goes with --format json (stylish, --html and --docx show the text already)');
    if (positionals.length === 0) throw new UsageError('audit: give at least one review folder or repository (see dhr audit --help)');
    const asOf = isoDateFlag(values['as-of'], '--as-of') ?? todayInLondon();
    const config = values.config as string | undefined;
    const identities = values.identities as string | undefined;
    const report = auditPaths(positionals, { asOf, history: Boolean(values.history), config, ...(identities ? { identities } : {}) });
    for (const w of report.warnings) process.stderr.write(`dhr audit: warning: ${w}\n`);
    const showAuthors = Boolean(values['show-authors']);
    const failOnOverdue = Boolean(values['fail-on-overdue']);

    const html = values.html as string | undefined;
    const docx = values.docx as string | undefined;
    if (html || docx) {
      // Protective marking from the profile: the draft marking while any review is unpublished;
      // none once all are published (protocol §3.5: marked until publication).
      const first = report.reviews[0];
      const { profile } = setupFor(first ? first.path : '.', { config }, false);
      const marking = report.reviews.some((r) => !r.published) ? profile.marking?.draft : undefined;
      const opts = { showAuthors, ...(marking ? { marking } : {}) };
      if (html) writeFileAtomically(html, renderDashboard(report, opts));
      if (docx) {
        // Loaded on demand: the DOCX writer is large, and most runs do not need it.
        const { renderMonitoringDocx } = await import('../audit/monitoring-report.js');
        writeFileAtomically(docx, await renderMonitoringDocx(report, opts));
      }
    }

    if (!values.quiet) {
      const color = fmt === 'stylish' && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      print(formatAudit(fmt, report, { showAuthors, failOnOverdue, withText, color }));
    }
    return failOnOverdue && report.totals.overdue > 0 ? 1 : 0;
  },
};
