import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { ShaderStage } from './gpu-constants.js';

/**
 * A compute pipeline for a generated shader: entry point `main`, `override WORKGROUP_SIZE`,
 * bindings 0 (memory), 1 (params, read-only) and 2 (status), all storage buffers.
 */
export async function createPipeline(device: GPUDevice, wgsl: string, size: number): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code: wgsl });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((message) => message.type === 'error');
  if (errors.length > 0) {
    // The translator emitted WGSL this device rejects: a translator bug or a device limit.
    const text = errors.map((message) => `${message.lineNum}:${message.linePos} ${message.message}`).join('; ');
    throw new WasiParallelError(ErrorCode.UNSUPPORTED_KERNEL_FEATURE, `the device rejected the generated WGSL: ${text}`);
  }
  // An explicit layout: 'auto' would drop the memory binding of a kernel that never touches memory.
  const bindGroupLayout = device.createBindGroupLayout({
    entries: [
      { binding: 0, visibility: ShaderStage.COMPUTE, buffer: { type: 'storage' } },
      { binding: 1, visibility: ShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
      { binding: 2, visibility: ShaderStage.COMPUTE, buffer: { type: 'storage' } },
    ],
  });
  const layout = device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] });
  return device.createComputePipelineAsync({ layout, compute: { module, entryPoint: 'main', constants: { WORKGROUP_SIZE: size } } });
}
