import { MessageChannel } from 'node:worker_threads';
import { ErrorCode } from '../error-code.js';
import { WasiParallelError } from '../errors.js';
import { defaultHost } from '../default-host.js';
import type { Host } from '../host.js';
import type { AbiRequest, GuestMemoryMode } from './abi.js';
import { GuestAbiServer } from './abi-server.js';
import { upgradeMemoryToShared } from './memory-upgrade.js';
import { startWorker } from '../node/worker-exec-argv.js';
import type { GuestCommand, GuestMessage, GuestWorkerData } from './worker-protocol.js';

export interface GuestOptions {
  /**
   * The host whose devices the guest's `get_device` resolves to. Default: `defaultHost()`, over
   * `defaultRegistry`: the sequential device plus every backend registered by side-effect import
   * (`import '@wasi-parallel/backend-threads/register'`). The CLI passes a host over every
   * backend it discovers.
   */
  readonly host?: Host;
  /** argv as the guest sees it, program name first. */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Guest path → host directory. */
  readonly preopens?: Readonly<Record<string, string>>;
  /**
   * How an unshared guest memory is reached: `upgrade` (default) rewrites the guest's memory
   * to shared when it loads, so the host reads it in place and CPU kernels run on it; `copy`
   * leaves the guest as it is and ships region bytes with each call.
   */
  readonly memory?: 'upgrade' | 'copy';
  /** Told about every ABI call that returned a non-zero code, with why. */
  readonly onAbiError?: (functionName: string, code: number, message: string) => void;
}

export interface GuestInstance {
  /** How the host reaches guest memory: `shared` (in place) or `copy`. */
  readonly memoryMode: GuestMemoryMode;
  readonly exports: readonly string[];
  /** Runs `_start`; resolves with the exit code (0 when `_start` returns). */
  start(): Promise<number>;
  /** Calls an export; several calls share one instance. Resolves with its results as an array. */
  invoke(name: string, ...args: (number | bigint)[]): Promise<unknown[]>;
  /** Ends the guest's worker. */
  terminate(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A guest export trapped or the guest failed outside the ABI. */
export class GuestTrap extends Error {
  override readonly name = 'GuestTrap';
}

/**
 * Loads a WASI preview1 program that imports `wasi_ephemeral_parallel` and runs it on a worker
 * thread, serving its parallel calls from `options.host`.
 */
export async function instantiateGuest(bytes: Uint8Array, options: GuestOptions = {}): Promise<GuestInstance> {
  const host = options.host ?? defaultHost();
  let module: WebAssembly.Module;
  try {
    // A broken module is reported as the engine sees it, before the upgrade reads its sections.
    if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    const source = options.memory === 'copy' ? bytes : (upgradeMemoryToShared(bytes) ?? bytes);
    module = await WebAssembly.compile(source as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `the guest is not a valid WebAssembly module: ${(error as Error).message}`);
  }

  const { port1: hostPort, port2: abiPort } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const data: GuestWorkerData = {
    module,
    args: options.args ?? ['guest.wasm'],
    env: options.env ?? {},
    preopens: options.preopens ?? {},
    signal,
    abiPort,
  };
  const worker = startWorker(new URL('./guest-worker.js', import.meta.url), {
    workerData: data,
    transferList: [abiPort],
  });

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };

  let started = false;
  const ready = new Promise<Extract<GuestMessage, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (message: GuestMessage) => {
      if (message.type === 'ready') {
        started = true;
        resolve(message);
      }
      else if (message.type === 'abi-error') options.onAbiError?.(message.functionName, message.code, message.message);
      else {
        const entry = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'result') entry?.resolve(message.value);
        else entry?.reject(new GuestTrap(message.message));
      }
    });
    worker.on('error', (error) => {
      const failure = started ? error : new GuestTrap(`the guest could not be instantiated: ${error.message}`);
      reject(failure);
      failAll(failure);
    });
    worker.on('exit', (code) => {
      const error = new GuestTrap(`the guest's worker exited (${code})`);
      reject(error);
      failAll(error);
    });
  });
  const { memory, exports } = await ready;
  const memoryMode: GuestMemoryMode = memory ? 'shared' : 'copy';
  const server = new GuestAbiServer(host, memory);
  // Buffers die with their guest, however it ends.
  worker.on('exit', () => void server.close());
  const view = new Int32Array(signal);
  hostPort.on('message', async (request: AbiRequest) => {
    const response = await server.serve(request);
    hostPort.postMessage(response);
    Atomics.store(view, 0, 1);
    Atomics.notify(view, 0);
  });
  worker.unref();
  hostPort.unref();

  const send = (command: DistributiveOmit<GuestCommand, 'id'>): Promise<unknown> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    worker.ref();
    return new Promise<unknown>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...command, id });
    }).finally(() => {
      if (pending.size === 0) worker.unref();
    });
  };

  return {
    memoryMode,
    exports,
    start: async () => {
      const code = await send({ type: 'start' });
      return typeof code === 'number' ? code : 0;
    },
    invoke: async (name, ...args) => {
      const value = await send({ type: 'invoke', name, args });
      return value === undefined ? [] : Array.isArray(value) ? value : [value];
    },
    terminate: async () => {
      hostPort.close();
      await worker.terminate();
      await server.close();
    },
  };
}
