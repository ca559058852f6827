import { createRequire } from 'node:module';
import { isWasiParallelError } from '@wasi-parallel/core';
import type { CliCommand } from './command.js';
import { benchCommand } from './commands/bench.js';
import { compileCommand } from './commands/compile.js';
import { conformanceCommand } from './commands/conformance.js';
import { dashboardCommand } from './commands/dashboard.js';
import { devicesCommand } from './commands/devices.js';
import { runCommand } from './commands/run.js';
import { UsageError } from './usage-error.js';

export const COMMANDS: readonly CliCommand[] = [runCommand, devicesCommand, compileCommand, conformanceCommand, benchCommand, dashboardCommand];

export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const HELP = `Usage: wasi-parallel <command> [options]

A host for WebAssembly programs that use wasi-parallel (wasi_ephemeral_parallel).

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(12)} ${command.summary}`).join('\n')}

Options:
  --version    print the version
  -h, --help   show this help

\`wasi-parallel <command> --help\` shows a command's options; docs/cli.md has them all.`;

/** Runs the CLI; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (name === undefined) {
    console.error('wasi-parallel: a command is needed (run, devices, compile, conformance, bench, dashboard); see wasi-parallel --help');
    return 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`wasi-parallel: unknown ${name.startsWith('-') ? 'option' : 'command'} \`${name}\`; see wasi-parallel --help`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`wasi-parallel ${name}: ${error.message}; see wasi-parallel ${name} --help`);
      return 2;
    }
    // The message says what went wrong; the stack only helps us, so it is shown on request.
    const debug = Boolean(process.env.WASI_PARALLEL_DEBUG) && !isWasiParallelError(error);
    console.error(`wasi-parallel ${name}: ${debug ? ((error as Error).stack ?? String(error)) : error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** Exit statuses a shell gives a process ended by the signal (128 + its number). */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Ctrl-C and SIGTERM end the command at once with 130 or 143, whatever a loaded backend
 * registered: threads.js, under the threads backend, installs handlers that exit with 0, which
 * would tell a script that an interrupted run succeeded. This handler exits synchronously, so
 * it wins whichever was added first. A guest runs on a worker thread, so the main thread is
 * free to take the signal while a kernel runs.
 */
export function exitOnSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) process.on(signal, () => process.exit(code));
}
