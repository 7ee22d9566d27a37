import type { Command } from './command.js';
import { UsageError } from './errors.js';

export const redactCommand: Command = {
  name: 'redact',
  summary: 'replace registered real names and identifiers with pseudonyms',
  usage: 'Usage: dhr redact …\n',
  async run() {
    throw new UsageError('redact: not available in this version yet');
  },
};
