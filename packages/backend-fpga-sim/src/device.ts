import {
  DeviceKind,
  ErrorCode,
  HostBuffer,
  isWritable,
  KernelCache,
  kernelHash,
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
import { UNSYNTHESISABLE } from './capabilities.js';
import type { FpgaProfile } from './profiles/profile.js';
import { buildReport } from './report/build-report.js';
import type { FpgaCallReport } from './report/call-report.js';
import { runCall, type CallOutcome } from './simulate/run-call.js';
import type { SynthesizedKernel } from './synthesize.js';

// Synthesis pulls in the kernel front end and binaryen (about 0.4 s to load): loaded on the
// first kernel, so importing this package (the CLI imports every backend it finds) stays cheap.
const synthesis = () => import('./synthesis-entry.js');

/**
 * The simulated FPGA: a kernel is synthesised once per hash (scheduled, priced, its
 * simulation compiled to JS), then every call runs that simulation on a fresh memory holding
 * the kernel's static data and the buffers, and answers with the call's report.
 */
export class FpgaSimDevice implements Device {
  readonly kind = DeviceKind.FPGA;
  readonly name: string;
  readonly description: Readonly<Record<string, string | number | boolean>>;
  readonly #kernels = new KernelCache<Promise<SynthesizedKernel>>();

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

  /** The synthesised kernel (cached by hash; a kernel refused is not kept), for reports and tests. */
  async synthesize(kernel: AdmittedKernel | Uint8Array, conservative = false): Promise<SynthesizedKernel> {
    const key = `${kernel instanceof Uint8Array ? kernelHash(kernel) : kernel.hash}:${conservative ? 'ordered' : 'banked'}`;
    const pending = this.#kernels.getOrCreate(key, async () => (await synthesis()).synthesizeKernel(kernel, this.profile, conservative, `the FPGA device (${this.profile.name})`));
    try {
      return await pending;
    } catch (error) {
      this.#kernels.delete(key);
      throw error;
    }
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
