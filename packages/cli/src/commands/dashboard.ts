import { type CliCommand } from '../command.js';
import { importBench } from './bench.js';

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
    const bench = await importBench<BenchDashboard>('the dashboard', HELP, argv);
    return bench ? bench.runDashboardCli([...argv], { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }) : 0;
  },
};
