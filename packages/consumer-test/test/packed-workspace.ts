import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every published package, by directory under packages/. */
export const PUBLISHED = ['core', 'kernel', 'backend-threads', 'backend-webgpu', 'backend-gpujs', 'backend-fpga-sim', 'conformance', 'bench', 'cli'] as const;

export interface PackedPackage {
  readonly name: string;
  readonly directory: string;
  readonly tarball: string;
  readonly files: readonly string[];
  readonly manifest: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> };
}

/** `npm pack` of every published package into a fresh folder outside the workspace. */
export function packAll(): PackedPackage[] {
  const destination = mkdtempSync(join(tmpdir(), 'wasi-parallel-packs-'));
  const args = ['pack', '--json', '--pack-destination', destination, ...PUBLISHED.flatMap((dir) => ['-w', `packages/${dir}`])];
  const packed = JSON.parse(execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as {
    name: string;
    filename: string;
    files: { path: string }[];
  }[];
  return packed.map((entry) => {
    const directory = join(ROOT, 'packages', entry.name.replace('@wasi-parallel/', ''));
    return {
      name: entry.name,
      directory,
      tarball: join(destination, entry.filename),
      files: entry.files.map((file) => file.path),
      manifest: JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as PackedPackage['manifest'],
    };
  });
}

/** The blocks of a README marked `<!-- consumer-test: NAME -->`, by name. */
export function readmeBlocks(file: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  return new Map([...text.matchAll(/<!-- consumer-test: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map((match) => [match[1]!, match[2]!]));
}

/** Package names an `npm install a b c` line names. */
export function installedBy(line: string): string[] {
  const match = /npm install ((?:@?[\w./-]+ ?)+)/.exec(line);
  if (!match) throw new Error(`not an install line: ${line}`);
  return match[1]!.trim().split(/\s+/);
}

/** The packed packages `names` need: the names themselves plus our packages they depend on, non-optional peers included. */
export function closure(names: readonly string[], packed: readonly PackedPackage[]): PackedPackage[] {
  const found = new Map<string, PackedPackage>();
  const visit = (name: string): void => {
    if (found.has(name)) return;
    const pkg = packed.find((candidate) => candidate.name === name);
    if (!pkg) throw new Error(`${name} was not packed`);
    found.set(name, pkg);
    const { dependencies = {}, peerDependencies = {}, peerDependenciesMeta = {} } = pkg.manifest;
    const needed = [...Object.keys(dependencies), ...Object.keys(peerDependencies).filter((peer) => !peerDependenciesMeta[peer]?.optional)];
    needed.filter((dep) => dep.startsWith('@wasi-parallel/')).forEach(visit);
  };
  names.forEach(visit);
  return [...found.values()];
}

/** A fresh project outside the workspace with the tarballs (and `extra` registry packages) installed. */
export function freshProject(prefix: string, tarballs: readonly PackedPackage[], extra: readonly string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), `wasi-parallel-${prefix}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${prefix}`, private: true, type: 'module' }, null, 2));
  // Everything but our own packages comes from the npm cache when it is there.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs.map((pkg) => pkg.tarball), ...extra], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

export function copyInto(dir: string, from: string, to: string): void {
  mkdirSync(join(dir, to, '..'), { recursive: true });
  cpSync(join(ROOT, from), join(dir, to), { recursive: true });
}

export function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  // FORCE_COLOR (nx sets it for its tasks) would colour what console.log prints.
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env }, timeout: 120_000 });
}

/** Megabytes under `dir`, as `du` counts them. */
export function megabytes(dir: string): number {
  return Number(execFileSync('du', ['-sm', dir], { encoding: 'utf8' }).split('\t')[0]);
}
