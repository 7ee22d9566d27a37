import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const hooksCommand: Command = {
  name: 'hooks',
  summary: 'install the pre-commit anonymisation check',
  usage: 'Usage: dhr hooks …\n',
  async run() {
    throw new UsageError('hooks: not available in this version yet');
  },
};
