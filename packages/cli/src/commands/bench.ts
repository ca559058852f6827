import { type CliCommand } from '../command.js';

const HELP = `Usage: wasi-parallel bench [--kernels …] [--backends …] [--size small,medium,large] [--out results.json] [--html dashboard.html]

Runs the benchmark suite of @wasi-parallel/bench on every backend, with native and gpu.js
baselines. Its own --help lists every option when that package is installed.`;

const BENCH_PACKAGE = '@wasi-parallel/bench';

/**
 * The bench package, imported by name at run time so the CLI builds and runs without it; when
 * it is missing, `--help` still answers with the command's own `help` (undefined is returned).
 */
export async function importBench<T>(command: string, help: string, argv: readonly string[]): Promise<T | undefined> {
  try {
    return (await import(/* @vite-ignore */ BENCH_PACKAGE)) as T;
  } catch (error) {
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(help);
      return undefined;
    }
    throw new Error(`${command} needs ${BENCH_PACKAGE}, which did not load: ${(error as Error).message}`);
  }
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run the benchmark suite on every backend (@wasi-parallel/bench)',
  help: HELP,
  async run(argv) {
    const bench = await importBench<{ runBenchCli(argv: string[]): Promise<number> }>('the bench', HELP, argv);
    return bench ? bench.runBenchCli([...argv]) : 0;
  },
};
