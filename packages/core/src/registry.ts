import type { Backend, BackendFactory, BackendInitOptions } from './contracts/backend.js';
import { ErrorCode } from './error-code.js';
import { WasiParallelError } from './errors.js';

export type BackendState =
  | { readonly state: 'uninitialised' }
  | { readonly state: 'initialising' }
  | { readonly state: 'ready'; readonly backend: Backend }
  | { readonly state: 'failed'; readonly reason: string };

interface Entry {
  readonly factory: BackendFactory;
  pending?: Promise<Backend>;
  state: BackendState;
}

/**
 * The backends a host may use. A registry is an object its host owns (tests make their own so
 * registration order never leaks between them); `defaultRegistry` serves side-effect imports.
 * Names are opaque keys: any character may appear in them.
 */
export class BackendRegistry {
  readonly #entries = new Map<string, Entry>();

  /**
   * Adds a factory, or replaces the one registered under the same name: the old backend object
   * is dropped with it (disposed if it was initialised), so a re-registration never keeps
   * serving the previous implementation.
   */
  register(factory: BackendFactory): void {
    const previous = this.#entries.get(factory.name);
    this.#entries.set(factory.name, { factory, state: { state: 'uninitialised' } });
    if (previous?.state.state === 'ready') void previous.state.backend.dispose().catch(() => undefined);
  }

  unregister(name: string): boolean {
    const previous = this.#entries.get(name);
    if (previous?.state.state === 'ready') void previous.state.backend.dispose().catch(() => undefined);
    return this.#entries.delete(name);
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** Registered factories, highest priority first; ties keep registration order. */
  factories(): BackendFactory[] {
    return [...this.#entries.values()].map((entry) => entry.factory).sort((a, b) => b.priority - a.priority);
  }

  state(name: string): BackendState | undefined {
    return this.#entries.get(name)?.state;
  }

  /**
   * Initialises the named backend once and returns it; a failure is remembered with its reason
   * and rethrown on every later call without trying again.
   */
  async init(name: string, options: BackendInitOptions = {}): Promise<Backend> {
    const entry = this.#entries.get(name);
    if (!entry) throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `no backend named \`${name}\` is registered`);
    if (entry.state.state === 'ready') return entry.state.backend;
    if (entry.state.state === 'failed') throw new WasiParallelError(ErrorCode.DEVICE_UNAVAILABLE, `backend \`${name}\` is unavailable: ${entry.state.reason}`);
    entry.pending ??= (async () => {
      entry.state = { state: 'initialising' };
      try {
        const backend = await entry.factory.init(options);
        if (this.#entries.get(name) === entry) entry.state = { state: 'ready', backend };
        return backend;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (this.#entries.get(name) === entry) entry.state = { state: 'failed', reason };
        throw new WasiParallelError(ErrorCode.DEVICE_UNAVAILABLE, `backend \`${name}\` is unavailable: ${reason}`, {}, { cause: error });
      }
    })();
    return entry.pending;
  }

  /** Disposes every initialised backend; the registry can initialise them again afterwards. */
  async dispose(): Promise<void> {
    const backends: Backend[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.state.state === 'ready') backends.push(entry.state.backend);
      entry.state = { state: 'uninitialised' };
      entry.pending = undefined;
    }
    await Promise.all(backends.map((backend) => backend.dispose()));
  }
}
