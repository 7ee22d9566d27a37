/** Every command, in the order `dhr --help` lists them. One file per command. */
import type { Command } from './command.js';
import { newCommand } from './new.js';
import { validateCommand, lintCommand } from './check.js';
import { chronologyCommand } from './chronology.js';
import { buildCommand } from './build.js';
import { auditCommand } from './audit.js';
import { redactCommand } from './redact.js';
import { costsCommand } from './costs.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { hooksCommand } from './hooks.js';
import { identitiesCommand } from './identities.js';

export const commands: Command[] = [
  newCommand, validateCommand, lintCommand, chronologyCommand, buildCommand, auditCommand,
  redactCommand, costsCommand, importCommand, initCommand, hooksCommand, identitiesCommand,
];
