/** The shape of one CLI command. Each command is one file in src/cli/. */
export interface Command {
  name: string;
  /** One line for `dhr --help`. */
  summary: string;
  /** Full usage text for `dhr <command> --help`. */
  usage: string;
  /** Runs the command; returns the exit code (0, 1) or throws UsageError (exit 2). */
  run(args: string[]): Promise<number>;
}
