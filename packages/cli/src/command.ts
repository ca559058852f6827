/** One subcommand of `wasi-parallel`. */
export interface CliCommand {
  readonly name: string;
  /** One line for `wasi-parallel --help`. */
  readonly summary: string;
  /** The whole `--help` text of the command. */
  readonly help: string;
  /** Resolves with the process exit code. */
  run(argv: readonly string[]): Promise<number>;
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}

export interface ParsedArgs {
  readonly options: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

export class UsageError extends Error {}

/**
 * Parses `--name value`, `--name=value`, `-x value` and flags. With `stopAtPositional`,
 * everything from the first positional on is left alone — the guest's own argv after
 * `run prog.wasm`, as `wasmtime run` does it.
 */
export function parseArgs(
  argv: readonly string[],
  specs: Readonly<Record<string, OptionSpec>>,
  stopAtPositional = false,
): ParsedArgs {
  const options: Record<string, string | boolean | string[] | undefined> = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : [])));
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([^=]+)(?:=(.*))?$/.exec(token);
    const short = /^-([a-zA-Z])$/.exec(token);
    const name = long ? long[1]! : short ? byShort.get(short[1]!) : undefined;
    if (name === undefined) {
      if (token.startsWith('-') && token !== '-') throw new UsageError(`unknown option ${token}`);
      if (stopAtPositional) {
        positionals.push(...argv.slice(i));
        break;
      }
      positionals.push(token);
      continue;
    }
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.type === 'boolean') {
      options[name] = true;
      continue;
    }
    const value = long?.[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (spec.multiple) options[name] = [...((options[name] as string[] | undefined) ?? []), value];
    else options[name] = value;
  }
  return { options, positionals };
}
