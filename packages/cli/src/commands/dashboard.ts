import { type CliCommand } from '../command.js';

const HELP = `Usage: wasi-parallel dashboard RESULTS.json [MORE.json …] -o dashboard.html [--before EARLIER.json …]

Writes one self-contained HTML page from bench results files (\`wasi-parallel bench --out\`), made
by @wasi-parallel/bench. Its own --help lists every option when that package is installed.`;

interface BenchDashboard {
  runDashboardCli(argv: string[], io: { stdout: (text: string) => void; stderr: (text: string) => void }): Promise<number>;
}

export const dashboardCommand: CliCommand = {
  name: 'dashboard',
  summary: 'write the bench dashboard page from results files (@wasi-parallel/bench)',
  help: HELP,
  async run(argv) {
    // By name at run time, as `bench` does: the CLI builds and runs without the bench package.
    const packageName = '@wasi-parallel/bench';
    let bench: BenchDashboard;
    try {
      bench = (await import(/* @vite-ignore */ packageName)) as BenchDashboard;
    } catch (error) {
      if (argv.includes('--help') || argv.includes('-h')) {
        console.log(HELP);
        return 0;
      }
      throw new Error(`the dashboard needs ${packageName}, which did not load: ${(error as Error).message}`);
    }
    return bench.runDashboardCli([...argv], { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
  },
};
