/** `dhr hooks install|uninstall`: flags and printing; the pre-commit engine is src/hooks/precommit.ts. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parseFlags, print } from './common.js';
import { UsageError } from './errors.js';
import { relPath } from '../review/source.js';
import { gitRoot } from '../review/staged.js';
import { HOOK_MARKER, hooksDir, installPreCommitHook, runPreCommit } from '../hooks/precommit.js';

export const hooksCommand: Command = {
  name: 'hooks',
  summary: 'install the pre-commit anonymisation check',
  usage: `Usage: dhr hooks install [--force]
       dhr hooks uninstall

install     writes the git pre-commit hook of the repository you are in (core.hooksPath is respected).
            Before each commit it checks every STAGED file under a review folder (any extension, hidden
            files, office documents and PDFs, file and folder names) with the anonymisation rules and
            the identity register (.dhr/identities.yml or $DHR_IDENTITIES) and refuses the commit on any
            error, printing the file, line, rule and pseudonym but never the text found (a file whose
            name holds a real name is shown by its place, "[file 2 of 4]"). It also refuses a commit
            that adds the identity register itself.
            The hook runs this very installation of dhr (absolute paths); run install again after moving
            or upgrading dhr.
  --force   replace a pre-commit hook that dhr did not write (a copy is kept as pre-commit.before-dhr)
uninstall   removes the hook, if dhr wrote it.
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { force: { type: 'boolean' } }, 'hooks');
    if (values.help) {
      print(this.usage);
      return 0;
    }
    const [sub, ...rest] = positionals;
    if (rest.length) throw new UsageError(`hooks: unexpected argument "${rest[0]}" (see dhr hooks --help)`);
    if (sub === 'run-pre-commit') return runPreCommit();
    const root = gitRoot();
    if (sub === 'install' || sub === 'uninstall') {
      if (!root) throw new UsageError('hooks: not inside a git repository (run it in a clone of your review repository, or use dhr init)');
    }
    if (sub === 'install') {
      const r = installPreCommitHook(root!, Boolean(values.force));
      if (!values.quiet) {
        print(`${r.status === 'updated' ? 'Updated' : 'Installed'} the pre-commit check: ${relPath(r.file)}\n`);
        if (r.backup) print(`The previous hook was kept as ${relPath(r.backup)}.\n`);
      }
      return 0;
    }
    if (sub === 'uninstall') {
      const file = path.join(hooksDir(root!), 'pre-commit');
      if (!existsSync(file)) {
        if (!values.quiet) print('No pre-commit hook installed.\n');
        return 0;
      }
      if (!readFileSync(file, 'utf8').includes(HOOK_MARKER)) throw new UsageError(`${relPath(file)} was not written by dhr; it was left alone`);
      rmSync(file);
      if (!values.quiet) print(`Removed the pre-commit check: ${relPath(file)}\n`);
      return 0;
    }
    throw new UsageError(sub ? `hooks: unknown subcommand "${sub}" (install or uninstall)` : 'hooks: say what to do: dhr hooks install (see dhr hooks --help)');
  },
};
