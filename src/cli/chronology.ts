import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const chronologyCommand: Command = {
  name: 'chronology',
  summary: 'write the master chronology (CSV, Markdown, DOCX, SVG timeline)',
  usage: 'Usage: dhr chronology …\n',
  async run() {
    throw new UsageError('chronology: not available in this version yet');
  },
};
