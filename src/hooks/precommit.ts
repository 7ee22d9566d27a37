/**
 * The pre-commit guard that keeps real names out of git history (the engine of `dhr hooks`,
 * whose flags and printing are in src/cli/hooks-command.ts).
 *
 * The hook calls the very dhr that installed it (absolute paths to node and to this
 * installation's bin/dhr.js, as husky does), never an `npx` lookup that could fetch some other
 * package of that name. It runs the hidden `dhr hooks run-pre-commit`, which lints the STAGED
 * content (`git show :path`) with the anonymisation and security rules and the identity register.
 */
import { gitText } from '../review/git.js';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../vendor/yaml.js';
import { todayInLondon } from '../dates/index.js';
import { UsageError } from '../errors.js';
import { PACKAGE_NAME } from '../package.js';
import { findConfigFile, loadConfig } from '../lint/config.js';
import { loadProfile } from '../lint/profile.js';
import { loadIdentities, resolveIdentitiesPath, type IdentityRegister } from '../lint/identities.js';
import { guarded } from '../lint/guard.js';
import { lintReview } from '../lint/engine.js';
import { allRules } from '../rules/index.js';
import { looksLikeRegister } from '../rules/security/identities-committed.js';
import { DEFAULT_KEY_ENV, resolveHashedPath } from '../rules/anon/hashed-identities.js';
import type { Finding } from '../review/model.js';
import { messageOf, shownFile } from '../lint/formatters/index.js';
import { decode, relPath } from '../review/source.js';
import { gitRoot, readStaged, repoPathOf, stagedPaths, withStagedReviews } from '../review/staged.js';
import { safeFileOf } from '../lint/safe-paths.js';

/** Marks a hook file as written by dhr, so reinstalling may replace it and uninstall may remove it. */
export const HOOK_MARKER = 'dhr-hook: pre-commit';

/** Tags whose rules the pre-commit hook runs: anonymisation, and the security checks. */
const HOOK_TAGS = new Set(['anon', 'security']);

/** This installation's bin/dhr.js (found from this module, not from PATH or npx). */
export function dhrBin(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const bin = path.join(dir, 'bin', 'dhr.js');
    if (existsSync(bin) && existsSync(path.join(dir, 'package.json'))) return bin;
    dir = path.dirname(dir);
  }
  throw new Error('bin/dhr.js not found next to the dhr installation');
}

const git = gitText;

/** The folder git runs hooks from: `core.hooksPath` when set (relative to the work tree), else the repository's hooks folder. */
export function hooksDir(root: string): string {
  let configured = '';
  try {
    configured = git(root, ['config', '--get', 'core.hooksPath']);
  } catch {
    // not set
  }
  if (configured) {
    if (configured === '~' || configured.startsWith('~/')) configured = path.join(os.homedir(), configured.slice(1));
    return path.resolve(root, configured);
  }
  return path.resolve(root, git(root, ['rev-parse', '--git-path', 'hooks']));
}

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The hook script: absolute node and dhr, and a clear refusal when either has moved. */
export function hookScript(node = process.execPath, bin = dhrBin()): string {
  const slash = (p: string) => p.split(path.sep).join('/');
  return `#!/bin/sh
# ${HOOK_MARKER} (installed by "dhr hooks install"; run it again after moving or upgrading dhr)
# Checks the staged review files for real names and identifiers before they reach git history.
node=${shQuote(slash(node))}
dhr=${shQuote(slash(bin))}
if [ ! -f "$dhr" ] || [ ! -f "$node" ]; then
  echo "dhr pre-commit: cannot find dhr at $dhr (or node at $node)." >&2
  echo "Reinstall the check with \\"dhr hooks install\\", then commit again. Commit refused." >&2
  exit 1
fi
exec "$node" "$dhr" hooks run-pre-commit
`;
}

/** True when the repository at `root` has a pre-commit hook written by dhr. */
export function hasOwnHook(root: string): boolean {
  const file = path.join(hooksDir(root), 'pre-commit');
  return existsSync(file) && readFileSync(file, 'utf8').includes(HOOK_MARKER);
}

/** True when the repository at `root` pins dhr in its package.json (a repository made by `dhr init`). */
export function pinsDhr(root: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    return Boolean(pkg.dependencies?.[PACKAGE_NAME] ?? pkg.devDependencies?.[PACKAGE_NAME]);
  } catch {
    return false;
  }
}

/**
 * The hook of a repository that pins dhr: it runs the copy `npm ci` installed in this clone
 * (node_modules/@dhr-reviews/dhr), so an upgrade is a change to package.json, reviewed like any
 * other. Node is the one that installed the hook when it is still there, else the one on PATH
 * (git programs may start hooks with a short PATH).
 */
export function pinnedHookScript(node = process.execPath): string {
  return `#!/bin/sh
# ${HOOK_MARKER} (installed by "dhr init" or "dhr hooks install"; runs the dhr pinned in package.json)
# Checks the staged review files for real names and identifiers before they reach git history.
top=$(git rev-parse --show-toplevel) || exit 1
dhr="$top/node_modules/${PACKAGE_NAME}/bin/dhr.js"
node=${shQuote(node.split(path.sep).join('/'))}
[ -x "$node" ] || node=$(command -v node) || node=
if [ ! -f "$dhr" ] || [ -z "$node" ]; then
  echo "dhr pre-commit: the dhr pinned in package.json is not installed in this clone (or node is missing)." >&2
  echo "Run \\"npm ci\\" at the top of the repository, then commit again. Commit refused." >&2
  exit 1
fi
exec "$node" "$dhr" hooks run-pre-commit
`;
}

export interface InstallResult {
  file: string;
  status: 'installed' | 'updated' | 'replaced';
  backup?: string;
}

/** Writes the pre-commit hook of the repository at `root`. Refuses to replace a foreign hook unless `force`. */
export function installPreCommitHook(root: string, force = false): InstallResult {
  const dir = hooksDir(root);
  const file = path.join(dir, 'pre-commit');
  let status: InstallResult['status'] = 'installed';
  let backup: string | undefined;
  if (existsSync(file)) {
    const old = readFileSync(file, 'utf8');
    if (old.includes(HOOK_MARKER)) status = 'updated';
    else if (!force) {
      throw new UsageError(`${relPath(file)} exists and was not written by dhr; nothing was changed (use --force to replace it, keeping a copy as pre-commit.before-dhr)`);
    } else {
      backup = `${file}.before-dhr`;
      copyFileSync(file, backup);
      status = 'replaced';
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, pinsDhr(root) ? pinnedHookScript() : hookScript());
  chmodSync(file, 0o755);
  return { file, status, backup };
}

// ---- the hidden `hooks run-pre-commit` ----

/** Register-like names: `.dhr/identities*.yml`, any `*identities*.yml`, any YAML inside `.dhr/` (as security/identities-committed). */
const REGISTER_NAME_RE = /(^|\/)[^/]*identit(y|ies)[^/]*\.ya?ml$|(^|\/)\.dhr\/(.*\/)?[^/]+\.ya?ml$/i;

/** Staged files that are (or look like) an identity register. */
function stagedRegisters(root: string, staged: string[]): string[] {
  const out: string[] = [];
  for (const p of staged) {
    if (!/\.ya?ml$/i.test(p)) continue;
    if (REGISTER_NAME_RE.test(p)) {
      out.push(p);
      continue;
    }
    try {
      const text = decode(readStaged(root, p)).text;
      // a broken file that starts like a register counts as one: better a refused commit than a leak
      if (looksLikeRegister(text) || (/^people\s*:/m.test(text) && !isYaml(text))) out.push(p);
    } catch {
      // unreadable blob: the review check reports it if it matters
    }
  }
  return out;
}

function isYaml(text: string): boolean {
  return parseDocument(text).errors.length === 0;
}

function registerFor(root: string): { identities?: IdentityRegister; config: ReturnType<typeof loadConfig> } {
  const config = loadConfig(findConfigFile(root), root);
  const { file } = resolveIdentitiesPath(undefined, config.identities, config.file ? config.root : root);
  return { config, identities: file ? loadIdentities(file) : undefined };
}

function line(f: Finding): string {
  const sev = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info';
  // the path in its safe form (a file named after a registered person is not spelled out), no value
  return `${shownFile(f)}:${f.line}:${f.column}  ${sev}  ${f.ruleId}  ${messageOf(f, false)}\n`;
}

/** Lints the staged content; returns the exit code (1 refuses the commit). Never prints a found value. */
export function runPreCommit(cwd = process.cwd(), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const root = gitRoot(cwd);
  if (!root) throw new UsageError('hooks run-pre-commit: not inside a git repository');
  const staged = stagedPaths(root);
  const registers = stagedRegisters(root, staged);
  if (registers.length) {
    for (const p of registers) {
      err(`${relPath(path.join(root, p), cwd)}:1:1  error  security/identities-committed  this file looks like the identity register (real names behind the pseudonyms); it must never be committed. Unstage it with: git rm --cached "${p}"\n`);
    }
    err('dhr pre-commit: commit refused: the identity register must stay outside git (it is listed in .gitignore by dhr init).\n');
    return 1;
  }
  let errors = 0;
  let warnings = 0;
  let checked = 0;
  // config, profile and register are read only when a review file is staged: a commit of other
  // files is never held up by them
  let setup: (ReturnType<typeof registerFor> & { profile: ReturnType<typeof loadProfile> }) | undefined;
  const rules = allRules.filter((r) => HOOK_TAGS.has(r.meta.tag));
  const today = todayInLondon();
  withStagedReviews(root, ({ changed, review, copyOf }, toRepoPath) => {
    if (!setup) {
      const s = registerFor(root);
      setup = { ...s, profile: loadProfile(s.config.profile, s.config.root) };
    }
    const { config, identities, profile } = setup;
    checked += changed.length;
    const all = lintReview(review, { config, profile, identities, today, rules, ...guarded(identities, profile) })
      .filter((f) => HOOK_TAGS.has(f.ruleId.split('/')[0]));
    // findings name files as printed: a file or folder whose name holds a real name only by its
    // safe form (safe-paths.ts), so the changed files are compared in that form too
    const shownPath = (file: string) => repoPathOf(toRepoPath({ file } as Finding).file, root);
    const wanted = changed.map((p) => shownPath(safeFileOf(review, copyOf(p))));
    const wantedSet = new Set(wanted);
    const found = all.map(toRepoPath).filter((f) => {
      const p = repoPathOf(f.file, root);
      // a finding on a folder's name counts when a changed file is inside it
      return wantedSet.has(p) || wanted.some((w) => w.startsWith(p + '/'));
    });
    for (const f of found) {
      const shown: Finding = { ...f, file: relPath(path.resolve(f.file), cwd), ...(f.shownFile ? { shownFile: relPath(path.resolve(f.shownFile), cwd) } : {}) };
      delete shown.value; // never printed by the hook
      err(line(shown));
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
  });

  if (setup && !setup.identities && checked > 0) {
    const hashed = process.env[DEFAULT_KEY_ENV] && resolveHashedPath([setup.config.root, root]);
    err(hashed
      ? 'dhr pre-commit: no identity register found (.dhr/identities.yml or $DHR_IDENTITIES): checked exact names with the keyed-hash register only.\n'
      : 'dhr pre-commit: no identity register found (.dhr/identities.yml or $DHR_IDENTITIES): registered real names were not checked.\n');
  }
  if (errors > 0) {
    err(`dhr pre-commit: commit refused: ${errors} problem(s) in the staged files. Replace real names and identifiers with pseudonyms (dhr redact can help), "git add" the files again and commit. To see the text found, on your own computer only: ${pinsDhr(root) ? 'npx ' : ''}dhr lint --show-values <file>\n`);
    return 1;
  }
  if (warnings > 0) err(`dhr pre-commit: ${warnings} warning(s) above; the commit goes ahead, but please check them.\n`);
  return 0;
}
