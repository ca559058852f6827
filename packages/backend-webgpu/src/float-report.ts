import type { NativeFloatFindings } from './native-float-probe.js';
import type { FloatMode } from './translate/numeric-ops.js';

/** How one device computes floats: its mode and, in native mode, what its probe measured. */
export interface FloatReport {
  readonly mode: FloatMode;
  readonly native?: NativeFloatFindings;
}

export type FloatFacts = Readonly<Record<string, string>>;

/**
 * The float facts of a device as `wasi-parallel devices` shows them and each call's
 * `DispatchResult.report` carries them: f64 is always exact soft-float; f32 is soft-float
 * (`exact`) or the GPU's, with what the probe found (`native`).
 */
export function floatFacts(report: FloatReport): FloatFacts {
  const f32: Record<string, string> = report.native
    ? {
        f32: 'GPU',
        f32Subnormals: report.native.subnormals,
        f32Division: report.native.division,
        f32Sqrt: report.native.sqrt,
        f32Contraction: report.native.contraction,
      }
    : { f32: 'soft-float, exact' };
  return Object.freeze({ float: report.mode, f64: 'soft-float, exact', ...f32 });
}
