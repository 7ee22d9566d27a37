/**
 * `dhr init [dir]`: scaffolds a review *repository* from templates/repo — reviews/, dhr.config.yml,
 * .gitignore for the identity register, a README for chairs, the GitHub workflow, editor settings
 * and offline copies of the JSON Schemas — then `git init` (when needed) and the pre-commit hook.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { parseFlags, print } from './common.js';
import { UsageError } from './errors.js';
import { installPreCommitHook } from '../hooks/precommit.js';
import { gitRoot } from '../review/staged.js';

/** The reusable action the workflow uses (this repository's action.yml). */
export const DEFAULT_ACTION = 'dhr-reviews/dhr@main';

/** Template names that npm would drop or git would act on, stored under another name. */
const RENAMES: Record<string, string> = { gitignore: '.gitignore' };

function installDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'templates', 'repo')) && existsSync(path.join(dir, 'schemas'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('templates/repo not found next to the dhr installation');
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  });
}

export interface ScaffoldFile {
  /** Path inside the new repository, `/` separators. */
  path: string;
  text: string;
}

/** Every file `dhr init` writes, with placeholders filled in. */
export function scaffoldFiles(action = DEFAULT_ACTION): ScaffoldFile[] {
  const root = installDir();
  const tpl = path.join(root, 'templates', 'repo');
  const files: ScaffoldFile[] = walk(tpl).map((rel) => {
    const parts = rel.split('/');
    const last = parts.pop()!;
    const text = readFileSync(path.join(tpl, rel), 'utf8').replace(/\{\{action\}\}/g, action);
    return { path: [...parts, RENAMES[last] ?? last].join('/'), text };
  });
  // the schemas are copied from this installation, so they always match the dhr that checks them
  for (const n of readdirSync(path.join(root, 'schemas')).filter((n) => n.endsWith('.schema.json')).sort()) {
    files.push({ path: `.dhr/schemas/${n}`, text: readFileSync(path.join(root, 'schemas', n), 'utf8') });
  }
  return files;
}

function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const initCommand: Command = {
  name: 'init',
  summary: 'scaffold a review repository (workflow, config, hooks, README)',
  usage: `Usage: dhr init [dir] [--force] [--no-git] [--no-hooks] [--action OWNER/REPO@REF]

Creates a review repository in dir (default: the current folder):
  reviews/                     where each review folder goes (dhr new reviews/DHR-2025-01)
  dhr.config.yml               profile, severities, allowed terms, waivers (commented examples)
  .gitignore                   keeps the identity register and built documents out of git
  README.md                    for chairs and administrators: adding a review, committing, reading the checks
  .github/workflows/dhr.yml    pull requests: lint with notes on the lines, SARIF, job summary;
                               main: build the documents as artifacts; weekly: audit overdue actions
  .vscode/, .dhr/schemas/      editor completion and checking of review.yml and dhr.config.yml
Then runs "git init" when dir is not inside a git repository, and installs the pre-commit check.
Existing files are never overwritten: they are listed and nothing is written (exit 2).
  --force          overwrite existing files
  --no-git         do not run git init
  --no-hooks       do not install the pre-commit check
  --action REF     the dhr action the workflow uses (default ${DEFAULT_ACTION}); pin a release tag or commit
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, {
      force: { type: 'boolean' }, 'no-git': { type: 'boolean' }, 'no-hooks': { type: 'boolean' }, action: { type: 'string' },
    }, 'init');
    if (values.help) {
      print(this.usage);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('init: give at most one folder (dhr init my-reviews)');
    const arg = positionals[0] ?? '.';
    const dir = path.resolve(arg);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${arg}: exists and is not a folder`);
    const action = (values.action as string | undefined) ?? DEFAULT_ACTION;
    if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w./-]+$|^\.\/[\w./-]*$/.test(action)) {
      throw new UsageError(`--action must look like owner/repo@ref (got "${action}")`);
    }

    const files = scaffoldFiles(action);
    const existing = files.filter((f) => existsSync(path.join(dir, ...f.path.split('/')))).map((f) => f.path);
    if (existing.length && !values.force) {
      throw new UsageError(`init: ${existing.length} file(s) exist already, nothing was written: ${existing.join(', ')} (use --force to overwrite them)`);
    }
    for (const f of files) {
      const abs = path.join(dir, ...f.path.split('/'));
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, f.text);
    }
    const quiet = Boolean(values.quiet);
    const shown = path.relative(process.cwd(), dir).split(path.sep).join('/') || '.';
    if (!quiet) {
      print(`Created a review repository in ${shown}:\n`);
      for (const f of files) print(`  ${(existing.includes(f.path) ? 'overwrote' : 'created').padEnd(9)}  ${f.path}\n`);
    }

    let root = gitRoot(dir);
    const notes: string[] = [];
    if (!root && !values['no-git']) {
      if (!hasGit()) notes.push('git is not installed: install it, run "git init" here, then "dhr hooks install".');
      else {
        execFileSync('git', ['init', '--quiet'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
        // the workflow builds on pushes to main, whatever git's default branch name is here
        execFileSync('git', ['symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: dir, stdio: 'ignore' });
        root = gitRoot(dir);
        if (!quiet) print(`  ${'ran'.padEnd(9)}  git init (branch main)\n`);
      }
    } else if (root && path.resolve(root) !== dir) {
      notes.push(`${shown} is inside the git repository at ${root}: GitHub only runs workflows from .github/ at the top of a repository.`);
    }
    if (root && !values['no-hooks']) {
      try {
        const r = installPreCommitHook(root);
        if (!quiet) print(`  ${r.status === 'updated' ? 'updated  ' : 'installed'}  pre-commit check (${path.relative(dir, r.file).split(path.sep).join('/')})\n`);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        notes.push(`${e.message.split(' (use --force')[0]}; run "dhr hooks install --force" to replace it with the dhr check.`);
      }
    }
    if (!quiet) {
      for (const n of notes) print(`Note: ${n}\n`);
      print(`Next: read README.md, add a review with "dhr new reviews/DHR-2025-01", keep the identity register at .dhr/identities.yml (never committed).\n`);
    }
    return 0;
  },
};
