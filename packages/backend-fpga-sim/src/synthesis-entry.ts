import type { AdmittedKernel } from '@wasi-parallel/core';
import { loadKernel, requireKernelFeatures } from '@wasi-parallel/kernel';
import { FPGA_SIM_CAPABILITIES } from './capabilities.js';
import type { FpgaProfile } from './profiles/profile.js';
import { synthesize, type SynthesizedKernel } from './synthesize.js';

/** The kernel front end's IR, checked against the device's features, synthesised for a profile. */
export async function synthesizeKernel(kernel: AdmittedKernel | Uint8Array, profile: FpgaProfile, conservative: boolean, device: string): Promise<SynthesizedKernel> {
  const ir = await loadKernel(kernel);
  requireKernelFeatures(ir, FPGA_SIM_CAPABILITIES.features, device);
  return synthesize(ir, profile, conservative);
}
