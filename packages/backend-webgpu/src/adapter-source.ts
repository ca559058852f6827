import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';

/**
 * Where GPU adapters come from. `gpu` is any WebGPU `GPU` object (a browser's
 * `navigator.gpu`, another Node binding); without one the backend loads Dawn's Node binding
 * (`webgpu` on npm) and, on machines without a GPU, its software adapters.
 */
export type AdapterChoice = 'auto' | 'default' | 'swiftshader' | 'llvmpipe';

export const ADAPTER_CHOICES: readonly AdapterChoice[] = ['auto', 'default', 'swiftshader', 'llvmpipe'];

/** Debian's `chromium` package ships SwiftShader's Vulkan driver here. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export interface AdapterSource {
  /** Which route produced the adapter: `given`, `default`, `swiftshader` or `llvmpipe`. */
  readonly route: string;
  readonly gpu: GPU;
  /** Options for every `requestAdapter` on this route (feature level for GL ES). */
  readonly adapterOptions: GPURequestAdapterOptions;
}

type Env = Record<string, string | undefined>;

function nodeEnv(): Env | undefined {
  return (globalThis as { process?: { env: Env } }).process?.env;
}

/**
 * One Dawn instance per set of arguments for the whole process: two instances over one
 * Vulkan driver race in SwiftShader's threads (the process aborts in a futex), and an
 * instance is what reopening after a device loss reuses anyway.
 */
const instances = new Map<string, Promise<GPU>>();

function loadDawn(args: string[]): Promise<GPU> {
  const key = args.join(' ');
  let instance = instances.get(key);
  if (!instance) {
    instance = createDawn(args);
    instances.set(key, instance);
    instance.catch(() => instances.delete(key));
  }
  return instance;
}

async function createDawn(args: string[]): Promise<GPU> {
  // A computed specifier keeps bundlers for browser pages from pulling in the Node binding.
  const specifier = 'webgpu';
  let dawn: { create(options: string[]): GPU };
  try {
    dawn = (await import(specifier)) as typeof dawn;
  } catch (error) {
    throw new WasiParallelError(ErrorCode.DEVICE_LOST, `cannot load Dawn's Node binding (npm package \`webgpu\`): ${(error as Error).message}`);
  }
  return dawn.create(args);
}

/**
 * SwiftShader is a Vulkan ICD: the Vulkan loader finds it through `VK_ICD_FILENAMES`, and
 * wants a writable `XDG_RUNTIME_DIR`. A value the user set wins.
 */
async function prepareSwiftShaderEnv(env: Env): Promise<boolean> {
  const { existsSync, mkdirSync } = await import('node:fs');
  const { tmpdir, userInfo } = await import('node:os');
  const { join } = await import('node:path');
  if (env.VK_ICD_FILENAMES === undefined) {
    if (!existsSync(SWIFTSHADER_ICD)) return false;
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  if (env.XDG_RUNTIME_DIR === undefined) {
    // One folder per user, reused by every process (the loader only needs it to exist).
    const dir = join(tmpdir(), `wasi-parallel-xdg-${userInfo().uid}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    env.XDG_RUNTIME_DIR = dir;
  }
  return true;
}

/**
 * Whether the Vulkan loader can find any driver on Linux. Asking Dawn for an adapter when it
 * cannot leaves the process unstable (a later emscripten module, such as binaryen, then
 * crashes Dawn's threads), so without a driver manifest the default route is skipped.
 * Elsewhere we cannot tell and let Dawn look.
 */
async function vulkanDriverInstalled(env: Env): Promise<boolean> {
  if ((globalThis as { process?: { platform?: string } }).process?.platform !== 'linux') return true;
  if (env.VK_ICD_FILENAMES !== undefined || env.VK_DRIVER_FILES !== undefined || env.VK_ADD_DRIVER_FILES !== undefined) return true;
  const { readdirSync } = await import('node:fs');
  const { homedir } = await import('node:os');
  const dataDirs = [env.XDG_DATA_HOME ?? `${homedir()}/.local/share`, ...(env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':')];
  const configDirs = [env.XDG_CONFIG_HOME ?? `${homedir()}/.config`, ...(env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':'), '/etc'];
  return [...dataDirs, ...configDirs].some((dir) => {
    try {
      return readdirSync(`${dir}/vulkan/icd.d`).some((name) => name.endsWith('.json'));
    } catch {
      return false;
    }
  });
}

/** Routes to try, in order, for a choice; each yields a GPU or explains why not. */
async function openRoute(route: Exclude<AdapterChoice, 'auto'>): Promise<AdapterSource | string> {
  const env = nodeEnv();
  if (!env) return 'not in Node: pass a `gpu` object (e.g. navigator.gpu)';
  switch (route) {
    case 'default':
      if (!(await vulkanDriverInstalled(env))) return 'no Vulkan driver is installed (no ICD manifest in the loader\'s search path)';
      return { route, gpu: await loadDawn([]), adapterOptions: {} };
    case 'swiftshader':
      if (!(await prepareSwiftShaderEnv(env))) return `SwiftShader's Vulkan driver is not installed (${SWIFTSHADER_ICD}; Debian package \`chromium\`)`;
      return { route, gpu: await loadDawn(['backend=vulkan']), adapterOptions: {} };
    case 'llvmpipe':
      // Mesa's EGL needs no display when told so; Dawn's GL ES backend offers only the
      // compatibility feature level.
      env.EGL_PLATFORM ??= 'surfaceless';
      return { route, gpu: await loadDawn(['backend=opengles']), adapterOptions: { featureLevel: 'compatibility' } };
  }
}

export interface ChosenAdapter {
  readonly source: AdapterSource;
  readonly adapter: GPUAdapter;
}

/**
 * Finds an adapter for a power preference. `auto` tries the platform's default adapter, then
 * SwiftShader, then llvmpipe; a given `gpu` is used as it is. Rejects with every reason.
 */
export async function chooseAdapter(options: {
  gpu?: GPU;
  choice?: AdapterChoice;
  /** A route that already gave an adapter: the other device kinds and reopening use it too. */
  source?: AdapterSource;
  powerPreference: GPUPowerPreference;
}): Promise<ChosenAdapter> {
  const reasons: string[] = [];
  const attempt = async (source: AdapterSource): Promise<ChosenAdapter | undefined> => {
    const adapter = await source.gpu.requestAdapter({ ...source.adapterOptions, powerPreference: options.powerPreference });
    if (adapter) return { source, adapter };
    reasons.push(`${source.route}: no adapter`);
    return undefined;
  };
  if (options.source || options.gpu) {
    const found = await attempt(options.source ?? { route: 'given', gpu: options.gpu!, adapterOptions: {} });
    if (found) return found;
  } else {
    const choice = options.choice ?? 'auto';
    const routes: Exclude<AdapterChoice, 'auto'>[] = choice === 'auto' ? ['default', 'swiftshader', 'llvmpipe'] : [choice];
    for (const route of routes) {
      try {
        const source = await openRoute(route);
        if (typeof source === 'string') reasons.push(`${route}: ${source}`);
        else {
          const found = await attempt(source);
          if (found) return found;
        }
      } catch (error) {
        reasons.push(`${route}: ${(error as Error).message}`);
      }
    }
  }
  throw new WasiParallelError(ErrorCode.DEVICE_LOST, `no WebGPU adapter (${reasons.join('; ')})`);
}
