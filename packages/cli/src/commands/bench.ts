import { type CliCommand } from '../command.js';

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run the benchmark suite on every backend (@wasi-parallel/bench)',
  help: 'Usage: wasi-parallel bench [--kernels …] [--backends …] [--size small|medium|large] [--out results.json]\n\nSee `wasi-parallel bench --help` for every option (it is the bench package\'s own).',
  async run(argv) {
    // By name at run time, so the CLI builds and runs without the bench package.
    const packageName = '@wasi-parallel/bench';
    const bench = (await import(/* @vite-ignore */ packageName)) as { runBenchCli(argv: string[]): Promise<number> };
    return bench.runBenchCli([...argv]);
  },
};
