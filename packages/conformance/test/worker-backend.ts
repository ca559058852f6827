import { Worker } from 'node:worker_threads';
import {
  BackendPriority,
  DeviceKind,
  ErrorCode,
  SequentialDevice,
  WasiParallelError,
  errorFromJSON,
  isWritable,
  sequentialBackendFactory,
  type BackendFactory,
  type Device,
  type DispatchRequest,
  type DispatchResult,
} from '@wasi-parallel/core';

type Reply = { ok: true; buffers: Uint8Array[] } | { ok: false; error: { code: number; message: string } };

/**
 * A test backend with `timeouts`: the sequential device on a worker thread, which the main
 * thread terminates when a call runs past `timeoutMs` (and replaces on the next call). It lets
 * the suite's own tests run the timeout case for real.
 */
class WorkerDevice implements Device {
  readonly kind = DeviceKind.CPU;
  readonly name = 'sequential-on-a-worker';
  readonly description = { thread: 'worker' };
  readonly #buffers = new SequentialDevice();
  #worker: Worker | undefined;

  /** `enforcesTimeouts: false` makes a broken device that claims timeouts but never ends a kernel. */
  constructor(readonly enforcesTimeouts: boolean) {}

  createBuffer: Device['createBuffer'] = (size, access) => this.#buffers.createBuffer(size, access);

  async parallelFor(request: DispatchRequest): Promise<DispatchResult> {
    const worker = (this.#worker ??= new Worker(new URL('./sequential-worker.mjs', import.meta.url)));
    const buffers = await Promise.all(request.buffers.map(async (buffer) => ({ access: buffer.access, bytes: await buffer.read() })));
    const reply = await new Promise<Reply>((resolve, reject) => {
      const timer =
        request.timeoutMs === undefined || !this.enforcesTimeouts
          ? undefined
          : setTimeout(() => {
              worker.removeAllListeners('message');
              void worker.terminate();
              this.#worker = undefined;
              reject(new WasiParallelError(ErrorCode.TIMEOUT, `the call ran past ${request.timeoutMs} ms and was ended`));
            }, request.timeoutMs);
      worker.once('message', (message: Reply) => {
        clearTimeout(timer);
        resolve(message);
      });
      worker.postMessage({ kernel: request.kernel, numIterations: request.numIterations, blockSize: request.blockSize, buffers });
    });
    if (!reply.ok) throw errorFromJSON(reply.error);
    await Promise.all(request.buffers.map((buffer, i) => (isWritable(buffer.access) ? buffer.write(reply.buffers[i]!) : undefined)));
    return {};
  }

  async dispose(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}

export function workerBackendFactory(name = 'sequential-worker', enforcesTimeouts = true): BackendFactory {
  return {
  name,
  priority: BackendPriority.BY_NAME_ONLY,
  deviceKinds: [DeviceKind.CPU],
  async init() {
    const { capabilities } = await sequentialBackendFactory.init({});
    const device = new WorkerDevice(enforcesTimeouts);
    return {
      name,
      capabilities: { ...capabilities, deviceKinds: [DeviceKind.CPU], timeouts: true },
      devices: [device],
      dispose: () => device.dispose(),
    };
  },
};
}
