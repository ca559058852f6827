export { backendFactory, createFpgaSimBackendFactory, FpgaSimBackend, FPGA_SIM_BACKEND_NAME } from './fpga-sim-backend.js';
export { FpgaSimDevice } from './device.js';
export { FPGA_SIM_CAPABILITIES } from './capabilities.js';
export type { FpgaSimOptions } from './options.js';
export { FPGA_PROFILES, DEFAULT_PROFILE, PROFILE_ENV_VAR, resolveProfile, checkProfile, type FpgaProfile, type FpgaResources, type OperatorClass, type OperatorCost } from './profiles/profile.js';
export type { FpgaCallReport, FpgaLoopReport } from './report/call-report.js';
export type { IIBound } from './synth/schedule-region.js';
export { formatFpgaReport } from './report/format-report.js';
