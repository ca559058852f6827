import type { KernelFeatures } from '../contracts/capabilities.js';
import type { KernelFeatureUse, KernelFeatureUses } from '../contracts/kernel.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';
import { FEATURE_NAMES } from './feature-ops.js';

/** The order flags are checked in, so every backend names the same first missing feature. */
const FLAGS = Object.keys(FEATURE_NAMES) as (keyof KernelFeatures)[];

/** Where a kernel uses something, as messages print it: what, in which function, at which byte. */
export interface UseSite {
  readonly what: string;
  readonly function: string;
  /** e.g. `byte 0x1f4`, or an IR position for the front end's own facts. */
  readonly at: string;
}

export function siteOf(use: KernelFeatureUse): UseSite {
  return { what: use.what, function: use.function, at: `byte 0x${use.offset.toString(16)}` };
}

/**
 * The one refusal for "this device cannot run this kernel": what the kernel uses, where, and
 * which device lacks it. The host's gate and the translators' own checks raise it alike.
 */
export function unsupportedFeatureError(flag: keyof KernelFeatures, site: UseSite, device: string): WasiParallelError {
  return new WasiParallelError(
    ErrorCode.UNSUPPORTED_KERNEL_FEATURE,
    `the kernel uses ${FEATURE_NAMES[flag]} (${site.what} in \`${site.function}\` at ${site.at}), which ${device} does not support`,
    { location: `${site.function} at ${site.at}` },
  );
}

/**
 * The feature gate: the first feature the kernel uses that `features` (a backend's
 * capabilities record) lacks. The host runs it before every dispatch, so capabilities are
 * enforced, not only described. Throws UNSUPPORTED_KERNEL_FEATURE.
 */
export function gateKernelFeatures(uses: KernelFeatureUses, features: KernelFeatures, device: string): void {
  for (const flag of FLAGS) {
    const use = uses[flag];
    if (use && !features[flag]) throw unsupportedFeatureError(flag, siteOf(use), device);
  }
}
