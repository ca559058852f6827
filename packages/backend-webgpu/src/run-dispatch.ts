import { ErrorCode, WasiParallelError, type BufferLayout, type DispatchRequest, type KernelCache } from '@wasi-parallel/core';
import { dispatchGrid, workgroupSize } from './dispatch-grid.js';
import type { GpuConnection } from './gpu-connection.js';
import { BufferUsage, MapMode } from './gpu-constants.js';
import { createPipeline } from './gpu-pipeline.js';
import { PARAM, STATUS, TRAP_MESSAGES, TrapKind, type TranslatedKernel } from './translate/translated-kernel.js';

export interface DispatchJob {
  readonly connection: GpuConnection;
  readonly pipelines: KernelCache<Promise<GPUComputePipeline>>;
  readonly pipelineKey: string;
  readonly translated: TranslatedKernel;
  readonly request: DispatchRequest;
  readonly layout: BufferLayout;
  readonly memoryBytes: number;
  readonly sources: readonly Uint8Array[];
  readonly writable: readonly boolean[];
  /** Loop iterations per millisecond of `request.timeoutMs` each invocation may run (see `loopBudget`). */
  readonly loopTicksPerMs: number;
}

/**
 * The call ran past its time limit with the dispatch still on the GPU. WebGPU cannot stop a
 * dispatch: the device that runs it is abandoned (see WebGpuDevice), and the loop budget ends
 * the dispatch by itself.
 */
export class DispatchTimeout extends Error {}

/**
 * The default loop iterations per millisecond of the call's timeout that an invocation may run
 * (its loop budget). Above what one GPU thread runs of even an empty loop (a few 10^7 per
 * second), so a kernel that would finish within its time limit never runs out of budget; a
 * runaway one stops within a small multiple of the limit even when the host gave up on it.
 */
export const LOOP_TICKS_PER_MS = 100_000;

/** Each invocation's loop budget for a call: the largest a u32 holds when there is no time limit (0). */
export function loopBudget(timeoutMs: number, ticksPerMs: number): number {
  if (timeoutMs === 0) return 0xffff_ffff;
  return Math.max(1, Math.min(0xffff_ffff, Math.round(timeoutMs * ticksPerMs)));
}

/** `work`, unless it is still pending after `ms` (then DispatchTimeout); 0 = no limit. */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  if (ms === 0) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DispatchTimeout(`the dispatch was still running after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function alignUp4(value: number): number {
  return (value + 3) & ~3;
}

/**
 * Writes the kernel's initial memory: static data from the data segments (below the buffers),
 * then each buffer at its layout offset, straight from its bytes. The rest of a new GPU buffer
 * is zero. `writeBuffer` wants multiples of 4: a buffer's last partial word goes separately,
 * padded with zeros that land in the alignment gap after it.
 */
function uploadMemory(queue: GPUQueue, memory: GPUBuffer, job: DispatchJob): void {
  const segmentsEnd = Math.max(0, ...job.translated.dataSegments.map((segment) => segment.offset + segment.bytes.length));
  if (segmentsEnd > 0) {
    const image = new Uint8Array(alignUp4(segmentsEnd));
    for (const segment of job.translated.dataSegments) image.set(segment.bytes, segment.offset);
    queue.writeBuffer(memory, 0, image);
  }
  job.sources.forEach((bytes, i) => {
    const offset = job.layout.offsets[i]!;
    const whole = bytes.length & ~3;
    if (whole > 0) queue.writeBuffer(memory, offset, bytes.buffer as ArrayBuffer, bytes.byteOffset, whole);
    if (whole < bytes.length) {
      const tail = new Uint8Array(4);
      tail.set(bytes.subarray(whole));
      queue.writeBuffer(memory, offset + whole, tail);
    }
  });
}

/**
 * One call on the GPU: upload the memory image, dispatch, read the status and the writable
 * buffers' span back in the same submission. Returns each writable buffer's new bytes, or
 * throws KERNEL_TRAP (nothing is copied back then, as on the sequential device).
 */
export async function runDispatch(job: DispatchJob): Promise<(Uint8Array | undefined)[]> {
  const { device, limits } = job.connection;
  const { request, layout } = job;
  const size = workgroupSize(request.blockSize, limits);
  const pipeline = await job.pipelines.getOrCreate(`${job.pipelineKey}:${size}`, () => createPipeline(device, job.translated.wgsl, size));
  const grid = dispatchGrid(request.numIterations, size, limits)!;

  const owned: GPUBuffer[] = [];
  const make = (bytes: number, usage: number): GPUBuffer => {
    const buffer = device.createBuffer({ size: Math.max(4, alignUp4(bytes)), usage });
    owned.push(buffer);
    return buffer;
  };
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  try {
    const memory = make(job.memoryBytes, BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC);
    uploadMemory(device.queue, memory, job);

    const params = new Uint32Array(PARAM.BUFFERS + 2 * job.sources.length);
    params[PARAM.NUM_ITERATIONS] = request.numIterations;
    params[PARAM.BLOCK_SIZE] = request.blockSize;
    params[PARAM.MEMORY_BYTES] = job.memoryBytes;
    params[PARAM.MEMORY_PAGES] = job.memoryBytes / 65_536;
    params[PARAM.LOOP_BUDGET] = loopBudget(request.timeoutMs, job.loopTicksPerMs);
    job.sources.forEach((bytes, i) => {
      params[PARAM.BUFFERS + 2 * i] = layout.offsets[i]!;
      params[PARAM.BUFFERS + 2 * i + 1] = bytes.length;
    });
    const paramBuffer = make(params.byteLength, BufferUsage.STORAGE | BufferUsage.COPY_DST);
    device.queue.writeBuffer(paramBuffer, 0, params);

    const status = new Uint32Array(STATUS.WORDS);
    status[STATUS.ITERATION] = 0xffff_ffff;
    const statusBuffer = make(status.byteLength, BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC);
    device.queue.writeBuffer(statusBuffer, 0, status);
    const statusRead = make(status.byteLength, BufferUsage.MAP_READ | BufferUsage.COPY_DST);

    // One readback of the span from the first to the end of the last writable buffer.
    const spans = job.sources.map((bytes, i) => (job.writable[i] ? [layout.offsets[i]!, layout.offsets[i]! + bytes.length] : undefined));
    const written = spans.filter((span): span is number[] => span !== undefined);
    const from = written.length ? Math.min(...written.map((span) => span[0]!)) & ~3 : 0;
    const to = written.length ? alignUp4(Math.max(...written.map((span) => span[1]!))) : 0;
    const memoryRead = to > from ? make(to - from, BufferUsage.MAP_READ | BufferUsage.COPY_DST) : undefined;

    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: memory } },
        { binding: 1, resource: { buffer: paramBuffer } },
        { binding: 2, resource: { buffer: statusBuffer } },
      ],
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(grid.x, grid.y, grid.z);
    pass.end();
    encoder.copyBufferToBuffer(statusBuffer, 0, statusRead, 0, status.byteLength);
    if (memoryRead) encoder.copyBufferToBuffer(memory, from, memoryRead, 0, to - from);
    device.queue.submit([encoder.finish()]);

    // Everything is in flight at once: the scopes, the status and the written span, under the
    // call's time limit (a map that fails is reported after the scopes, which say why).
    const scopes = Promise.all([device.popErrorScope(), device.popErrorScope()]);
    const mapped = Promise.all([statusRead.mapAsync(MapMode.READ), memoryRead?.mapAsync(MapMode.READ)]).then(
      () => undefined,
      (error: unknown) => error,
    );
    const [[validation, outOfMemory], mapError] = await within(Promise.all([scopes, mapped]), request.timeoutMs);
    if (outOfMemory) throw new WasiParallelError(ErrorCode.OUT_OF_MEMORY, `the GPU is out of memory: ${outOfMemory.message}`);
    if (validation) throw new WasiParallelError(ErrorCode.DEVICE_LOST, `WebGPU rejected the dispatch: ${validation.message}`);
    if (mapError !== undefined) throw mapError;

    const [trap, iteration] = new Uint32Array(statusRead.getMappedRange().slice(0));
    if (trap) {
      const timeout = trap === TrapKind.TIMEOUT || trap === TrapKind.LOOP_CUT;
      throw new WasiParallelError(
        timeout ? ErrorCode.TIMEOUT : ErrorCode.KERNEL_TRAP,
        `iteration ${iteration} ${timeout ? 'was ended' : 'trapped'}: ${TRAP_MESSAGES[trap!] ?? `trap ${trap}`}`,
        iteration === 0xffff_ffff ? {} : { iteration: iteration! },
      );
    }
    if (!memoryRead) return spans.map(() => undefined);
    const back = new Uint8Array(memoryRead.getMappedRange().slice(0));
    return spans.map((span) => (span ? back.slice(span[0]! - from, span[1]! - from) : undefined));
  } finally {
    for (const buffer of owned) buffer.destroy();
  }
}
