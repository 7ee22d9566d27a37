/** `dhr costs <review-dir>`: the review's costs shared between funders by the profile's rules. */
import type { Command } from './command.js';
import { parseFlags, formatFlag, setupFor, print } from './common.js';
import { UsageError } from './errors.js';
import { findReviewDirs, loadReview } from '../review/load.js';
import { apportionCosts, poundsOf, costsJson, formatCostsStylish } from '../audit/costs.js';

const usage = `Usage: dhr costs <review-dir> [options]

Shares the costs recorded in review.yml ("costs:", in pounds) between the funders, by the funding
rules of the profile (Gloucestershire: the OPCC pays 50% of chair costs up to £5,000 and the six
districts share the rest; administration is shared by the districts up to £2,000 and the lead
district pays any excess; advocacy is shared by the OPCC, the police and the districts; other
costs by the districts). Shares are exact to the penny and always add up to the total.

Options:
  --format, -f stylish|json   output format (default stylish)
  --config FILE               dhr.config.yml naming the profile (default: the nearest one above the review)
Exit codes: 0 done (also when no costs are recorded yet: every share is £0.00), 2 usage error or unreadable input.
`;

export const costsCommand: Command = {
  name: 'costs',
  summary: "apportion the review's costs between funders",
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(args, { format: { type: 'string', short: 'f' } }, 'costs');
    if (values.help) {
      print(usage);
      return 0;
    }
    const fmt = formatFlag(values.format, ['stylish', 'json'], {
      github: 'costs has no findings to annotate: use --format json in a workflow',
      sarif: 'costs has no findings to annotate: use --format json in a workflow',
    });
    if (positionals.length !== 1) throw new UsageError('costs: give exactly one review folder (see dhr costs --help)');
    const dirs = findReviewDirs(positionals[0]);
    if (dirs.length !== 1) throw new UsageError(`costs: ${positionals[0]} holds ${dirs.length} reviews; give one review folder`);
    const { profile } = setupFor(dirs[0], { config: values.config as string | undefined }, false);
    const review = loadReview(dirs[0]);
    const meta = review.meta?.data as unknown as Record<string, unknown> | undefined;
    if (!meta) throw new UsageError(`${review.rel}: review.yml is missing or unreadable (run dhr validate ${review.rel})`);
    // an amount that cannot be read is refused at its line, with the forms that can
    const costs = meta.costs;
    if (costs && typeof costs === 'object' && !Array.isArray(costs)) {
      for (const [cost, v] of Object.entries(costs)) {
        if (v === null || v === undefined || poundsOf(v) !== undefined) continue;
        const at = review.meta!.spanOf(['costs', cost]);
        throw new UsageError(`${review.meta!.file.rel}:${at.line}:${at.column}: costs.${cost} must be an amount in pounds, e.g. 12500, 12500.50 or £12,500`);
      }
    }
    const report = apportionCosts({
      review: review.id,
      costs: meta.costs as Record<string, unknown> | null | undefined,
      leadDistrict: typeof meta.lead_district === 'string' ? meta.lead_district : null,
      jointWith: Array.isArray(meta.joint_with) ? meta.joint_with.filter((x): x is string => typeof x === 'string') : [],
    }, profile);
    for (const w of report.warnings) process.stderr.write(`dhr costs: warning: ${w}\n`);
    print(fmt === 'json' ? JSON.stringify(costsJson(report), null, 2) + '\n' : formatCostsStylish(report));
    return 0;
  },
};
