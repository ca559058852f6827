import { BackendPriority, DeviceKind, type Backend, type BackendFactory } from '@wasi-parallel/core';
import { FPGA_SIM_CAPABILITIES } from './capabilities.js';
import { FpgaSimDevice } from './device.js';
import { profileFromOptions, type FpgaSimOptions } from './options.js';

export const FPGA_SIM_BACKEND_NAME = 'fpga-sim';

/** An FPGA modelled in software: one device on one profile (clock, operators, budgets). */
export class FpgaSimBackend implements Backend {
  readonly name = FPGA_SIM_BACKEND_NAME;
  readonly capabilities = FPGA_SIM_CAPABILITIES;

  constructor(readonly devices: readonly [FpgaSimDevice]) {}

  async dispose(): Promise<void> {}
}

/** A factory with fixed options, e.g. `{ profile: 'zynq7020' }`. */
export function createFpgaSimBackendFactory(options: FpgaSimOptions = {}): BackendFactory {
  return {
    name: FPGA_SIM_BACKEND_NAME,
    // Software, but the only backend of its kind: `--device fpga` gets it; the emulated flag keeps
    // a guest's FPGA hint on a real CPU device first (docs/architecture.md).
    priority: BackendPriority.SOFTWARE,
    deviceKinds: [DeviceKind.FPGA],
    init: async (init) => new FpgaSimBackend([new FpgaSimDevice(profileFromOptions(init, options))]),
  };
}

export const backendFactory: BackendFactory = createFpgaSimBackendFactory();
