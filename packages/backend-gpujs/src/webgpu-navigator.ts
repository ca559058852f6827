/** The WebGPU adapter GPU.js's webgpu mode uses here, for the device's description. */
export interface WebGpuAdapterFacts {
  readonly label: string;
  readonly software: boolean;
  readonly description: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Gives GPU.js's webgpu mode a WebGPU: GPU.js reads `navigator.gpu` (it never loads its own
 * `webgpu` dependency). In Node that is the Dawn instance our WebGPU backend opens — one per
 * process, since two Dawn instances over SwiftShader race — with `requestAdapter` made to add
 * the route's options: on llvmpipe Dawn offers an adapter only at the `compatibility` feature
 * level, which GPU.js does not ask for. In a browser an existing `navigator.gpu` is kept.
 */
export async function provideNavigatorGpu(): Promise<WebGpuAdapterFacts> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu && !(globalThis as { process?: unknown }).process) {
    const adapter = await nav.gpu.requestAdapter();
    if (!adapter) throw new Error('navigator.gpu offers no adapter');
    return { label: 'navigator.gpu', software: false, description: { adapter: 'navigator.gpu' } };
  }
  // A computed specifier: a browser bundle never pulls in the Node backend.
  const specifier = '@wasi-parallel/backend-webgpu';
  const webgpu = (await import(specifier)) as typeof import('@wasi-parallel/backend-webgpu');
  const chosen = await webgpu.chooseAdapter({ powerPreference: 'high-performance' });
  const { gpu, adapterOptions } = chosen.source;
  const wrapped = {
    requestAdapter: (options?: GPURequestAdapterOptions) => gpu.requestAdapter({ ...options, ...adapterOptions }),
    getPreferredCanvasFormat: () => gpu.getPreferredCanvasFormat(),
    get wgslLanguageFeatures() {
      return gpu.wgslLanguageFeatures;
    },
  } as GPU;
  if (nav) Object.defineProperty(nav, 'gpu', { value: wrapped, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu: wrapped }, configurable: true, writable: true });
  const label = webgpu.adapterLabel(chosen.adapter, chosen.source.route);
  return { label, software: webgpu.isSoftwareAdapter(chosen.adapter, label), description: webgpu.adapterDescription(chosen.adapter, chosen.source.route) };
}
