import { discover } from '../backend-flags.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';

const HELP = `Usage: wasi-parallel bench [--kernels …] [--backends …] [--size small,medium,large] [--out results.json] [--html dashboard.html]

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

const BENCH_PACKAGE = '@wasi-parallel/bench';

/**
 * The bench package, imported by name at run time so the other commands work without it; when
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
    throw new UsageError(`${command} needs ${BENCH_PACKAGE} (npm install ${BENCH_PACKAGE}), which did not load: ${(error as Error).message.split('\n')[0]}`);
  }
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'run the benchmark suite on every backend (@wasi-parallel/bench)',
  help: HELP,
  async run(argv) {
    const bench = await importBench<BenchPackage>('the bench', HELP, argv);
    if (!bench) return 0;
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
