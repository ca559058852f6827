import { loadBackendFactory } from '../backends/backend-sources.js';
import { createBaseline } from '../harness/baselines.js';
import { HostRunner } from './host-runner.js';
import type { BenchRunner } from './runner.js';
import type { RunnerSpec } from './runner-spec.js';

/** The in-process runner a spec names; rejects with the reason when its backend does not load. */
export async function createRunner(spec: RunnerSpec): Promise<BenchRunner> {
  if (spec.kind === 'baseline') return createBaseline(spec.name);
  return new HostRunner(spec.selection.label, await loadBackendFactory(spec.source), spec.selection.options);
}
