import type { KernelFeatures } from './capabilities.js';

/** The kernel's one import: a memory, linked whatever its module and field names are. */
export interface KernelMemoryImport {
  readonly module: string;
  readonly field: string;
  /** Declared minimum, in pages. */
  readonly minPages: number;
  /** Declared maximum, in pages; undefined when the kernel declares none (never for shared memories). */
  readonly maxPages: number | undefined;
  readonly shared: boolean;
}

/** Where a kernel first uses a feature, for messages that point at the instruction. */
export interface KernelFeatureUse {
  /** The function's name from the name section, else `function N` (its index). */
  readonly function: string;
  /** Byte offset of the instruction (or declaration) in the module. */
  readonly offset: number;
  /** What was found, e.g. `f64.add` or `a local of type i64`. */
  readonly what: string;
}

/**
 * The features a kernel uses, each with its first use. Core reads these from the binary
 * without decoding to an IR, so `scatteredStores` (a fact about addresses) is never set here;
 * translating backends learn it from `@wasi-parallel/kernel`.
 */
export type KernelFeatureUses = { readonly [F in keyof KernelFeatures]?: KernelFeatureUse };

/** A mutable i32 global that starts at a constant: what a shadow-stack pointer looks like. */
export interface StackPointerGlobal {
  /** Index in the module's global index space (kernels import no globals). */
  readonly index: number;
  /** The value the module starts the stack at; the stack grows down from here. */
  readonly initial: number;
}

/** What instantiating the kernel does to memory, and how its shadow stack can be found. */
export interface KernelModuleFacts {
  /** Active or passive data segments: instantiating writes them into the memory. */
  readonly hasDataSegments: boolean;
  /** A start function runs at instantiation and may write memory (wasm-ld's `__wasm_init_memory`). */
  readonly hasStart: boolean;
  /** The kernel contains `memory.grow`. */
  readonly growsMemory: boolean;
  /** clang's `__stack_pointer`, when the name section names it. */
  readonly stackPointer: StackPointerGlobal | undefined;
  /** Whether the name section names the globals; without it the stack pointer is not found by name. */
  readonly globalsNamed: boolean;
  /** Globals shaped like a stack pointer, by index. */
  readonly stackPointerCandidates: readonly StackPointerGlobal[];
}

/**
 * A kernel as the host admitted it: checked once per content hash against the kernel ABI
 * (docs/kernel-abi.md) and read for the facts every device needs, so no device parses the
 * bytes again for them. This is what `DispatchRequest.kernel` carries.
 */
export interface AdmittedKernel {
  readonly bytes: Uint8Array;
  /** Stable hash of `bytes` (hex), the same for every backend: the key of every kernel cache. */
  readonly hash: string;
  readonly memory: KernelMemoryImport;
  /** The buffers `kernel` takes: its params are 3 + 2 × bufferCount i32s. */
  readonly bufferCount: number;
  readonly uses: KernelFeatureUses;
  readonly facts: KernelModuleFacts;
}
