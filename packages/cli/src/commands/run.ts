import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { createHost, errorCodeName, isErrorCode } from '@wasi-parallel/core';
import { instantiateGuest } from '@wasi-parallel/core/guest';
import { loadRegistry } from '../backends.js';
import { parseArgs, UsageError, type CliCommand } from '../command.js';
import { formatDeviceReport, reportEveryCall } from '../device-reports.js';

const HELP = `Usage: wasi-parallel run [options] <prog.wasm> [args…]

Runs a WASI preview1 program that imports \`wasi_ephemeral_parallel\`, the way \`wasmtime run\`
does: the exit code is the guest's.

Options:
  --device KIND|BACKEND  Override every get_device hint of the guest: a kind (sequential, cpu,
                         discrete-gpu, integrated-gpu, fpga, or its number 0-4) or a backend
                         name (\`wasi-parallel devices\` lists them). Default: the guest's hints,
                         or the WASI_PARALLEL_DEVICE env var.
  --invoke NAME          Call the export NAME with [args…] as numbers instead of _start, and
                         print its results, one per line.
  --dir DIR[::GUEST]     Give the guest the host directory DIR (as GUEST, default DIR). Repeatable.
  --env NAME=VALUE       Set a guest environment variable. Repeatable.
  --timeout MS           End a kernel that runs longer than MS milliseconds (devices that can).
  --backend-option BACKEND.KEY=VALUE
                         An init option for one backend, e.g. threads.workers=4 (VALUE is read
                         as JSON when it parses, else as text). Repeatable.
  --memory upgrade|copy  How an unshared guest memory is reached: upgrade it to shared when
                         loading (default; zero copy on CPU devices) or copy buffer regions.
  --verbose              Say which device each hint resolved to, and why.
  --report               Print each call's device report on stderr, for devices that make one
                         (the FPGA simulator's pipeline report: II, depth, cycles, resources).
  -h, --help             Show this help.`;

/** `threads.workers=4` → `{ threads: { workers: 4 } }`; the backend name may contain dots, the key may not. */
export function parseBackendOptions(specs: readonly string[]): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const match = /^(.+)\.([^.=]+)=(.*)$/s.exec(spec);
    if (!match) throw new UsageError(`--backend-option takes BACKEND.KEY=VALUE, got ${spec}`);
    const [, backend, key, text] = match as unknown as [string, string, string, string];
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // Not JSON: the text itself.
    }
    (result[backend] ??= {})[key] = value;
  }
  return result;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a guest program (prog.wasm) that uses wasi-parallel',
  help: HELP,
  async run(argv) {
    const { options, positionals } = parseArgs(
      argv,
      {
        device: { type: 'string' },
        invoke: { type: 'string' },
        dir: { type: 'string', multiple: true },
        env: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        'backend-option': { type: 'string', multiple: true },
        memory: { type: 'string' },
        verbose: { type: 'boolean' },
        report: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      true,
    );
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const [program, ...guestArgs] = positionals;
    if (!program) throw new UsageError('run needs a program: wasi-parallel run [options] <prog.wasm> [args…]');
    const memory = (options.memory as string | undefined) ?? 'upgrade';
    if (memory !== 'upgrade' && memory !== 'copy') throw new UsageError('--memory is `upgrade` or `copy`');
    const timeout = options.timeout === undefined ? undefined : Number(options.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout takes a positive number of milliseconds');

    const { registry } = await loadRegistry();
    if (options.report === true) reportEveryCall(registry, (device, report) => console.error(`wasi-parallel: ${formatDeviceReport(device, report)}`));
    const verbose = options.verbose === true;
    const host = createHost({
      registry,
      ...(options.device !== undefined ? { device: options.device as string, deviceSource: '--device' } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
      backendOptions: parseBackendOptions((options['backend-option'] as string[] | undefined) ?? []),
      onEvent: (event) => {
        if (event.type === 'device-resolved' && (verbose || event.overridden)) console.error(`wasi-parallel: ${event.reason}`);
      },
    });
    const preopens = Object.fromEntries(
      ((options.dir as string[] | undefined) ?? []).map((spec) => {
        const [hostDir, guestDir] = spec.split('::');
        return [guestDir ?? hostDir!, resolve(hostDir!)];
      }),
    );
    const env = Object.fromEntries(
      ((options.env as string[] | undefined) ?? []).map((pair) => {
        const at = pair.indexOf('=');
        if (at <= 0) throw new UsageError(`--env takes NAME=VALUE, got ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
    );
    const guest = await instantiateGuest(await readFile(program), {
      host,
      args: [basename(program), ...guestArgs],
      env,
      preopens,
      memory,
      onAbiError: (name, code, message) =>
        console.error(`wasi-parallel: ${name} returned ${isErrorCode(code) ? errorCodeName(code) : code} (${code}): ${message}`),
    });
    try {
      if (typeof options.invoke === 'string') {
        const args = guestArgs.map((text) => (/^-?\d+n$/.test(text) ? BigInt(text.slice(0, -1)) : Number(text)));
        for (const value of await guest.invoke(options.invoke, ...args)) console.log(String(value));
        return 0;
      }
      return await guest.start();
    } finally {
      await guest.terminate();
      await host.close();
    }
  },
};
