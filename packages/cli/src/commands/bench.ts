import { type CliCommand } from '../command.js';

const HELP = `Usage: wasi-parallel bench [--kernels …] [--backends …] [--size small,medium,large] [--out results.json] [--html dashboard.html]

Runs the benchmark suite of @wasi-parallel/bench on every backend, with native and gpu.js
baselines. Its own --help lists every option when that package is installed.`;

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run the benchmark suite on every backend (@wasi-parallel/bench)',
  help: HELP,
  async run(argv) {
    // By name at run time, so the CLI builds and runs without the bench package.
    const packageName = '@wasi-parallel/bench';
    let bench: { runBenchCli(argv: string[]): Promise<number> };
    try {
      bench = (await import(/* @vite-ignore */ packageName)) as typeof bench;
    } catch (error) {
      if (argv.includes('--help') || argv.includes('-h')) {
        console.log(HELP);
        return 0;
      }
      throw new Error(`the bench needs ${packageName}, which did not load: ${(error as Error).message}`);
    }
    return bench.runBenchCli([...argv]);
  },
};
