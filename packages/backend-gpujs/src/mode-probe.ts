import { createRequire } from 'node:module';
import { gpuJs } from './gpu-js.js';
import { probeFloats, type FloatExactness } from './float-probe.js';
import { GpujsRuntime } from './gpujs-runtime.js';
import { MODE_SPECS, type GpujsMode } from './modes.js';
import { provideNavigatorGpu } from './webgpu-navigator.js';

/** A mode that works here: its GPU.js instance and what was measured opening it. */
export interface OpenedMode {
  readonly mode: GpujsMode;
  readonly runtime: GpujsRuntime;
  readonly floats: FloatExactness;
  /** A GPU mode running on the CPU (SwiftShader, llvmpipe). */
  readonly emulated: boolean;
  readonly description: Readonly<Record<string, string | number | boolean>>;
}

/** A mode that does not work here, and why. */
export interface UnavailableMode {
  readonly mode: GpujsMode;
  readonly reason: string;
}

function headlessGlReason(): string | undefined {
  if (gpuJs().GPU.isHeadlessGLSupported) return undefined;
  try {
    createRequire(import.meta.url)('gl');
  } catch (error) {
    return `the optional \`gl\` addon (npm gl@8.1.6, built from source: Debian libxi-dev libx11-dev libxext-dev pkg-config) does not load: ${(error as Error).message.split('\n')[0]}`;
  }
  return 'headless-gl found no display: run under an X server (xvfb-run)';
}

/** Checks that a mode is there, runs its float probe (which also proves it computes), or says why not. */
export async function openMode(mode: GpujsMode): Promise<OpenedMode | UnavailableMode> {
  let description: Record<string, string | number | boolean> = {};
  let emulated = false;
  try {
    if (mode === 'webasm' && !gpuJs().GPU.isWebAssemblySupported) return { mode, reason: 'GPU.js reports no WebAssembly support' };
    if (mode === 'headlessgl') {
      const reason = headlessGlReason();
      if (reason) return { mode, reason };
    }
    if (mode === 'webgpu') {
      const adapter = await provideNavigatorGpu();
      description = { ...adapter.description };
      emulated = adapter.software;
    }
  } catch (error) {
    return { mode, reason: (error as Error).message };
  }
  const runtime = new GpujsRuntime(MODE_SPECS[mode]);
  try {
    const floats = await probeFloats(runtime);
    return { mode, runtime, floats, emulated, description };
  } catch (error) {
    runtime.dispose();
    return { mode, reason: `GPU.js could not run a kernel in this mode: ${(error as Error).message}` };
  }
}
