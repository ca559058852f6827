import type { AdmittedKernel, KernelFeatureUses } from '../contracts/kernel.js';
import { checkKernelModule } from './kernel-abi.js';
import { readKernelFacts } from './kernel-facts.js';
import { kernelHash } from './kernel-hash.js';
import { SectionId, readSections } from './wasm-reader.js';

/**
 * Admits kernel bytes: the module-level kernel ABI check (a valid module, one memory import, a
 * `kernel` export of 3 + 2·k i32 params) and the facts every device needs, read once. The
 * bytes are copied, so a caller that reuses its array cannot change a kernel the host caches.
 * Throws INVALID_KERNEL. This is the only caller of `checkKernelModule` in production code:
 * the host admits each kernel once per hash and devices read the result.
 */
export function admitKernel(source: Uint8Array, hash: string = kernelHash(source)): AdmittedKernel {
  const bytes = source.slice();
  const { memory, shape } = checkKernelModule(bytes);
  // The ABI allows no imports but the memory, so defined functions start at index 0.
  const { uses, facts } = readKernelFacts(bytes, 0);
  const allUses: KernelFeatureUses = memory.shared
    ? uses
    : {
        ...uses,
        unsharedMemory: {
          function: 'module',
          offset: readSections(bytes).find((section) => section.id === SectionId.IMPORT)!.contentStart,
          what: `the memory import \`${memory.module}.${memory.field}\``,
        },
      };
  return Object.freeze({
    bytes,
    hash,
    memory,
    bufferCount: (shape.kernel!.params.length - 3) / 2,
    uses: Object.freeze(allUses),
    facts: Object.freeze(facts),
  });
}
