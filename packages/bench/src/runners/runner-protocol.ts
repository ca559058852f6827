import type { SizeName } from '../suite/kernel-spec.js';
import type { Measurement, SamplePlan, Variant } from './runner.js';
import type { RunnerSpec } from './runner-spec.js';

/** Parent → runner process. */
export type RunnerRequest =
  | { readonly type: 'open'; readonly spec: RunnerSpec; readonly kernels: readonly string[]; readonly size: SizeName }
  | { readonly type: 'measure'; readonly kernel: string; readonly variant: Variant; readonly plan: SamplePlan }
  | { readonly type: 'close' };

/** Runner process → parent: one reply per request, in order. */
export type RunnerReply =
  | {
      readonly type: 'opened';
      readonly primaryVariant: Variant;
      readonly description: Readonly<Record<string, string | number | boolean>>;
      readonly variants: Readonly<Record<string, readonly Variant[] | string>>;
    }
  | { readonly type: 'measured'; readonly measurement: Omit<Measurement, 'outputs'> }
  | { readonly type: 'closed' }
  | { readonly type: 'error'; readonly message: string; readonly code?: number };
