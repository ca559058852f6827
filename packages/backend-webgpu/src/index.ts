// The published declarations use the WebGPU types (GPUAdapter, GPUDevice, …) as globals: this
// directive, kept in dist/index.d.ts, brings @webgpu/types (a dependency) into a consumer's program.
/// <reference types="@webgpu/types" preserve="true" />
export { WebGpuBackend, backendFactory, createWebGpuBackendFactory, WEBGPU_BACKEND_NAME, ADAPTER_ENV_VAR, FLOAT_MODES, type WebGpuOptions } from './webgpu-backend.js';
export { LOOP_TICKS_PER_MS } from './run-dispatch.js';
export type { FloatReport } from './float-report.js';
export type { NativeFloatFindings } from './native-float-probe.js';
export type { FloatMode } from './translate/numeric-ops.js';
export { WebGpuDevice, type KernelTranslator } from './device.js';
export { webGpuCapabilities, type GpuLimits, type WebGpuCapabilities } from './capabilities.js';
export { ADAPTER_CHOICES, SWIFTSHADER_ICD, type AdapterChoice } from './adapter-source.js';
export { workgroupSize, dispatchGrid, WORKGROUP, type DispatchGrid } from './dispatch-grid.js';
export { translateKernel, translateToWgsl } from './translate-entry.js';
export { PARAM, STATUS, TrapKind, type TranslatedKernel, type TranslateOptions } from './translate/translated-kernel.js';
export { chooseAdapter, type ChosenAdapter, type AdapterSource } from './adapter-source.js';
export { adapterLabel, adapterDescription, isSoftwareAdapter } from './gpu-connection.js';
