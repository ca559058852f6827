import {
  DeviceKind,
  ErrorCode,
  HostBuffer,
  isWritable,
  KernelCache,
  LIMITS,
  layoutForKernel,
  WasiParallelError,
  type AdmittedKernel,
  type BufferLayout,
  type BufferAccessKind,
  type Device,
  type DispatchRequest,
  type DispatchResult,
  type DeviceReport,
} from '@wasi-parallel/core';
import { loadKernel, requireKernelFeatures } from '@wasi-parallel/kernel';
import { FPGA_SIM_CAPABILITIES, UNSYNTHESISABLE } from './capabilities.js';
import type { FpgaProfile } from './profiles/profile.js';
import { buildReport } from './report/build-report.js';
import type { FpgaCallReport } from './report/call-report.js';
import { runCall, type CallOutcome } from './simulate/run-call.js';
import { synthesize, type SynthesizedKernel } from './synthesize.js';

/**
 * The simulated FPGA: a kernel is synthesised once per hash (scheduled, priced, its
 * simulation compiled to JS), then every call runs that simulation on a fresh memory holding
 * the kernel's static data and the buffers, and answers with the call's report.
 */
export class FpgaSimDevice implements Device {
  readonly kind = DeviceKind.FPGA;
  readonly name: string;
  readonly description: Readonly<Record<string, string | number | boolean>>;
  readonly #kernels = new KernelCache<SynthesizedKernel>();

  constructor(readonly profile: FpgaProfile) {
    this.name = `fpga-sim-${profile.name}`;
    this.description = {
      profile: profile.name,
      part: profile.title,
      clockMHz: profile.clockMHz,
      computeUnits: profile.computeUnits,
      refuses: UNSYNTHESISABLE,
    };
  }

  async createBuffer(size: number, access: BufferAccessKind): Promise<HostBuffer> {
    return new HostBuffer(size, access);
  }

  /** The synthesised kernel (cached by hash), for reports and tests. */
  async synthesize(kernel: AdmittedKernel | Uint8Array, conservative = false): Promise<SynthesizedKernel> {
    const ir = await loadKernel(kernel);
    requireKernelFeatures(ir, FPGA_SIM_CAPABILITIES.features, `the FPGA device (${this.profile.name})`);
    return this.#kernels.getOrCreate(`${ir.hash}:${conservative ? 'ordered' : 'banked'}`, () => synthesize(ir, this.profile, conservative));
  }

  async parallelFor(request: DispatchRequest): Promise<DispatchResult> {
    const report = await this.run(request);
    return { cycles: report.cycles, report: report as unknown as DeviceReport };
  }

  /** One call: its report, with the buffers written back. */
  async run(request: DispatchRequest): Promise<FpgaCallReport> {
    const buffers = request.buffers as readonly HostBuffer[];
    let kernel = await this.synthesize(request.kernel);
    if (kernel.ir.bufferCount !== buffers.length) {
      throw new WasiParallelError(ErrorCode.INVALID_KERNEL, `\`kernel\` takes ${kernel.ir.bufferCount} buffers but the call passes ${buffers.length}`);
    }
    const layout = layoutForKernel(request.kernel, buffers.map((buffer) => buffer.size), request.guestPointers);
    let { outcome, memory } = this.#run(kernel, request, layout);
    if (outcome.aliased) {
      // An access left the buffer its address came from: the schedule's assumption that
      // different buffers never alias does not hold for this call; every access in order instead.
      kernel = await this.synthesize(request.kernel, true);
      ({ outcome, memory } = this.#run(kernel, request, layout));
    }
    const view = new Uint8Array(memory);
    buffers.forEach((buffer, i) => {
      if (isWritable(buffer.access)) buffer.bytes.set(view.subarray(layout.offsets[i]!, layout.offsets[i]! + buffer.size));
    });
    return buildReport(kernel, outcome, request.numIterations, request.blockSize);
  }

  #run(kernel: SynthesizedKernel, request: DispatchRequest, layout: BufferLayout): { outcome: CallOutcome; memory: ArrayBuffer } {
    const buffers = request.buffers as readonly HostBuffer[];
    const { memory: limits } = kernel.ir;
    let memory: ArrayBuffer;
    try {
      memory = new ArrayBuffer(layout.pages * LIMITS.WASM_PAGE_SIZE);
    } catch (error) {
      throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `cannot allocate ${layout.pages} pages: ${(error as Error).message}`);
    }
    const view = new Uint8Array(memory);
    for (const segment of kernel.ir.dataSegments) if (segment.offset !== undefined) view.set(segment.data, segment.offset);
    buffers.forEach((buffer, i) => view.set(buffer.bytes, layout.offsets[i]));
    const args = [0, request.numIterations, request.blockSize];
    buffers.forEach((buffer, i) => args.push(layout.offsets[i]!, buffer.size));
    const localEnd = Math.max(limits.minPages, 1) * LIMITS.WASM_PAGE_SIZE;
    const bankLow = [...layout.offsets, 0];
    const bankHigh = [...buffers.map((buffer, i) => layout.offsets[i]! + buffer.size), localEnd];
    const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : undefined;
    const outcome = runCall(kernel, { buffer: memory, args, bankLow, bankHigh }, request.numIterations, request.blockSize, timeoutMs);
    return { outcome, memory };
  }
}
