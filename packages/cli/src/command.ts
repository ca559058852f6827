/** One subcommand of `wasi-parallel`. */
export interface CliCommand {
  readonly name: string;
  /** One line for `wasi-parallel --help`. */
  readonly summary: string;
  /** The whole `--help` text of the command. */
  readonly help: string;
  /** Resolves with the process exit code; throws `UsageError` for a mistake in `argv`. */
  run(argv: readonly string[]): Promise<number>;
}
