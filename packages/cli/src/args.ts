import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The parsed values, typed by their specs (`node:util`'s own inference). */
export type ParsedOptions<T extends OptionSpecs> = ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: true }>>['values'];

export interface Parsed<T extends OptionSpecs> {
  readonly options: ParsedOptions<T>;
  readonly positionals: readonly string[];
}

/** `node:util`'s messages span several lines and name its own terms; ours are one line. */
function usageError(error: Error & { code?: string }, argv: readonly string[]): UsageError {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${option}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument \`${/'([^']*)'/.exec(error.message)?.[1] ?? ''}\`; this command takes options only`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      if (error.message.includes('does not take an argument')) return new UsageError(`${option} takes no value`);
      const next = argv[argv.indexOf(option) + 1];
      if (next !== undefined) return new UsageError(`${option} needs a value, but the next argument is the option ${next} (write ${option}=${next} if that is the value)`);
      return new UsageError(`${option} needs a value`);
    }
    default:
      return new UsageError(error.message.split('\n')[0]!);
  }
}

/**
 * What a command takes besides options: `none`, `files` (any number), or `program` (a program
 * and its own argv: everything from the first positional on is the guest's, `run prog.wasm -x`,
 * as `wasmtime run` does it, so only the options before it are ours).
 */
export type Positionals = 'none' | 'files' | 'program';

/** Strict, typed option parsing with `node:util` `parseArgs`; mistakes are one-line `UsageError`s. */
export function parseOptions<T extends OptionSpecs>(argv: readonly string[], options: T, positionals: Positionals = 'none'): Parsed<T> {
  let own = [...argv];
  let rest: string[] = [];
  if (positionals === 'program') {
    const at = programIndex(argv, options);
    own = argv.slice(0, at);
    rest = argv.slice(at);
    if (rest[0] === '--') rest = rest.slice(1);
  }
  try {
    const parsed = parseArgs({ args: own, options, strict: true, allowPositionals: positionals !== 'none' });
    return { options: parsed.values as ParsedOptions<T>, positionals: [...parsed.positionals, ...rest] };
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw usageError(error as Error, own);
    throw error;
  }
}

/** The index of the first positional (or `--`), skipping the values of string options. */
function programIndex(argv: readonly string[], options: OptionSpecs): number {
  const byShort = new Map(Object.entries(options).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : [])));
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--' || !token.startsWith('-') || token === '-') return i;
    if (token.includes('=')) continue;
    const name = token.startsWith('--') ? token.slice(2) : byShort.get(token.slice(1));
    if (name !== undefined && options[name]?.type === 'string') i++;
  }
  return argv.length;
}

/** A positive number of milliseconds, or undefined when the option was not given. */
export function positiveMs(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`${flag} takes a positive number of milliseconds, got \`${text}\``);
  return value;
}
