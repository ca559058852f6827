import { BackendPriority, DeviceKind, type Backend, type BackendFactory, type BackendInitOptions } from '@wasi-parallel/core';
import { threadsCapabilities } from './capabilities.js';
import { ThreadsDevice } from './device.js';
import { parseThreadsOptions, type ThreadsOptions } from './options.js';
import { WorkerPool } from './worker-pool.js';

export const THREADS_BACKEND_NAME = 'threads';

export class ThreadsBackend implements Backend {
  readonly name = THREADS_BACKEND_NAME;
  readonly capabilities = threadsCapabilities();
  readonly devices: readonly [ThreadsDevice];
  readonly #pool: WorkerPool;

  private constructor(pool: WorkerPool, options: ThreadsOptions) {
    this.#pool = pool;
    this.devices = [new ThreadsDevice(pool, options)];
  }

  static async create(raw: Readonly<Record<string, unknown>> = {}): Promise<ThreadsBackend> {
    threadsCapabilities();
    const options = parseThreadsOptions(raw);
    return new ThreadsBackend(await WorkerPool.start(options.workers, options.spinMs), options);
  }

  /** Terminates every worker; nothing of the backend keeps the process alive afterwards. */
  async dispose(): Promise<void> {
    await this.#pool.close();
  }
}

export const backendFactory: BackendFactory = {
  name: THREADS_BACKEND_NAME,
  priority: BackendPriority.SOFTWARE,
  deviceKinds: [DeviceKind.CPU],
  init: (init: BackendInitOptions) => ThreadsBackend.create(init.options),
};
