import type { SizeName } from '../suite/kernel-spec.js';
import type { FidelityOutcome, Measurement, SamplePlan, Variant } from './runner.js';
import type { RunnerSpec } from './runner-spec.js';

/** Parent → runner process. */
export type RunnerRequest =
  | { readonly type: 'open'; readonly spec: RunnerSpec; readonly kernels: readonly string[]; readonly sizes: readonly SizeName[] }
  | { readonly type: 'measure'; readonly kernel: string; readonly size: SizeName; readonly variant: Variant; readonly plan: SamplePlan }
  | { readonly type: 'fidelity' }
  | { readonly type: 'close' };

/** The key of a kernel at a size in `opened.variants`. */
export function caseKey(kernel: string, size: SizeName): string {
  return `${kernel}@${size}`;
}

/** Runner process → parent: one reply per request, in order. */
export type RunnerReply =
  | {
      readonly type: 'opened';
      readonly primaryVariant: Variant;
      readonly description: Readonly<Record<string, string | number | boolean>>;
      /** By `caseKey`. */
      readonly variants: Readonly<Record<string, readonly Variant[] | string>>;
      /** Whether the runner can run the conformance suite (backends). */
      readonly fidelity: boolean;
    }
  | { readonly type: 'measured'; readonly measurement: Omit<Measurement, 'outputs'> }
  | { readonly type: 'fidelity'; readonly outcome: FidelityOutcome }
  | { readonly type: 'closed' }
  | { readonly type: 'error'; readonly message: string; readonly code?: number };
