import { readFile } from 'node:fs/promises';
import {
  BufferAccessKind,
  createRegistry,
  deviceKindName,
  Host,
  isWritable,
  type Backend,
  type BackendFactory,
  type BufferHandle,
  type DeviceHandle,
  type DispatchResult,
} from '@wasi-parallel/core';
import { kernelWasmPath, type WasmVariant } from '../build/artifact-paths.js';
import type { CaseData } from '../guest/case-data.js';
import type { KernelCase } from '../suite/kernel-spec.js';
import { flattenDeviceReport } from './device-report.js';
import { runFidelity } from './host-fidelity.js';
import type { BenchRunner, FidelityOutcome, Measurement, SamplePlan, Variant } from './runner.js';
import { timeSamples } from './sample-loop.js';

/**
 * Runs the suite on one registered backend through the public Host API — `getDevice`,
 * `createBuffer`, `writeBuffer`, `parallelFor`, `readBuffer` — exactly as a guest would. What a
 * backend can run is read from its capabilities record; nothing here knows which backend it is.
 */
export class HostRunner implements BenchRunner {
  readonly role = 'backend';
  readonly primaryVariant = 'scalar' as const;
  #host: Host | undefined;
  #device: DeviceHandle | undefined;
  #backend: Backend | undefined;

  /**
   * @param name the row name; the backend is registered under it, e.g. `threads@workers=1`.
   * @param options passed to the backend's `init`, e.g. `{ workers: 1 }`.
   */
  constructor(
    readonly name: string,
    private readonly factory: BackendFactory,
    private readonly options: Readonly<Record<string, unknown>> = {},
  ) {}

  /**
   * The backend under the row name, with the row's options: one backend can appear twice with
   * different options. The backend it makes answers to the row name too, since hosts (and the
   * conformance suite) match a device's backend by name.
   */
  #rowFactory(): BackendFactory {
    const { factory, options, name } = this;
    return {
      name,
      priority: factory.priority,
      deviceKinds: factory.deviceKinds,
      async init(init): Promise<Backend> {
        const backend = await factory.init({ ...init, options: { ...init.options, ...options } });
        return { name, capabilities: backend.capabilities, devices: backend.devices, dispose: () => backend.dispose() };
      },
    };
  }

  async open(): Promise<void> {
    const registry = createRegistry();
    registry.register(this.#rowFactory());
    this.#backend = await registry.init(this.name);
    this.#host = new Host({ registry, device: { backend: this.name } });
    this.#device = await this.#host.getDevice();
    if (this.#host.backendOf(this.#device) !== this.#backend) {
      throw new Error(`the host resolved device \`${this.#device.name}\` of ${this.#device.backend}, not one of ${this.name}`);
    }
  }

  variants(kernelCase: KernelCase): readonly Variant[] | string {
    const features = this.#backend!.capabilities.features;
    if (kernelCase.kernel.atomics && !features.atomics) return 'the backend does not accept atomics';
    return features.simd ? ['scalar', 'simd'] : ['scalar'];
  }

  async measure(data: CaseData, variant: Variant, plan: SamplePlan): Promise<Measurement> {
    const { kernelCase } = data;
    const inputs = await data.inputs();
    const host = this.#host!;
    const device = this.#device!;
    const kernel = await readFile(kernelWasmPath(kernelCase.kernel.id, variant as WasmVariant));
    const { buffers } = kernelCase;
    const handles: BufferHandle[] = [];
    try {
      for (const buffer of buffers) handles.push(await host.createBuffer(device, buffer.bytes, buffer.access));
      // Inputs that stay put are written once; read_write ones are restored in every sample.
      for (let i = 0; i < buffers.length; i++) {
        if (buffers[i]!.access === BufferAccessKind.READ) await host.writeBuffer(inputs[i]!, handles[i]!);
      }
      let dispatched: DispatchResult | undefined;
      const sample = async (): Promise<Uint8Array[]> => {
        for (let i = 0; i < buffers.length; i++) {
          if (buffers[i]!.access === BufferAccessKind.READ_WRITE) await host.writeBuffer(inputs[i]!, handles[i]!);
        }
        dispatched = await host.parallelFor(device, kernel, kernelCase.numIterations, kernelCase.blockSize, handles);
        const contents = [...inputs];
        for (let i = 0; i < buffers.length; i++) {
          if (isWritable(buffers[i]!.access)) contents[i] = await host.readBuffer(handles[i]!);
        }
        return contents;
      };
      const timed = await timeSamples(sample, sample, plan);
      const deviceReport = flattenDeviceReport(dispatched);
      return { coldMs: timed.coldMs, samplesMs: timed.samplesMs, outputs: timed.last, ...(deviceReport ? { deviceReport } : {}) };
    } finally {
      await Promise.allSettled(handles.map((handle) => host.freeBuffer(handle)));
    }
  }

  describe(): Readonly<Record<string, string | number | boolean>> {
    const device = this.#device;
    const backend = this.#backend;
    // The device's own facts (a GPU's adapter, vendor, driver), prefixed so they cannot shadow ours.
    const facts = backend?.devices.find((candidate) => candidate.name === device?.name)?.description ?? {};
    return {
      backend: this.factory.name,
      options: JSON.stringify(this.options),
      ...(device ? { device: device.name, deviceKind: deviceKindName(device.kind) } : {}),
      ...(backend ? { parallel: backend.capabilities.parallel, simd: backend.capabilities.features.simd, emulated: backend.capabilities.emulated } : {}),
      ...Object.fromEntries(Object.entries(facts).map(([key, value]) => [`device.${key}`, value])),
    };
  }

  fidelity(): Promise<FidelityOutcome> {
    return runFidelity(this.#rowFactory());
  }

  async close(): Promise<void> {
    await this.#host?.close();
  }
}
