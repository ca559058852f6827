import type { BackendInitOptions } from '@wasi-parallel/core';
import { PROFILE_ENV_VAR, resolveProfile, type FpgaProfile } from './profiles/profile.js';

export interface FpgaSimOptions {
  /** A shipped profile's name (`u280`, `zynq7020`) or a profile object; default WASI_PARALLEL_FPGA_PROFILE, else `u280`. */
  readonly profile?: string | FpgaProfile;
}

/** The profile a backend init asks for: its options (`--backend-option fpga-sim.profile=zynq7020`), the env var, the default. */
export function profileFromOptions(init: BackendInitOptions, base: FpgaSimOptions): FpgaProfile {
  const given = (init.options?.profile ?? base.profile) as string | FpgaProfile | undefined;
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env?.[PROFILE_ENV_VAR];
  return resolveProfile(given ?? (env || undefined));
}
