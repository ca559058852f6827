import { isWritable } from '../buffer-access-kind.js';
import type { BufferHandle } from '../handles.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError, toWasiParallelError } from '../errors.js';
import type { Host } from '../host.js';
import type { AbiRequest, AbiResponse } from './abi.js';

/**
 * The host side of the guest ABI: serves the requests a guest worker makes, over a `Host`.
 *
 * The prototype's buffer semantics live here. `write_buffer` makes the buffer an alias of a
 * guest region (no copy). At `parallel_exec` each aliased region's current bytes go to the
 * device, and after it the bytes of writable buffers come back to their regions, so the
 * kernel's writes are visible in guest memory on every device. A device that runs on guest
 * memory gets the guest pointers instead, and nothing is copied.
 */
export class GuestAbiServer {
  /** Buffer id → guest offset of the region it aliases. */
  readonly #aliases = new Map<number, number>();

  constructor(
    readonly host: Host,
    /** The guest's memory when it is shared (readable from this thread); undefined in copy mode. */
    readonly memory: WebAssembly.Memory | undefined,
  ) {}

  async serve(request: AbiRequest): Promise<AbiResponse> {
    try {
      return await this.#serve(request);
    } catch (error) {
      const typed = toWasiParallelError(error);
      return { code: typed.code, message: typed.message };
    }
  }

  async #serve(request: AbiRequest): Promise<AbiResponse> {
    const host = this.host;
    switch (request.op) {
      case 'get_device':
        return { code: ErrorCode.SUCCESS, value: (await host.getDevice(request.hint)).id };
      case 'create_buffer': {
        const device = host.deviceById(request.device);
        return { code: ErrorCode.SUCCESS, value: (await host.createBuffer(device, request.size, request.access as 0)).id };
      }
      case 'write_buffer': {
        const buffer = host.bufferById(request.buffer);
        if (request.len !== buffer.size) {
          throw new WasiParallelError(ErrorCode.SIZE_MISMATCH, `write_buffer of ${request.len} bytes to a buffer of ${buffer.size} bytes; the prototype ABI aliases the whole buffer, so the lengths must match`);
        }
        this.#aliases.set(buffer.id, request.ptr);
        return { code: ErrorCode.SUCCESS };
      }
      case 'read_buffer': {
        const buffer = host.bufferById(request.buffer);
        if (request.len !== buffer.size) {
          throw new WasiParallelError(ErrorCode.SIZE_MISMATCH, `read_buffer of ${request.len} bytes from a buffer of ${buffer.size} bytes; the lengths must match`);
        }
        const aliasPtr = this.#aliases.get(buffer.id);
        if (aliasPtr !== undefined) return { code: ErrorCode.SUCCESS, aliasPtr };
        return { code: ErrorCode.SUCCESS, bytes: await host.readBuffer(buffer) };
      }
      case 'parallel_exec':
        return this.#parallelExec(request);
    }
  }

  async #parallelExec(request: Extract<AbiRequest, { op: 'parallel_exec' }>): Promise<AbiResponse> {
    const host = this.host;
    const device = host.deviceById(request.device);
    const buffers = request.buffers.map((id) => host.bufferById(id));
    const aliased = buffers.filter((buffer) => this.#aliases.has(buffer.id));
    const memory = this.memory;
    const zeroCopy =
      memory !== undefined && host.backendOf(device).capabilities.runsOnGuestMemory && aliased.length === buffers.length;

    if (zeroCopy) {
      const pointers = buffers.map((buffer) => this.#aliases.get(buffer.id)!);
      await host.parallelFor(device, request.kernel, request.numIterations, request.blockSize, buffers, {
        guestMemory: { memory, pointers },
      });
      return { code: ErrorCode.SUCCESS };
    }

    const unique = [...new Set(aliased)];
    for (const buffer of unique) await host.writeBuffer(this.#regionBytes(buffer, request.regions), buffer);
    await host.parallelFor(device, request.kernel, request.numIterations, request.blockSize, buffers);
    const writes: { ptr: number; bytes: Uint8Array }[] = [];
    for (const buffer of unique) {
      if (!isWritable(buffer.access)) continue;
      const ptr = this.#aliases.get(buffer.id)!;
      const bytes = await host.readBuffer(buffer);
      if (memory) new Uint8Array(memory.buffer).set(bytes, ptr);
      else writes.push({ ptr, bytes });
    }
    return { code: ErrorCode.SUCCESS, writes };
  }

  #regionBytes(buffer: BufferHandle, regions: ReadonlyMap<number, Uint8Array> | undefined): Uint8Array {
    const ptr = this.#aliases.get(buffer.id)!;
    if (this.memory) {
      // A copy: the device must not see the guest change the region while it works.
      return new Uint8Array(this.memory.buffer).slice(ptr, ptr + buffer.size);
    }
    const bytes = regions?.get(buffer.id);
    if (!bytes) throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `no bytes arrived for the region buffer 0x${buffer.id.toString(16)} aliases`);
    return bytes;
  }
}
