/** `dhr redact <file>… --identities FILE [--write]`: registered names → pseudonyms, identifiers → placeholders. */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import iconv from 'iconv-lite';
import type { Command } from './command.js';
import { parseFlags, print } from './common.js';
import { UsageError } from './errors.js';
import { findConfigFile, loadConfig } from '../lint/config.js';
import { loadIdentities, resolveIdentitiesPath } from '../lint/identities.js';
import { decode, MAX_FILE_BYTES, relPath } from '../review/source.js';
import { IdentityMatcher } from '../rules/anon/matcher.js';
import { redactText } from '../rules/anon/redact.js';
import { writeFileAtomically } from '../document/atomic.js';

/** Office documents, PDFs, saved e-mail, images and archives: they cannot be rewritten in place, so a folder walk warns about them. */
const OFFICE_EXT = /\.(docx?|docm|xlsx?|xlsm|pptx?|odt|ods|odp|pdf|rtf|zip|png|jpe?g|gif|tiff?|webp|bmp|heic|msg|eml|mht|mhtml|mbox)$/i;
/** Folders never walked: version control, dependencies, and the git-ignored register folder. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.dhr']);

const usage = `Usage: dhr redact <file or folder>… [--identities FILE] [--write]

Replaces every real name in the identity register with its pseudonym (a possessive 's is kept) and
every registered identifier with a placeholder of its kind: [NHS number], [NI number], [phone number],
[postcode], [address], [date of birth], [email address]. A title, initials or the given name next to
a registered surname go with it ("Ms Smith", "L. Smith", "Laura S." all become the pseudonym), and a
registered given name alone is replaced too; an unregistered given name before a registered surname
(a relative) becomes [name], counted on stderr so you can check it. Only the replaced text changes:
every other byte of the file, line endings included, stays as it was. A folder means every text file
in it at any depth, hidden files and files without an extension included (the places lint checks);
office documents and other binary files are listed as not redacted.

Without --write it prints a unified diff of what would change. The diff shows the real names it
replaces, so it is printed only on your own machine: with CI set it is refused (use --write).

Options:
  --identities FILE   identity register (default $DHR_IDENTITIES, then .dhr/identities.yml)
  --write             write the files (atomically: a temporary file, then a rename)
Exit codes: 0 done (with or without changes), 2 usage error, unreadable input, or a register tracked by git.
`;

/**
 * The files named on the command line: files as given, folders walked for text files. A symbolic
 * link is followed only when it resolves inside the folder being walked (or, for a file named on
 * the command line, inside the current folder); a link that leaves it, a pipe, a socket or a device
 * is skipped with a warning that names the link, never its target. Each file is listed once, by
 * its real path, so that --write rewrites the file itself and never replaces a link.
 */
function expand(paths: string[], warn: (message: string) => void, walked: Set<string>): string[] {
  const out: string[] = [];
  const within = (abs: string, root: string) => abs === root || abs.startsWith(root + path.sep);
  /** The real path of `abs` when it may be read (inside `root`, a regular file or folder), else undefined. */
  const admit = (abs: string, root: string): { real: string; dir: boolean } | undefined => {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      warn(`${relPath(abs)}: symbolic link to a missing file or a loop; skipped`);
      return undefined;
    }
    if (!within(real, root)) {
      const what = lstatSync(abs).isSymbolicLink() ? 'symbolic link pointing' : 'a path';
      warn(`${relPath(abs)}: ${what} outside ${relPath(root) || '.'}; not followed`);
      return undefined;
    }
    const st = statSync(real);
    if (st.isDirectory()) return { real, dir: true };
    if (!st.isFile()) {
      warn(`${relPath(abs)}: not a regular file (a pipe, socket or device); skipped`);
      return undefined;
    }
    return { real, dir: false };
  };
  const walk = (dir: string, root: string, seen: Set<string>) => {
    if (seen.has(dir)) return; // a link back up the tree
    seen.add(dir);
    for (const n of readdirSync(dir).sort()) {
      const abs = path.join(dir, n);
      const st = lstatSync(abs);
      if (st.isDirectory() && SKIP_DIRS.has(n)) continue;
      const ok = st.isSymbolicLink() || !(st.isFile() || st.isDirectory()) ? admit(abs, root) : { real: abs, dir: st.isDirectory() };
      if (!ok) continue;
      if (ok.dir) walk(ok.real, root, seen);
      else if (OFFICE_EXT.test(n)) warn(`${relPath(abs)}: not redacted: an office document, PDF, saved e-mail or image cannot be rewritten; check it by hand or convert it to text`);
      else {
        out.push(ok.real);
        walked.add(ok.real);
      }
    }
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    const abs = path.resolve(p);
    const lst = lstatSync(abs);
    if (lst.isSymbolicLink() || !(lst.isFile() || lst.isDirectory())) {
      const root = realpathSync(process.cwd());
      const ok = admit(abs, root);
      if (!ok) throw new UsageError(`${p}: not redacted (see the warning above)`);
      if (ok.dir) walk(ok.real, ok.real, new Set());
      else out.push(ok.real);
    } else if (lst.isDirectory()) {
      const real = realpathSync(abs);
      walk(real, real, new Set());
    } else out.push(realpathSync(abs));
  }
  return [...new Set(out)];
}

function encode(text: string, encoding: string): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  // UTF-16, with its byte order mark when it had one
  const utf16 = /^(utf-16(?:le|be))(-bom)?$/.exec(encoding);
  if (utf16) return iconv.encode(text, utf16[1], { addBOM: Boolean(utf16[2]) });
  return iconv.encode(text, encoding);
}

/** Writes a file atomically, keeping its permissions: a temporary file beside it, then a rename. */
function writeAtomic(file: string, bytes: Buffer): void {
  try {
    writeFileAtomically(file, bytes, { mode: statSync(file).mode & 0o7777 });
  } catch (e) {
    throw new UsageError(`${relPath(file)}: cannot write: ${(e as Error).message}`);
  }
}

export const redactCommand: Command = {
  name: 'redact',
  summary: 'replace registered real names and identifiers with pseudonyms',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(args, { write: { type: 'boolean' } }, 'redact');
    if (values.help) {
      print(usage);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('redact: give at least one file or folder (see dhr redact --help)');
    const cfgFile = (values.config as string | undefined) ?? findConfigFile(process.cwd());
    const config = loadConfig(cfgFile);
    const { file: registerFile } = resolveIdentitiesPath(values.identities as string | undefined, config.identities, config.file ? config.root : process.cwd());
    if (!registerFile) throw new UsageError('redact: no identity register: give --identities FILE or set DHR_IDENTITIES');
    const register = loadIdentities(registerFile);
    const matcher = new IdentityMatcher(register.people);
    const walked = new Set<string>();
    const write = Boolean(values.write);
    const quiet = Boolean(values.quiet);

    let changedFiles = 0;
    let replacements = 0;
    const patches: string[] = [];
    const warn = (m: string) => process.stderr.write(`dhr redact: warning: ${m}\n`);
    const registerReal = existsSync(registerFile) ? realpathSync(registerFile) : path.resolve(registerFile);
    let unregistered = 0;
    for (const file of expand(positionals, warn, walked)) {
      if (file === registerReal) continue; // never rewrite the register itself
      let bytes: Buffer;
      try {
        const size = statSync(file).size;
        if (size > MAX_FILE_BYTES) throw new Error(`file is ${size} bytes, larger than the ${MAX_FILE_BYTES}-byte limit`);
        bytes = readFileSync(file);
      } catch (e) {
        throw new UsageError(`${relPath(file)}: cannot read: ${(e as Error).message}`);
      }
      const { text, encoding, binary } = decode(bytes);
      if (binary) {
        // found by walking a folder: say so and go on; named on the command line: an error
        if (walked.has(file)) {
          warn(`${relPath(file)}: not redacted: binary file (contains NUL bytes)`);
          continue;
        }
        throw new UsageError(`${relPath(file)}: binary file (contains NUL bytes), expected text`);
      }
      const res = redactText(text, matcher, register.people);
      if (res.redactions.length === 0) continue;
      unregistered += res.unregistered ?? 0;
      changedFiles++;
      replacements += res.redactions.length;
      if (write) writeAtomic(file, encode(res.text, encoding));
      else patches.push(createTwoFilesPatch(`a/${relPath(file)}`, `b/${relPath(file)}`, text, res.text, undefined, undefined, { context: 2 }));
    }

    if (!write && patches.length > 0) {
      if (process.env.CI) {
        throw new UsageError(`redact: ${replacements} replacement(s) in ${changedFiles} file(s); the diff would show the real names, so it is not printed when CI is set: run dhr redact --write locally`);
      }
      print(patches.join(''));
    }
    if (unregistered > 0) {
      warn(`${unregistered} name${unregistered === 1 ? '' : 's'} sharing a registered surname with an unregistered given name replaced with [name]: check ${unregistered === 1 ? 'it' : 'them'}, and add the person to the register if needed`);
    }
    if (!quiet) {
      const what = `${replacements} replacement${replacements === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}`;
      process.stderr.write(replacements === 0 ? 'redact: no registered names or identifiers found\n'
        : write ? `redact: ${what} written\n` : `redact: ${what} (not written: add --write)\n`);
    }
    return 0;
  },
};
