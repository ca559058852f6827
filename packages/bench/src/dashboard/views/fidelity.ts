import type { FidelityCase } from '../../results/bench-results.js';
import type { BarSeries } from '../chart-spec.js';
import type { Block, Cell, Section } from '../dashboard-model.js';
import type { MergedResults } from '../merged-results.js';

const STATUS_COLORS: Readonly<Record<FidelityCase['status'], string>> = { pass: '#009E73', skip: '#b0b0b0', fail: '#D55E00' };

function caseCell(result: FidelityCase | undefined): Cell {
  if (!result) return { text: '', title: 'not run' };
  const ulp = result.ulp !== undefined ? ` · ${result.ulp} ulp` : '';
  return { text: `${result.status}${ulp}`, tone: result.status, ...(result.reason ? { title: result.reason } : {}) };
}

/**
 * The conformance suite on every backend of the run: a case × backend matrix of pass, skip
 * (a capability the backend lacks) and fail, with the units in the last place where a case
 * measured them; the reason is the cell's tooltip. Above it, the counts per backend.
 */
export function fidelitySection(merged: MergedResults): Section {
  const runs = merged.fidelity;
  const intro =
    'Conformance case × backend, every result compared byte for byte with core’s sequential reference device. ' +
    'A skip is a capability the backend lacks (its capabilities record says so); hover a cell for the reason.';
  if (runs.length === 0) {
    return { id: 'fidelity', title: 'Fidelity', intro, blocks: [{ kind: 'note', tone: 'info', text: 'These results hold no conformance run: add `--conformance` to the bench.' }] };
  }
  const caseIds = [...new Set(runs.flatMap((run) => run.cases.map((result) => result.id)))];
  const blocks: Block[] = [];
  for (const run of runs.filter((candidate) => !candidate.available)) {
    blocks.push({ kind: 'note', tone: 'warning', text: `The suite could not run on ${run.runner}: ${run.reason ?? 'unknown'}` });
  }
  const ran = runs.filter((run) => run.available);
  const statuses: FidelityCase['status'][] = ['pass', 'skip', 'fail'];
  const series = statuses.map(
    (status): BarSeries => ({
      label: status,
      values: ran.map((run) => run.cases.filter((result) => result.status === status).length),
      colors: STATUS_COLORS[status],
    }),
  );
  blocks.push({
    kind: 'chart',
    spec: { type: 'bar', id: 'fidelity-counts', title: 'conformance cases per backend', unit: 'count', log: false, stacked: true, categories: ran.map((run) => run.runner), series },
    heightPx: 100 + 36 * ran.length,
  });
  // The cases that tell backends apart come first; the ones every backend passes fold away.
  const header = ['case', ...ran.map((run) => run.runner)];
  const row = (id: string) => [id, ...ran.map((run) => caseCell(run.cases.find((result) => result.id === id)))];
  const passEverywhere = (id: string) => ran.every((run) => run.cases.find((result) => result.id === id)?.status === 'pass');
  const differing = caseIds.filter((id) => !passEverywhere(id));
  const uniform = caseIds.filter(passEverywhere);
  if (differing.length > 0) blocks.push({ kind: 'table', id: 'fidelity-matrix', header, rows: differing.map(row) });
  const failures = ran.flatMap((run) => run.cases.filter((result) => result.status === 'fail').map((result) => [run.runner, result.id, result.reason ?? '']));
  if (failures.length > 0) blocks.push({ kind: 'table', id: 'fidelity-failures', caption: 'Why each failing case failed', header: ['backend', 'case', 'first difference or error'], rows: failures });
  if (uniform.length > 0) {
    blocks.push({
      kind: 'details',
      summary: `${uniform.length} case(s) pass on every backend${differing.length === 0 ? '' : ' (not listed above)'}`,
      blocks: [{ kind: 'table', id: 'fidelity-matrix-passing', header, rows: uniform.map(row) }],
    });
  }
  return { id: 'fidelity', title: 'Fidelity', intro, blocks };
}
