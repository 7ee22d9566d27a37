import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'lint, then write every submission document (DOCX, PDF, data form, letters)',
  usage: 'Usage: dhr build …\n',
  async run() {
    throw new UsageError('build: not available in this version yet');
  },
};
