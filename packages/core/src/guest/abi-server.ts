import { isWritable } from '../buffer-access-kind.js';
import type { BufferHandle, DeviceHandle } from '../handles.js';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError, toWasiParallelError } from '../errors.js';
import type { Host } from '../host.js';
import type { AbiRequest, AbiResponse } from './abi.js';

function notOwned(what: string, id: number): WasiParallelError {
  return new WasiParallelError(
    ErrorCode.INVALID_HANDLE,
    `0x${(id >>> 0).toString(16)} is not a ${what} handle this guest holds (never issued to it, or freed)`,
  );
}

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
  /**
   * The handles this guest was given, by the id it holds. Ids are resolved here and nowhere
   * else, so a guest sharing a host with others reaches only what it created: another guest's
   * id is INVALID_HANDLE whatever its value.
   */
  readonly #devices = new Map<number, DeviceHandle>();
  readonly #buffers = new Map<number, BufferHandle>();
  #closed = false;

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
      // The code travels as the return value; the message says the rest, once.
      return { code: typed.code, message: typed.reason };
    }
  }

  async #serve(request: AbiRequest): Promise<AbiResponse> {
    const host = this.host;
    if (this.#closed) throw new WasiParallelError(ErrorCode.DEVICE_LOST, 'the guest has ended');
    switch (request.op) {
      case 'get_device': {
        const device = await host.getDevice(request.hint);
        this.#devices.set(device.id, device);
        return { code: ErrorCode.SUCCESS, value: device.id };
      }
      case 'create_buffer': {
        const device = this.#device(request.device);
        const buffer = await host.createBuffer(device, request.size, request.access as 0);
        this.#buffers.set(buffer.id, buffer);
        return { code: ErrorCode.SUCCESS, value: buffer.id };
      }
      case 'write_buffer': {
        const buffer = this.#buffer(request.buffer);
        if (request.len !== buffer.size) {
          throw new WasiParallelError(ErrorCode.SIZE_MISMATCH, `write_buffer of ${request.len} bytes to a buffer of ${buffer.size} bytes; the prototype ABI aliases the whole buffer, so the lengths must match`);
        }
        this.#aliases.set(buffer.id, request.ptr);
        return { code: ErrorCode.SUCCESS };
      }
      case 'read_buffer': {
        const buffer = this.#buffer(request.buffer);
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
    const device = this.#device(request.device);
    const buffers = request.buffers.map((id) => this.#buffer(id));
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
    const guestPointers = aliased.length === buffers.length ? buffers.map((buffer) => this.#aliases.get(buffer.id)!) : undefined;
    await host.parallelFor(device, request.kernel, request.numIterations, request.blockSize, buffers, guestPointers ? { guestPointers } : {});
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

  /**
   * Frees every buffer the guest created: buffers die with their guest. Later requests fail;
   * the host and its devices stay usable for other guests.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const buffers = [...this.#buffers.values()];
    this.#buffers.clear();
    this.#aliases.clear();
    await Promise.allSettled(buffers.map((buffer) => this.host.freeBuffer(buffer)));
  }

  #device(id: number): DeviceHandle {
    const device = this.#devices.get(id >>> 0);
    if (!device) throw notOwned('device', id);
    return device;
  }

  #buffer(id: number): BufferHandle {
    const buffer = this.#buffers.get(id >>> 0);
    if (!buffer) throw notOwned('buffer', id);
    return buffer;
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
