import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'action-plan audit across reviews and through git history',
  usage: 'Usage: dhr audit …\n',
  async run() {
    throw new UsageError('audit: not available in this version yet');
  },
};
