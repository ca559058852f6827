import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createHost, errorCodeName, isErrorCode } from '@wasi-parallel/core';
import { instantiateGuest, type GuestInstance } from '@wasi-parallel/core/guest';
import { parseOptions, positiveMs } from '../args.js';
import { BACKEND_OPTION_HELP, BACKEND_OPTION_SPECS, discover, readBackendOptions } from '../backend-flags.js';
import type { CliCommand } from '../command.js';
import { checkBackendOptions, chooseDevice, isSurprising } from '../device-choice.js';
import { UsageError } from '../usage-error.js';
import { explainUnrunnable, readProgram } from './run-program.js';

const HELP = `Usage: wasi-parallel run [options] <prog.wasm> [args…]

Runs a WASI preview1 program that imports \`wasi_ephemeral_parallel\`, the way \`wasmtime run\`
does: the exit code is the guest's. Everything after <prog.wasm> is the guest's argv.

Options:
  --device KIND|BACKEND  Override every get_device hint of the guest: a kind (sequential, cpu,
                         discrete-gpu, integrated-gpu, fpga, or its number 0-4) or a backend
                         name (\`wasi-parallel devices\` lists them). Default: the guest's hints,
                         or the WASI_PARALLEL_DEVICE env var. One that is not available is an error.
  --invoke 'NAME [ARGS…]'
                         Call the export NAME (with ARGS, numbers; 5n is an i64) instead of
                         _start and print its results, one per line. Repeatable: the calls run
                         in order on one instance (--invoke 'setup 24' --invoke execute).
                         With a single --invoke, [args…] after <prog.wasm> are its arguments.
  --dir DIR[::GUEST]     Give the guest the host directory DIR (as GUEST, default DIR). Repeatable.
  --env NAME=VALUE       Set a guest environment variable. Repeatable.
  --timeout MS           End a kernel that runs longer than MS milliseconds (devices that can).
${BACKEND_OPTION_HELP}
  --memory upgrade|copy  How an unshared guest memory is reached: upgrade it to shared when
                         loading (default; zero copy on CPU devices) or copy buffer regions.
  --verbose              Say which device each hint resolved to, and why.
  -h, --help             Show this help.`;

const OPTIONS = {
  device: { type: 'string' },
  invoke: { type: 'string', multiple: true },
  dir: { type: 'string', multiple: true },
  env: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  memory: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...BACKEND_OPTION_SPECS,
} as const;

interface Invocation {
  readonly name: string;
  readonly args: readonly (number | bigint)[];
}

function argument(text: string, call: string): number | bigint {
  if (/^-?\d+n$/.test(text)) return BigInt(text.slice(0, -1));
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) throw new UsageError(`--invoke '${call}': \`${text}\` is not a number (an i64 is written 5n)`);
  return value;
}

/** `--invoke 'setup 24 200000 0'` → a call; a lone `--invoke NAME` takes the guest args. */
export function readInvocations(specs: readonly string[], guestArgs: readonly string[]): Invocation[] {
  const calls = specs.map((spec) => spec.trim().split(/\s+/));
  if (calls.some((words) => words[0] === '')) throw new UsageError('--invoke needs an export name');
  if (guestArgs.length > 0) {
    if (calls.length > 1) throw new UsageError(`with several --invoke, put each call's arguments in its own quotes (--invoke 'setup 24'), not after the program (${guestArgs.join(' ')})`);
    calls[0]!.push(...guestArgs);
  }
  return calls.map(([name, ...args]) => ({ name: name!, args: args.map((text) => argument(text, [name, ...args].join(' '))) }));
}

function readPreopens(specs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    specs.map((spec) => {
      const [hostDir, guestDir] = spec.split('::') as [string, string | undefined];
      const path = resolve(hostDir);
      if (!existsSync(path)) throw new UsageError(`--dir ${spec}: the directory ${path} does not exist; create it or give another`);
      if (!statSync(path).isDirectory()) throw new UsageError(`--dir ${spec}: ${path} is a file, not a directory`);
      return [guestDir ?? hostDir, path];
    }),
  );
}

function readEnv(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`--env takes NAME=VALUE, got \`${pair}\``);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

async function runGuest(guest: GuestInstance, invocations: readonly Invocation[]): Promise<number> {
  if (invocations.length === 0) return guest.start();
  for (const { name, args } of invocations) for (const value of await guest.invoke(name, ...args)) console.log(String(value));
  return 0;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a guest program (prog.wasm) that uses wasi-parallel',
  help: HELP,
  async run(argv) {
    const { options, positionals } = parseOptions(argv, OPTIONS, 'program');
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const [program, ...guestArgs] = positionals;
    if (!program) throw new UsageError('run needs a program: wasi-parallel run [options] <prog.wasm> [args…]');
    const memory = options.memory ?? 'upgrade';
    if (memory !== 'upgrade' && memory !== 'copy') throw new UsageError(`--memory is \`upgrade\` or \`copy\`, got \`${memory}\``);
    const timeout = positiveMs('--timeout', options.timeout);
    const invocations = options.invoke ? readInvocations(options.invoke, guestArgs) : [];
    const preopens = readPreopens(options.dir ?? []);
    const env = readEnv(options.env ?? []);
    const bytes = await readProgram(program);
    const backendOptions = readBackendOptions(options['backend-option']);

    const { registry } = await discover(options['backend-package']);
    await checkBackendOptions(registry, backendOptions);
    const request = await chooseDevice(registry, options.device, process.env, backendOptions);
    const verbose = options.verbose === true;
    const host = createHost({
      registry,
      ...(request ? { device: request.override, deviceSource: request.source } : { device: '' }),
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
      backendOptions,
      onEvent: (event) => {
        if (event.type === 'device-resolved' && (verbose || isSurprising(event, request))) console.error(`wasi-parallel: ${event.reason}`);
      },
    });
    let guest: GuestInstance;
    try {
      guest = await instantiateGuest(bytes, {
        host,
        args: [basename(program), ...(invocations.length > 0 ? [] : guestArgs)],
        env,
        preopens,
        memory,
        onAbiError: (name, code, message) =>
          console.error(`wasi-parallel: ${name} returned ${isErrorCode(code) ? errorCodeName(code) : code} (${code}): ${message}`),
      });
    } catch (error) {
      await host.close();
      throw (await explainUnrunnable(program, bytes, error)) ?? error;
    }
    try {
      return await runGuest(guest, invocations);
    } finally {
      await guest.terminate();
      await host.close();
    }
  },
};
