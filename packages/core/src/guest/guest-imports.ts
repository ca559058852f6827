import { ErrorCode } from '../error-code.js';
import type { AbiRequest, AbiResponse } from './abi.js';

export type SyncCall = (request: AbiRequest) => AbiResponse;

export interface GuestImportsOptions {
  /** Blocks until the host thread has served the request. */
  readonly call: SyncCall;
  /** The guest's memory; read on every call because `memory.grow` replaces an unshared buffer. */
  readonly memory: () => WebAssembly.Memory;
  /** Told about every non-zero code, with why. */
  readonly onError?: (functionName: string, code: number, message: string) => void;
}

class GuestFault extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The `wasi_ephemeral_parallel` import object, as the guest's worker thread sees it. Every
 * function checks its pointers against guest memory, asks the host thread for the rest, and
 * returns an `ErrorCode`; none of them throws into the guest.
 */
export function createGuestImports(options: GuestImportsOptions): Record<string, (...args: number[]) => number> {
  const { call } = options;
  /** Buffer id → aliased guest offset, mirrored from the host so copy mode can ship region bytes. */
  const aliases = new Map<number, { ptr: number; len: number }>();

  const bytes = (): Uint8Array => new Uint8Array(options.memory().buffer);
  /**
   * The one place guest pointer arithmetic happens: `count` elements of `elementSize` bytes at
   * `ptr`, all read as u32 and multiplied as exact numbers, so no product or sum wraps at 2^32
   * and slips past the bounds check. Returns [start, byte length].
   */
  const region = (name: string, ptr: number, count: number, elementSize = 1): [number, number] => {
    const start = ptr >>> 0;
    const length = (count >>> 0) * elementSize;
    const size = options.memory().buffer.byteLength;
    if (start + length > size) {
      throw new GuestFault(ErrorCode.INVALID_ARGUMENT, `${name} [${start}, ${start + length}) lies outside guest memory of ${size} bytes`);
    }
    return [start, length];
  };
  const writeU32 = (name: string, ptr: number, value: number): void => {
    const [start] = region(name, ptr, 4);
    new DataView(options.memory().buffer).setUint32(start, value, true);
  };
  const ask = (request: AbiRequest): AbiResponse => {
    const response = call(request);
    if (response.code !== ErrorCode.SUCCESS) throw new GuestFault(response.code, response.message ?? 'failed');
    return response;
  };
  const handleList = (name: string, ptr: number, count: number): number[] => {
    const [start, length] = region(name, ptr, count, 4);
    const view = new DataView(options.memory().buffer, start, length);
    return Array.from({ length: length / 4 }, (_, i) => view.getUint32(i * 4, true));
  };
  const guarded =
    (name: string, body: (...args: number[]) => void) =>
    (...args: number[]): number => {
      try {
        body(...args);
        return ErrorCode.SUCCESS;
      } catch (error) {
        const code = error instanceof GuestFault ? error.code : ErrorCode.DEVICE_LOST;
        options.onError?.(name, code, error instanceof Error ? error.message : String(error));
        return code;
      }
    };

  return {
    get_device: guarded('get_device', (hint, outPtr) => {
      region('out_device_ptr', outPtr!, 4);
      writeU32('out_device_ptr', outPtr!, ask({ op: 'get_device', hint: hint! >>> 0 }).value!);
    }),
    create_buffer: guarded('create_buffer', (device, size, access, outPtr) => {
      region('out_buffer_ptr', outPtr!, 4);
      const response = ask({ op: 'create_buffer', device: device! >>> 0, size: size! >>> 0, access: access! >>> 0 });
      writeU32('out_buffer_ptr', outPtr!, response.value!);
    }),
    write_buffer: guarded('write_buffer', (dataPtr, dataLen, buffer) => {
      const [ptr, len] = region('data', dataPtr!, dataLen!);
      ask({ op: 'write_buffer', buffer: buffer! >>> 0, ptr, len });
      aliases.set(buffer! >>> 0, { ptr, len });
    }),
    read_buffer: guarded('read_buffer', (buffer, dataPtr, dataLen) => {
      const [ptr, len] = region('data', dataPtr!, dataLen!);
      const response = ask({ op: 'read_buffer', buffer: buffer! >>> 0, len });
      if (response.aliasPtr !== undefined) bytes().copyWithin(ptr, response.aliasPtr, response.aliasPtr + len);
      else bytes().set(response.bytes!, ptr);
    }),
    parallel_exec: guarded('parallel_exec', (device, kernelPtr, kernelLen, numIterations, blockSize, inPtr, inCount, outPtr, outCount) => {
      const [kStart, kLength] = region('kernel', kernelPtr!, kernelLen!);
      const buffers = [...handleList('in_buffers', inPtr!, inCount!), ...handleList('out_buffers', outPtr!, outCount!)];
      let regions: Map<number, Uint8Array> | undefined;
      // An unshared memory is out of the host thread's reach: ship the aliased regions' bytes.
      if (!(options.memory().buffer instanceof SharedArrayBuffer)) {
        regions = new Map();
        for (const id of buffers) {
          const alias = aliases.get(id);
          if (alias) regions.set(id, bytes().slice(alias.ptr, alias.ptr + alias.len));
        }
      }
      const response = ask({
        op: 'parallel_exec',
        device: device! >>> 0,
        kernel: bytes().slice(kStart, kStart + kLength),
        numIterations: numIterations! >>> 0,
        blockSize: blockSize! >>> 0,
        buffers,
        ...(regions ? { regions } : {}),
      });
      for (const write of response.writes ?? []) bytes().set(write.bytes, write.ptr);
    }),
  };
}
