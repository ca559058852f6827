import { isWasiParallelError } from '@wasi-parallel/core';
import { UsageError, type CliCommand } from './command.js';
import { benchCommand } from './commands/bench.js';
import { compileCommand } from './commands/compile.js';
import { conformanceCommand } from './commands/conformance.js';
import { dashboardCommand } from './commands/dashboard.js';
import { devicesCommand } from './commands/devices.js';
import { runCommand } from './commands/run.js';

export const COMMANDS: readonly CliCommand[] = [runCommand, devicesCommand, compileCommand, conformanceCommand, benchCommand, dashboardCommand];

const HELP = `Usage: wasi-parallel <command> [options]

A host for WebAssembly programs that use wasi-parallel (wasi_ephemeral_parallel).

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(9)} ${command.summary}`).join('\n')}

\`wasi-parallel <command> --help\` shows a command's options.`;

/** Runs the CLI; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`wasi-parallel: unknown command \`${name}\`\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`wasi-parallel ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    // The message says what went wrong; the stack only helps us, so it is shown on request.
    const debug = Boolean(process.env.WASI_PARALLEL_DEBUG) && !isWasiParallelError(error);
    console.error(`wasi-parallel ${name}: ${debug ? ((error as Error).stack ?? String(error)) : error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
