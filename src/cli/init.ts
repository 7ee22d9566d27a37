import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'scaffold a review repository (workflow, config, hooks, README)',
  usage: 'Usage: dhr init …\n',
  async run() {
    throw new UsageError('init: not available in this version yet');
  },
};
