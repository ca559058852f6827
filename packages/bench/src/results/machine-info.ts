import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../build/artifact-paths.js';
import { TOOLCHAIN, toolVersion } from '../build/toolchain.js';
import type { MachineInfo, ToolVersions } from './bench-results.js';

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

export async function toolVersions(): Promise<ToolVersions> {
  const require = createRequire(import.meta.url);
  let gpujs = 'unavailable';
  try {
    gpujs = (require('gpu.js/package.json') as { version: string }).version;
  } catch {
    // reported as unavailable
  }
  const bench = (JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const [gcc, clang] = await Promise.all([toolVersion(TOOLCHAIN.gcc), toolVersion(TOOLCHAIN.clang)]);
  return { node: process.version, v8: process.versions.v8, gcc, clang, gpujs, bench };
}
