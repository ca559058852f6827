import { WasmReader, SectionId, readSections } from '@wasi-parallel/core';

/** The clang/wasm-ld name of the shadow-stack pointer, read from the module's name section. */
export const STACK_POINTER_NAME = '__stack_pointer';

export interface StackPointer {
  /** Index of the global in the module's global index space (kernels import no globals). */
  readonly index: number;
  /** The value the module starts the stack at; the stack grows down from here. */
  readonly initial: number;
}

/** What the backend must know about a kernel to run many instances of it over one memory. */
export interface KernelAnalysis {
  /** Present when the kernel keeps a shadow stack in linear memory (clang's `__stack_pointer`). */
  readonly stackPointer: StackPointer | undefined;
  /** Active or passive data segments: instantiating writes them into the memory. */
  readonly hasDataSegments: boolean;
  /** A start function runs at instantiation and may write memory (wasm-ld's `__wasm_init_memory`). */
  readonly hasStart: boolean;
  /** Whether the name section names the globals; without it the stack pointer is not found by name. */
  readonly globalsNamed: boolean;
  /** Globals shaped like a stack pointer (mutable i32, constant init), by index. */
  readonly stackPointerCandidates: readonly StackPointer[];
}

interface GlobalEntry {
  readonly mutableI32: boolean;
  /** The i32.const the global starts at, when its init expression is just that. */
  readonly constInit: number | undefined;
}

/** Skips a constant expression up to and including its `end`, returning its i32.const value when it is only that. */
function readConstExpr(reader: WasmReader): number | undefined {
  let value: number | undefined;
  let ops = 0;
  for (;;) {
    const op = reader.byte();
    if (op === 0x0b) return ops === 1 ? value : undefined;
    ops++;
    switch (op) {
      case 0x41: // i32.const
        value = reader.s32();
        break;
      case 0x42: // i64.const
        reader.skipLeb();
        break;
      case 0x43: // f32.const
        reader.skip(4);
        break;
      case 0x44: // f64.const
        reader.skip(8);
        break;
      case 0x23: // global.get
      case 0xd2: // ref.func
        reader.u32();
        break;
      case 0xd0: // ref.null heaptype
        reader.byte();
        break;
      case 0xfd: // v128.const
        reader.u32();
        reader.skip(16);
        break;
      default:
        // Extended-const arithmetic (i32.add/sub/mul, i64 likewise) has no immediates.
        break;
    }
  }
}

function readGlobals(content: Uint8Array): GlobalEntry[] {
  const reader = new WasmReader(content);
  const globals: GlobalEntry[] = [];
  for (let count = reader.u32(), i = 0; i < count; i++) {
    const type = reader.byte();
    if (type === 0x63 || type === 0x64) reader.byte(); // (ref null? ht): one more byte for the heap type
    const mutable = reader.byte() === 1;
    const constInit = readConstExpr(reader);
    globals.push({ mutableI32: type === 0x7f && mutable, constInit });
  }
  return globals;
}

/** Global names from the `name` custom section (subsection 7), index → name. */
function readGlobalNames(content: Uint8Array): Map<number, string> {
  const names = new Map<number, string>();
  const reader = new WasmReader(content);
  if (reader.name() !== 'name') return names;
  while (!reader.done) {
    const id = reader.byte();
    const size = reader.u32();
    const end = reader.offset + size;
    if (id === 7) {
      for (let count = reader.u32(), i = 0; i < count; i++) {
        const index = reader.u32();
        names.set(index, reader.name());
      }
    }
    reader.offset = end;
  }
  return names;
}

function isNameSection(content: Uint8Array): boolean {
  try {
    return new WasmReader(content).name() === 'name';
  } catch {
    return false;
  }
}

/**
 * Reads what decides how the kernel may share a memory with other instances of itself. The
 * stack pointer is found here by name; a stripped module (wasm-opt drops the name section)
 * leaves that to `findStrippedStackPointer`, which needs to look at the code.
 */
export function analyseKernel(bytes: Uint8Array): KernelAnalysis {
  let globals: GlobalEntry[] = [];
  let globalNames = new Map<number, string>();
  let hasDataSegments = false;
  let hasStart = false;
  for (const section of readSections(bytes)) {
    if (section.id === SectionId.GLOBAL) globals = readGlobals(section.content);
    else if (section.id === SectionId.DATA) hasDataSegments = new WasmReader(section.content).u32() > 0;
    else if (section.id === SectionId.START) hasStart = true;
    else if (section.id === SectionId.CUSTOM && isNameSection(section.content)) {
      try {
        globalNames = readGlobalNames(section.content);
      } catch {
        // A malformed name section is only debug info; the engine ignores it too.
      }
    }
  }
  const stackPointerCandidates = globals.flatMap((global, index) =>
    global.mutableI32 && global.constInit !== undefined ? [{ index, initial: global.constInit >>> 0 }] : [],
  );
  const stackPointer = stackPointerCandidates.find((candidate) => globalNames.get(candidate.index) === STACK_POINTER_NAME);
  return { stackPointer, hasDataSegments, hasStart, globalsNamed: globalNames.size > 0, stackPointerCandidates };
}
