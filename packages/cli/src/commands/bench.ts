import { discover } from '../backend-flags.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';

const HELP = `Usage: wasi-parallel bench [--kernels …] [--backends …] [--size small|medium|large] [--out results.json]

Runs the benchmark suite of @wasi-parallel/bench on every backend the CLI finds (the same
discovery as \`devices\`: --backend-package, WASI_PARALLEL_BACKENDS, wasi-parallel.config.json,
installed packages), with native, wasm and gpu.js baselines. Its --help lists every option.`;

interface BenchPackage {
  runBenchCli(
    argv: readonly string[],
    io: undefined,
    backends: { sources: readonly { name: string; module?: string }[]; unavailable: readonly { name: string; reason: string }[] },
  ): Promise<number>;
}

/** `--backend-package` is the CLI's; everything else is the bench's own argv. */
function splitPackages(argv: readonly string[]): { packages: string[]; rest: string[] } {
  const packages: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--backend-package') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) throw new UsageError('--backend-package needs a package name or path');
      packages.push(value);
    } else if (token.startsWith('--backend-package=')) packages.push(token.slice('--backend-package='.length));
    else rest.push(token);
  }
  return { packages, rest };
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run the benchmark suite on every backend (@wasi-parallel/bench)',
  help: HELP,
  async run(argv) {
    // By name at run time, so the other commands work without the bench installed.
    const packageName = '@wasi-parallel/bench';
    let bench: BenchPackage;
    try {
      bench = (await import(/* @vite-ignore */ packageName)) as BenchPackage;
    } catch (error) {
      if (argv.includes('--help') || argv.includes('-h')) {
        console.log(HELP);
        return 0;
      }
      throw new UsageError(`the bench needs ${packageName} (npm install ${packageName}), which did not load: ${(error as Error).message.split('\n')[0]}`);
    }
    const { packages, rest } = splitPackages(argv);
    const discovery = await discover(packages);
    const sources = discovery.registry.factories().map((factory) => {
      const module = discovery.packages.find((entry) => entry.backend === factory.name)?.url;
      return module ? { name: factory.name, module } : { name: factory.name };
    });
    const unavailable = discovery.packages.flatMap((entry) => (entry.error ? [{ name: entry.request, reason: entry.error }] : []));
    return bench.runBenchCli(rest, undefined, { sources, unavailable });
  },
};
