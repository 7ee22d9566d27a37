/**
 * `dhr init [dir]`: scaffolds a review *repository* from templates/repo — reviews/, dhr.config.yml,
 * .gitignore for the identity register, a README for chairs, the GitHub workflow, editor settings
 * and offline copies of the JSON Schemas — then `git init` (when needed) and the pre-commit hook.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { parseFlags, print } from './common.js';
import { UsageError } from './errors.js';
import { hasOwnHook, installPreCommitHook } from '../hooks/precommit.js';
import { git, gitRoot, gitSucceeds } from '../review/git.js';
import { PACKAGE_NAME, version } from '../package.js';

/**
 * The action the workflow uses: this package's action.yml, from node_modules after `npm ci`, so the
 * workflow runs exactly the dhr that package-lock.json pins (never a branch of anything).
 */
export const DEFAULT_ACTION = `./node_modules/${PACKAGE_NAME}`;

/** Refs that move: a workflow or a package that names one runs whatever the branch holds that day. */
const MOVING_REF = /^(main|master|head|latest|develop|trunk)$/i;

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

/** Where the review repository gets dhr from: the dependency written in its package.json. */
export interface ToolSource {
  /** The version range npm records, e.g. `0.1.0`, `file:.dhr/tool/dhr-reviews-dhr-0.1.0.tgz`, a git URL. */
  spec: string;
  /** A release tarball to copy into the repository (so CI and every clone install the same file). */
  copyFrom?: string;
}

const GIT_URL = /^(git\+)?(https?|ssh|git|file):\/\/.+\.git(#.*)?$|^(git\+)?(ssh|git):\/\/|^git@[^:]+:|^(github|gitlab|bitbucket):/;

/**
 * Reads `--tool`: nothing (this version, from the npm registry), a version or `@dhr-reviews/dhr@x`,
 * a tarball path (copied into .dhr/tool/), a tarball URL, or a git URL with a tag or commit.
 */
export function toolSource(arg: string | undefined, cwd = process.cwd()): ToolSource {
  if (arg === undefined) return { spec: version() };
  const a = arg.trim();
  const bare = a.startsWith(`${PACKAGE_NAME}@`) ? a.slice(PACKAGE_NAME.length + 1) : a;
  if (/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(bare)) return { spec: bare };
  if (GIT_URL.test(a)) {
    const ref = /#(?:semver:)?(.+)$/.exec(a)?.[1];
    if (!ref || MOVING_REF.test(ref)) {
      throw new UsageError(`--tool ${a}: name a release tag or a commit after "#" (e.g. ${a.replace(/#.*$/, '')}#v${version()}), so every clone and CI install the same dhr`);
    }
    return { spec: a };
  }
  if (/^https?:\/\/.+\.(tgz|tar\.gz)$/.test(a)) return { spec: a };
  if (/\.(tgz|tar\.gz)$/.test(a)) {
    const file = path.resolve(cwd, a);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`--tool ${a}: no such tarball (make one with "npm pack" in a clone of dhr)`);
    return { spec: `file:.dhr/tool/${path.basename(file)}`, copyFrom: file };
  }
  throw new UsageError(`--tool must be a version (${version()}), a release tarball (dhr-reviews-dhr-${version()}.tgz) or a git URL with a tag or commit (got "${a}")`);
}

/** The review repository's package.json: dhr pinned, nothing else to install. */
export function packageJson(name: string, tool: ToolSource): string {
  const pkg = {
    name: name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '') || 'dhr-reviews',
    private: true,
    description: 'Domestic Homicide Reviews, checked and built with dhr (run "npm ci", then "npx dhr --help")',
    engines: { node: '>=20' },
    dependencies: { [PACKAGE_NAME]: tool.spec },
    // docx declares nanoid 6 (Node 22 and later) but carries its own copy: 5 keeps Node 20 installs clean
    overrides: { docx: { nanoid: '^5.1.6' } },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The nearest folder that exists at or above `dir`, with symbolic links resolved. */
function existingReal(dir: string): { real: string; rest: string[] } {
  const rest: string[] = [];
  let d = dir;
  while (!existsSync(d)) {
    rest.unshift(path.basename(d));
    d = path.dirname(d);
  }
  return { real: realpathSync(d), rest };
}

function hasGit(): boolean {
  return gitSucceeds(process.cwd(), ['--version']);
}

export const initCommand: Command = {
  name: 'init',
  summary: 'scaffold a review repository (workflow, config, hooks, README)',
  usage: `Usage: dhr init [dir] [--tool SPEC] [--here] [--force] [--no-git] [--no-hooks] [--action REF]

Creates a review repository in dir (default: the current folder):
  package.json, .dhr/tool/     pins this dhr, so "npx dhr" there runs it (after "npm ci"), and so does CI
  reviews/                     where each review folder goes (dhr new DHR-2025-01)
  dhr.config.yml               profile, severities, allowed terms, waivers (commented examples)
  .gitignore                   keeps the identity register and built documents out of git
  README.md                    for chairs and administrators: adding a review, committing, reading the checks
  .github/workflows/dhr.yml    installs the pinned dhr with "npm ci"; pull requests: lint with notes on
                               the lines, SARIF, job summary; main: build the documents; weekly: audit
  .vscode/, .dhr/schemas/      editor completion and checking of review.yml and dhr.config.yml
Then runs "git init" for a new folder and installs the pre-commit check in the repository it created.
A folder inside another git repository is refused (a review repository needs its own), unless --here.
Existing files are never overwritten: they are listed and nothing is written (exit 2).
  --tool SPEC      where the repository gets dhr from (default: version ${version()} from the npm registry):
                   a release tarball (copied into .dhr/tool/), e.g. --tool ./dhr-reviews-dhr-${version()}.tgz,
                   a tarball URL, or a git URL with a tag or commit (git+https://host/dhr.git#v${version()})
  --here           write the files even though dir is inside another git repository (no git init, no hook)
  --force          overwrite existing files
  --no-git         do not run git init
  --no-hooks       do not install the pre-commit check
  --action REF     the action the workflow uses (default ${DEFAULT_ACTION}, the pinned package's action.yml);
                   another must be pinned: owner/repo@<tag or commit>
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, {
      force: { type: 'boolean' }, 'no-git': { type: 'boolean' }, 'no-hooks': { type: 'boolean' }, action: { type: 'string' },
      tool: { type: 'string' }, here: { type: 'boolean' },
    }, 'init');
    if (values.help) {
      print(this.usage);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('init: give at most one folder (dhr init my-reviews)');
    const arg = positionals[0] ?? '.';
    const dir = path.resolve(arg);
    const rel = path.relative(process.cwd(), dir).split(path.sep).join('/') || '.';
    const shown = rel.startsWith('..') ? dir : rel;
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${arg}: exists and is not a folder`);
    const action = (values.action as string | undefined) ?? DEFAULT_ACTION;
    if (!/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w./-]+$|^\.\/[\w./@-]*$/.test(action)) {
      throw new UsageError(`--action must look like owner/repo@ref (got "${action}")`);
    }
    if (MOVING_REF.test(action.split('@').pop()!) && !action.startsWith('./')) {
      throw new UsageError(`--action ${action}: a branch runs whatever it holds that day; pin a release tag or a commit (owner/repo@v1.2.3)`);
    }
    const tool = toolSource(values.tool as string | undefined);

    // a review repository is a git repository of its own: not a folder of some other work tree
    // (the tool's clone, a home folder kept in git), whose hooks and history are not ours to touch
    const { real, rest } = existingReal(dir);
    const outer = gitRoot(real);
    const realDir = path.join(real, ...rest);
    const insideOther = outer !== undefined && path.resolve(outer) !== realDir;
    if (insideOther && !values.here) {
      throw new UsageError(`init: ${shown} is inside the git repository at ${outer}; a review repository needs its own: choose a folder outside it (or add --here to write the files there anyway); nothing was written`);
    }

    const files = scaffoldFiles(action);
    files.push({ path: 'package.json', text: packageJson(path.basename(realDir), tool) });
    const existing = files.filter((f) => existsSync(path.join(dir, ...f.path.split('/')))).map((f) => f.path);
    const tarball = tool.copyFrom ? `.dhr/tool/${path.basename(tool.copyFrom)}` : undefined;
    if (tarball && existsSync(path.join(dir, tarball)) && !existing.includes(tarball)) existing.push(tarball);
    if (existing.length && !values.force) {
      throw new UsageError(`init: ${existing.length} file(s) exist already, nothing was written: ${existing.join(', ')} (use --force to overwrite them)`);
    }
    for (const f of files) {
      const abs = path.join(dir, ...f.path.split('/'));
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, f.text);
    }
    if (tool.copyFrom && tarball) {
      mkdirSync(path.join(dir, '.dhr', 'tool'), { recursive: true });
      copyFileSync(tool.copyFrom, path.join(dir, tarball));
    }
    const quiet = Boolean(values.quiet);
    if (!quiet) {
      print(`Created a review repository in ${shown}:\n`);
      for (const f of files) print(`  ${(existing.includes(f.path) ? 'overwrote' : 'created').padEnd(9)}  ${f.path}\n`);
      if (tarball) print(`  ${(existing.includes(tarball) ? 'overwrote' : 'copied').padEnd(9)}  ${tarball}\n`);
      print(`  ${'pinned'.padEnd(9)}  ${PACKAGE_NAME} ${tool.spec} (package.json)\n`);
    }

    let root = gitRoot(dir);
    const notes: string[] = [];
    let created = false;
    if (!root && !values['no-git']) {
      if (!hasGit()) notes.push('git is not installed: install it, run "git init" here, then "npx dhr hooks install".');
      else {
        git(dir, ['init', '--quiet']);
        // the workflow builds on pushes to main, whatever git's default branch name is here
        git(dir, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
        root = gitRoot(dir);
        created = true;
        if (!quiet) print(`  ${'ran'.padEnd(9)}  git init (branch main)\n`);
      }
    } else if (insideOther) {
      notes.push(`${shown} is inside the git repository at ${outer}: GitHub only runs workflows from .github/ at the top of a repository.`);
    }
    // the hook goes only into a repository this command created: another's hooks are its owner's
    // (updating a hook dhr wrote there before is not touching another's)
    if (root && (created || hasOwnHook(root)) && !values['no-hooks']) {
      try {
        const r = installPreCommitHook(root);
        if (!quiet) print(`  ${r.status === 'updated' ? 'updated  ' : 'installed'}  pre-commit check (${path.relative(dir, r.file).split(path.sep).join('/')})\n`);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        notes.push(`${e.message.split(' (use --force')[0]}; run "npx dhr hooks install --force" to replace it with the dhr check.`);
      }
    } else if (root && !created && !values['no-hooks']) {
      notes.push('this git repository existed already, so no pre-commit check was installed: run "npx dhr hooks install" there after "npm install".');
    }
    if (!quiet) {
      for (const n of notes) print(`Note: ${n}\n`);
      const cd = shown === '.' ? '' : `cd ${shown.includes(' ') ? `"${shown}"` : shown} && `;
      print(`Next: ${cd}npm install (installs the pinned dhr; commit package-lock.json with the rest), then "npx dhr new DHR-2025-01". Keep the identity register at .dhr/identities.yml (never committed).\n`);
    }
    return 0;
  },
};
