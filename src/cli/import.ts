import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const importCommand: Command = {
  name: 'import',
  summary: "convert an agency's spreadsheet into chronologies/<agency>.csv",
  usage: 'Usage: dhr import …\n',
  async run() {
    throw new UsageError('import: not available in this version yet');
  },
};
