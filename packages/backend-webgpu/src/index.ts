export { WebGpuBackend, backendFactory, createWebGpuBackendFactory, WEBGPU_BACKEND_NAME, ADAPTER_ENV_VAR, type WebGpuOptions } from './webgpu-backend.js';
export { WebGpuDevice, type KernelTranslator } from './device.js';
export { webGpuCapabilities, type GpuLimits } from './capabilities.js';
export { ADAPTER_CHOICES, SWIFTSHADER_ICD, type AdapterChoice } from './adapter-source.js';
export { workgroupSize, dispatchGrid, WORKGROUP, type DispatchGrid } from './dispatch-grid.js';
export { translateKernel, translateToWgsl } from './translate-entry.js';
export { PARAM, STATUS, TrapKind, type TranslatedKernel, type TranslateOptions } from './translate/translated-kernel.js';
export { chooseAdapter, type ChosenAdapter, type AdapterSource } from './adapter-source.js';
export { adapterLabel, adapterDescription, isSoftwareAdapter } from './gpu-connection.js';
