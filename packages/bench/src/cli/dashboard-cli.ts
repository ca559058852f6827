import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isWasiParallelError } from '@wasi-parallel/core';
import { loadResultsFile } from '../dashboard/load-results.js';
import { renderDashboard } from '../dashboard/render-dashboard.js';
import type { BenchCliIo } from './bench-cli.js';

export const DASHBOARD_USAGE = `Usage: wasi-parallel dashboard RESULTS.json [MORE.json …] -o dashboard.html [--before EARLIER.json …]

Writes one self-contained HTML page (scripts and data inline; opens from disk, no network) from
bench results files (\`wasi-parallel bench --out\`, schema version 1 or 2): time per kernel and
backend with the ratio to native OpenMP, scaling across sizes, dispatch overhead, memory
bandwidth, the conformance fidelity matrix, device reports, machine and versions.

  RESULTS.json …       merged into one view: several sizes, backends or machines add up
  -o, --out FILE       where to write the page (required)
  --before FILE        earlier results to compare with, row by row (repeatable): the change
                       in % and whether it is beyond the noise of the two runs
  -h, --help           this text

Exit code: 0 when the page was written, 1 when a file could not be read or merged, 2 on bad usage.`;

/** `wasi-parallel dashboard …` (the CLI delegates here). Resolves to the exit code. */
export async function runDashboardCli(argv: readonly string[], io: BenchCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, before: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}; see --help\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${DASHBOARD_USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0 || !values.out) {
    io.stderr(`dashboard needs at least one results file and -o FILE; see --help\n`);
    return 2;
  }
  try {
    const runs = await Promise.all(positionals.map(loadResultsFile));
    const before = await Promise.all((values.before ?? []).map(loadResultsFile));
    await writeFile(values.out, await renderDashboard({ runs, before }));
  } catch (error) {
    if (!isWasiParallelError(error) && !(error instanceof RangeError)) throw error;
    io.stderr(`${error.message}\n`);
    return 1;
  }
  io.stderr(`dashboard: written to ${values.out}\n`);
  return 0;
}
