import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { costOf } from '../synth/op-classes.js';
import type { SynthesizedKernel } from '../synthesize.js';
import { verilogDatapath, type VerilogDatapath } from './verilog-datapath.js';

/** Verilog for a synthesised kernel whose body is one II-1 pipeline of i32 operations. */
export function kernelVerilog(kernel: SynthesizedKernel, module = 'kernel_datapath'): VerilogDatapath {
  const pipeline = kernel.kernelPipeline;
  if (!pipeline) throw new WasiParallelError(ErrorCode.UNSUPPORTED_KERNEL_FEATURE, `the kernel body is not one pipeline (${kernel.kernelNotPipelined})`);
  return verilogDatapath(pipeline, module, (node) => costOf(node, kernel.profile).latency);
}
