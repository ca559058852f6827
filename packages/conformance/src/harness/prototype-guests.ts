import { readFile } from 'node:fs/promises';
import { assemble } from './wat.js';

/** The hand-written guests in `guests/`, each with its kernel in `<name>-kernel.wat`. */
export type PrototypeGuestName = 'square' | 'nstream';

export interface PrototypeGuest {
  readonly guest: Uint8Array;
  readonly kernel: Uint8Array;
}

const source = (file: string) => readFile(new URL(`../../guests/${file}`, import.meta.url), 'utf8');

/**
 * Assembles one of the guests written like the 2022 prototype's test programs: the kernel
 * first, then the guest with the kernel's bytes in a data segment (its `KERNEL_BYTES` and
 * `KERNEL_LENGTH` placeholders), as those programs embed theirs. The guests are not checked
 * by `WebAssembly.validate` here: the runner reports a guest the engine refuses.
 */
export async function assemblePrototypeGuest(name: PrototypeGuestName): Promise<PrototypeGuest> {
  const kernel = await assemble(`${name}-kernel`, await source(`${name}-kernel.wat`));
  const escaped = [...kernel].map((byte) => '\\' + byte.toString(16).padStart(2, '0')).join('');
  const text = (await source(`${name}.wat`)).replace('KERNEL_BYTES', escaped).replace('KERNEL_LENGTH', String(kernel.length));
  return { guest: await assemble(name, text), kernel };
}
