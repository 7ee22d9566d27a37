import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const costsCommand: Command = {
  name: 'costs',
  summary: "apportion the review's costs between funders",
  usage: 'Usage: dhr costs …\n',
  async run() {
    throw new UsageError('costs: not available in this version yet');
  },
};
