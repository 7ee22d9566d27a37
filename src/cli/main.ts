/**
 * The `dhr` executable: dispatches to one command. User errors print one line on stderr and exit
 * 2; unexpected failures too, with the stack only when DHR_DEBUG=1.
 */
import { commands } from './commands.js';
import { UsageError } from './errors.js';
import { version } from '../package.js';
import { didYouMean } from './suggest.js';

export { version };

export function helpText(): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return `dhr ${version()} — Domestic Homicide Review pipeline

Usage: dhr <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n')}

Common options: --format stylish|json|github|sarif, --config FILE, --identities FILE, --quiet, --help, --version
Run "dhr <command> --help" for a command's options. Exit codes: 0 ok, 1 errors found, 2 usage or input error.
`;
}

let handlersInstalled = false;

/**
 * Last-resort handlers for errors outside main's try: a failing stream callback or a rejected
 * promise nobody awaited still ends with one line on stderr and exit 2, never a stack trace.
 * `dhr lint … | head` closing the pipe early ends quietly.
 */
function installCrashHandlers(): void {
  if (handlersInstalled || process.env.VITEST) return;
  handlersInstalled = true;
  const fail = (err: unknown) => {
    if (process.env.DHR_DEBUG) console.error(err);
    process.stderr.write(`dhr: internal error: ${String((err as Error)?.message ?? err).split('\n')[0]}\n`);
    process.exit(2);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    fail(e);
  });
}

export async function main(argv: string[]): Promise<number> {
  installCrashHandlers();
  try {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(helpText());
      return name ? 0 : argv.length === 0 ? 0 : 0;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) {
      const near = didYouMean(name.replace(/^-+/, ''), commands.map((c) => c.name));
      throw new UsageError(`unknown command "${name}"${near} (run dhr --help for the list)`);
    }
    if (rest.includes('--version')) {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const cmd = await entry.load();
    return await cmd.run(rest);
  } catch (err) {
    if (process.env.DHR_DEBUG) console.error(err);
    const msg = err instanceof UsageError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
    process.stderr.write(`dhr: ${msg.split('\n')[0]}\n`);
    return 2;
  }
}
