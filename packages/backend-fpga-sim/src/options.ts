import { rejectUnknownBackendOptions, type BackendInitOptions } from '@wasi-parallel/core';
import { PROFILE_ENV_VAR, resolveProfile, type FpgaProfile } from './profiles/profile.js';

export interface FpgaSimOptions {
  /** A shipped profile's name (`u280`, `zynq7020`) or a profile object; default WASI_PARALLEL_FPGA_PROFILE, else `u280`. */
  readonly profile?: string | FpgaProfile;
}

declare module '@wasi-parallel/core' {
  interface BackendOptionMap {
    'fpga-sim': FpgaSimOptions;
  }
}

const OPTION_KEYS: readonly (keyof FpgaSimOptions)[] = ['profile'];

/**
 * The profile a backend init asks for: its options (`--backend-option fpga-sim.profile=zynq7020`),
 * the factory's own, the env var, the default. An unknown option or profile is INVALID_ARGUMENT.
 */
export function profileFromOptions(init: BackendInitOptions, base: FpgaSimOptions): FpgaProfile {
  const options = init.options ?? {};
  rejectUnknownBackendOptions('fpga-sim', options, OPTION_KEYS);
  const given = (options.profile ?? base.profile) as string | FpgaProfile | undefined;
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env?.[PROFILE_ENV_VAR];
  return resolveProfile(given ?? (env || undefined));
}
