/**
 * `dhr identities hash`: the keyed-hash form of the identity register, for CI. It holds no
 * readable name and may be committed; the key lives in a CI secret (DHR_HMAC_KEY by default).
 */
import { writeFileAtomically } from '../document/atomic.js';
import type { Command } from './command.js';
import { parseFlags, print } from './common.js';
import { UsageError } from './errors.js';
import { findConfigFile, loadConfig } from '../lint/config.js';
import { loadIdentities, resolveIdentitiesPath } from '../lint/identities.js';
import { DEFAULT_KEY_ENV, hashRegister, keyFromEnv } from '../rules/anon/hashed-identities.js';

export const identitiesCommand: Command = {
  name: 'identities',
  summary: 'make the keyed-hash form of the identity register, for CI (dhr identities hash)',
  usage: `Usage: dhr identities hash [--identities FILE] [--key-env NAME] [--out FILE]

Prints the keyed-hash identity register as JSON: the HMAC-SHA256 of every registered name and
identifier, normalised as anon/identity does (case, accents, spacing and punctuation ignored).
It holds no readable name, so it may be committed as .dhr/identities.hmac.json; CI then reports
exact leaks (rule anon/identity-hashed) using the key from a repository secret.

  --identities FILE   the plain register (default $DHR_IDENTITIES, then .dhr/identities.yml)
  --key-env NAME      environment variable holding the key (default ${DEFAULT_KEY_ENV}); at least 16
                      characters, best 32 random bytes, e.g. from: openssl rand -base64 32
  --out FILE          write to FILE instead of printing

Keep the key out of the repository: anyone with the key and the hashed file can test guesses.
Make the file again whenever the register changes. Example:
  DHR_HMAC_KEY=… dhr identities hash --out .dhr/identities.hmac.json
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { 'key-env': { type: 'string' }, out: { type: 'string' } }, 'identities');
    if (values.help) {
      print(this.usage);
      return 0;
    }
    if (positionals[0] !== 'hash' || positionals.length > 1) {
      throw new UsageError('identities: say what to do: dhr identities hash (see dhr identities --help)');
    }
    const envName = (values['key-env'] as string | undefined) ?? DEFAULT_KEY_ENV;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) throw new UsageError(`--key-env must be an environment variable name (got "${envName}")`);
    const key = keyFromEnv(envName);
    const cfgFile = findConfigFile(process.cwd());
    const config = loadConfig(cfgFile);
    const { file } = resolveIdentitiesPath(values.identities as string | undefined, config.identities, config.file ? config.root : process.cwd());
    if (!file) throw new UsageError('identities: no identity register found: give --identities FILE (or set DHR_IDENTITIES, or keep it at .dhr/identities.yml)');
    const register = loadIdentities(file);
    const text = JSON.stringify(hashRegister(register.people, key), null, 2) + '\n';
    const out = values.out as string | undefined;
    if (!out) {
      print(text);
      return 0;
    }
    writeFileAtomically(out, text);
    if (!values.quiet) print(`Wrote ${out}: ${register.people.length} person(s), keyed with $${envName}. It may be committed; the key must not be.\n`);
    return 0;
  },
};
