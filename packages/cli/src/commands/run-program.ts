import { readFile } from 'node:fs/promises';
import { UsageError } from '../usage-error.js';

/** The program's bytes; a path that is missing or a directory is a usage error naming it. */
export async function readProgram(program: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(program));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(`${program} does not exist`);
    if (code === 'EISDIR') throw new UsageError(`${program} is a directory; give the guest's .wasm file`);
    throw new UsageError(`${program} cannot be read: ${(error as Error).message}`);
  }
}

const GUEST_MODULES = ['wasi_snapshot_preview1', 'wasi_ephemeral_parallel'];

/**
 * When a module could not be instantiated as a guest, says why in the user's terms if it is a
 * kernel (it imports a memory and nothing from WASI): the usual mix-up of the two .wasm files
 * a build produces. Undefined when it is not that.
 */
export async function explainUnrunnable(program: string, bytes: Uint8Array, error: unknown): Promise<UsageError | undefined> {
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch {
    return undefined;
  }
  const imports = WebAssembly.Module.imports(module);
  const importsMemory = imports.some((entry) => entry.kind === 'memory');
  if (!importsMemory || imports.some((entry) => GUEST_MODULES.includes(entry.module))) return undefined;
  const exported = WebAssembly.Module.exports(module).filter((entry) => entry.kind === 'function').map((entry) => entry.name);
  return new UsageError(
    `${program} is a kernel (it imports a memory and exports ${exported.join(', ') || 'no function'}), not a guest program: ` +
      `run the guest that passes it to parallel_exec, or inspect it with wasi-parallel compile ${program}`,
    { cause: error },
  );
}
