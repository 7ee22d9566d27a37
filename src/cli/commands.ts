/**
 * Every command, in the order `dhr --help` lists them. One file per command.
 *
 * A command module is loaded only when that command runs: `build` pulls in the DOCX and PDF
 * writers, `import` a spreadsheet reader, `lint` every rule, and none of that should slow down
 * `dhr --help` or a `dhr validate` in CI (issue 7). The summaries are repeated here so that
 * `--help` needs no module at all; test/cli-commands.test.ts checks they match the modules'.
 */
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  /** One line for `dhr --help` (the same as the module's `summary`). */
  summary: string;
  /** Loads the command's module. */
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'new', summary: 'scaffold a review folder from the templates (valid, full of TODO markers)',
    load: async () => (await import('./new.js')).newCommand },
  { name: 'validate', summary: 'check review folders against the JSON Schemas (parsing and schemas only)',
    load: async () => (await import('./check.js')).validateCommand },
  { name: 'lint', summary: 'validate, then run every compliance rule (anonymisation, SMART, process, report, chronology)',
    load: async () => (await import('./check.js')).lintCommand },
  { name: 'chronology', summary: 'write the master chronology (CSV, Markdown, DOCX, SVG timeline)',
    load: async () => (await import('./chronology.js')).chronologyCommand },
  { name: 'build', summary: 'lint, then write every submission document (DOCX, PDF, data form, letters)',
    load: async () => (await import('./build.js')).buildCommand },
  { name: 'audit', summary: 'action-plan audit across reviews and through git history',
    load: async () => (await import('./audit.js')).auditCommand },
  { name: 'redact', summary: 'replace registered real names and identifiers with pseudonyms',
    load: async () => (await import('./redact.js')).redactCommand },
  { name: 'costs', summary: "apportion the review's costs between funders",
    load: async () => (await import('./costs.js')).costsCommand },
  { name: 'pack', summary: 'write the agency pack: chronology workbook, IMR form and covering letter',
    load: async () => (await import('./pack.js')).packCommand },
  { name: 'import', summary: "convert an agency's return (spreadsheet, Word IMR or chronology table) into the review",
    load: async () => (await import('./import.js')).importCommand },
  { name: 'init', summary: 'scaffold a review repository (workflow, config, hooks, README)',
    load: async () => (await import('./init.js')).initCommand },
  { name: 'hooks', summary: 'install the pre-commit anonymisation check',
    load: async () => (await import('./hooks-command.js')).hooksCommand },
  { name: 'identities', summary: 'make the keyed-hash form of the identity register, for CI (dhr identities hash)',
    load: async () => (await import('./identities.js')).identitiesCommand },
];
