/** The set-up of a lint run for one review folder: its config, profile and identity register. */
import path from 'node:path';
import { findConfigFile, loadConfig, type Config } from './config.js';
import { loadProfile, withLegalBasis, type Profile } from './profile.js';
import { loadIdentities, resolveIdentitiesPath, type IdentityRegister } from './identities.js';

export interface LintSetup {
  config: Config;
  profile: Profile;
  identities?: IdentityRegister;
}

/**
 * Config (flag or nearest dhr.config.yml), profile and identity register for a review folder.
 * `registers` lets one command share registers between the reviews of a repository (read, and
 * checked against git, once per file rather than once per review).
 */
export function setupFor(reviewDir: string, flags: { config?: string; identities?: string }, needIdentities = true,
  registers?: Map<string, IdentityRegister>): LintSetup {
  const cfgFile = flags.config ?? findConfigFile(reviewDir);
  const config = loadConfig(cfgFile, path.resolve(reviewDir));
  const profile = withLegalBasis(loadProfile(config.profile, config.root), config.legal_basis);
  let identities: IdentityRegister | undefined;
  if (needIdentities) {
    const { file } = resolveIdentitiesPath(flags.identities, config.identities, config.file ? config.root : process.cwd(), reviewDir);
    if (file) {
      identities = registers?.get(file) ?? loadIdentities(file);
      registers?.set(file, identities);
    }
  }
  return { config, profile, identities };
}
