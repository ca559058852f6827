import { discoverBackends } from '../backends/discover-backends.js';
import { createBaseline } from '../harness/baselines.js';
import { HostRunner } from './host-runner.js';
import type { BenchRunner } from './runner.js';
import type { RunnerSpec } from './runner-spec.js';

/** The in-process runner a spec names; rejects with the reason when its backend is not registered. */
export async function createRunner(spec: RunnerSpec): Promise<BenchRunner> {
  if (spec.kind === 'baseline') return createBaseline(spec.name);
  const discovered = await discoverBackends();
  const factory = discovered.factories.find((candidate) => candidate.name === spec.selection.backend);
  if (!factory) {
    const known = discovered.factories.map((candidate) => candidate.name).join(', ');
    const missing = discovered.unavailable.map((entry) => `${entry.name}: ${entry.reason}`).join('; ');
    throw new Error(`no backend named \`${spec.selection.backend}\` is registered (have: ${known}${missing ? `; not loaded: ${missing}` : ''})`);
  }
  return new HostRunner(spec.selection.label, factory, spec.selection.options);
}
