import type { Dashboard, DashboardInput, Section } from './dashboard-model.js';
import { mergeRuns } from './merged-results.js';
import { Palette } from './palette.js';
import { bandwidthSection } from './views/bandwidth.js';
import { compareSection } from './views/compare.js';
import { deviceReportsSection } from './views/device-reports.js';
import { dispatchSection } from './views/dispatch.js';
import { fidelitySection } from './views/fidelity.js';
import { kernelTimesSection } from './views/kernel-times.js';
import { overviewSection } from './views/overview.js';
import { emulationWarning, provenanceSection } from './views/provenance.js';
import { scalingSection } from './views/scaling.js';

/** Every view of the page, in reading order, from results already loaded. */
export function buildDashboard(input: DashboardInput): Dashboard {
  if (input.runs.length === 0) throw new RangeError('the dashboard needs at least one results file');
  const merged = mergeRuns(input.runs);
  const before = input.before && input.before.length > 0 ? mergeRuns(input.before) : undefined;
  // Backends first, so they get the first colours; a runner keeps its colour on every chart.
  const palette = new Palette([...merged.runners, ...(before?.runners ?? [])].sort((a, b) => (a.role === b.role ? 0 : a.role === 'backend' ? -1 : 1)));
  const machines = new Set(input.runs.map((run) => `${run.results.machine.cpuModel} × ${run.results.machine.cores}`));
  const warnings = [
    ...merged.runners.filter((runner) => runner.emulated).map(emulationWarning),
    ...(machines.size > 1 ? [`These results come from ${machines.size} different machines (${[...machines].join('; ')}): compare their rows through ratios only.`] : []),
  ];
  const sections: Section[] = [
    overviewSection(merged),
    kernelTimesSection(merged, palette),
    scalingSection(merged, palette),
    dispatchSection(merged),
    bandwidthSection(merged),
    fidelitySection(merged),
    deviceReportsSection(merged),
    ...(before ? [compareSection(before, merged)] : []),
    provenanceSection(merged, before),
  ];
  const names = input.runs.map((run) => run.name).join(', ');
  return { title: `wasi-parallel bench — ${names}`, warnings, sections };
}
