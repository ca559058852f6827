import type { BackendSelection } from '../backends/backend-selection.js';
import type { BackendSource } from '../backends/backend-sources.js';
import type { BaselineName } from '../harness/baselines.js';

/** What a runner is, as plain data: enough to create it again in another process. */
export type RunnerSpec =
  | { readonly kind: 'backend'; readonly selection: BackendSelection; readonly source: BackendSource }
  | { readonly kind: 'baseline'; readonly name: BaselineName };

export function runnerSpecName(spec: RunnerSpec): string {
  return spec.kind === 'backend' ? spec.selection.label : spec.name;
}
