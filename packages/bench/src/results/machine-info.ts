import { execFile } from 'node:child_process';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../build/artifact-paths.js';
import { TOOLCHAIN, toolVersion } from '../build/toolchain.js';
import type { MachineInfo, ToolVersions } from './bench-results.js';

const SCOPE = '@wasi-parallel';

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    platform: platform(),
    osRelease: release(),
    arch: arch(),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** Each package's version; one that is not installed is left out. */
function packageVersions(names: readonly string[]): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of names) {
    try {
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      // not installed: the runners say so
    }
  }
  return versions;
}

/** Every package of the project's scope installed next to core: whatever produced the rows, backends included. */
async function projectPackages(): Promise<string[]> {
  try {
    const scopeDir = dirname(dirname(createRequire(import.meta.url).resolve(`${SCOPE}/core/package.json`)));
    return (await readdir(scopeDir)).sort().map((name) => `${SCOPE}/${name}`);
  } catch {
    return [];
  }
}

/** `git describe` of the checkout the bench runs from; undefined for an installed package. */
async function commitOf(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['describe', '--always', '--dirty', '--abbrev=12'], { cwd: dir });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function toolVersions(): Promise<ToolVersions> {
  const gpujs = packageVersions(['gpu.js'])['gpu.js'] ?? 'unavailable';
  const bench = (JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const [gcc, clang, commit] = await Promise.all([toolVersion(TOOLCHAIN.gcc), toolVersion(TOOLCHAIN.clang), commitOf(PACKAGE_ROOT)]);
  return { node: process.version, v8: process.versions.v8, gcc, clang, gpujs, bench, packages: packageVersions(await projectPackages()), ...(commit ? { commit } : {}) };
}
