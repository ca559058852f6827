import type { KernelFeatureUse, KernelFeatureUses, KernelModuleFacts, StackPointerGlobal } from '../contracts/kernel.js';
import { describeInstruction, featuresOf, VALUE_TYPE_FEATURES, type OpFeature } from './feature-ops.js';
import { instructions } from './instruction-reader.js';
import { readNameSection, type ModuleNames } from './name-section.js';
import { SectionId, WasmReader, readSections, type Section } from './wasm-reader.js';

/** clang's (wasm-ld's) name of the shadow-stack pointer global. */
export const STACK_POINTER_NAME = '__stack_pointer';

interface GlobalEntry {
  readonly type: number;
  readonly mutable: boolean;
  /** The i32.const the global starts at, when its init expression is just that. */
  readonly constInit: number | undefined;
  readonly offset: number;
}

/** Skips a constant expression up to and including its `end`; its i32.const value when it is only that. */
function readConstExpr(reader: WasmReader): number | undefined {
  let value: number | undefined;
  let ops = 0;
  for (const instruction of instructions(reader)) {
    if (instruction.op === 0x0b) break;
    ops++;
    if (instruction.op === 0x41) value = new WasmReader(reader.bytes, instruction.offset + 1).s32();
  }
  return ops === 1 ? value : undefined;
}

/** A reader over one section's contents that reports offsets in the whole module. */
function sectionReader(bytes: Uint8Array, section: Section): WasmReader {
  return new WasmReader(bytes, section.contentStart, section.end);
}

function readGlobals(bytes: Uint8Array, section: Section): GlobalEntry[] {
  const globals: GlobalEntry[] = [];
  const r = sectionReader(bytes, section);
  for (let count = r.u32(), i = 0; i < count; i++) {
    const offset = r.offset;
    const type = r.byte();
    if (type === 0x63 || type === 0x64) r.skipLeb(); // (ref null? ht): a heap type follows
    const mutable = r.byte() === 1;
    globals.push({ type, mutable, constInit: readConstExpr(r), offset });
  }
  return globals;
}

function readTypes(bytes: Uint8Array, section: Section | undefined): (readonly number[])[] {
  if (!section) return [];
  const r = sectionReader(bytes, section);
  const types: number[][] = [];
  for (let count = r.u32(), i = 0; i < count; i++) {
    // A GC-proposal type (struct, array, rec group) cannot be skipped without decoding it; a
    // kernel never needs one, and the rest of the signatures then simply go unread.
    if (r.byte() !== 0x60) break;
    const params = Array.from({ length: r.u32() }, () => r.byte());
    const results = Array.from({ length: r.u32() }, () => r.byte());
    types.push([...params, ...results]);
  }
  return types;
}

function readFunctionExports(bytes: Uint8Array, section: Section | undefined): Map<number, string> {
  const names = new Map<number, string>();
  if (!section) return names;
  const r = sectionReader(bytes, section);
  for (let count = r.u32(), i = 0; i < count; i++) {
    const name = r.name();
    const kind = r.byte();
    const index = r.u32();
    if (kind === 0 && !names.has(index)) names.set(index, name);
  }
  return names;
}

class FeatureRecorder {
  readonly uses: { -readonly [F in OpFeature]?: KernelFeatureUse } = {};

  constructor(
    readonly names: ModuleNames,
    /** Function exports by index: a name for functions the name section does not name (or when there is none). */
    readonly exportNames: ReadonlyMap<number, string>,
  ) {}

  functionName(index: number): string {
    return this.names.functions.get(index) ?? this.exportNames.get(index) ?? `function ${index}`;
  }

  record(feature: OpFeature, functionIndex: number | undefined, offset: number, what: string): void {
    this.uses[feature] ??= { function: functionIndex === undefined ? 'module' : this.functionName(functionIndex), offset, what };
  }

  recordType(type: number, functionIndex: number | undefined, offset: number, where: string): void {
    const known = VALUE_TYPE_FEATURES[type];
    if (known) this.record(known.feature, functionIndex, offset, `${where} of type ${known.name}`);
  }
}

/**
 * Reads, without an IR, the facts every device needs about an admitted kernel: the features
 * its signatures, locals, globals and instructions use (each with its first use), and what
 * instantiating it writes (data segments, a start function) and where its shadow stack is.
 * The module has already passed validation and the kernel ABI check.
 */
export function readKernelFacts(bytes: Uint8Array, importedFunctions: number): { uses: KernelFeatureUses; facts: KernelModuleFacts } {
  const sections = readSections(bytes);
  const byId = (id: number) => sections.find((section) => section.id === id);
  const names = readNameSection(sections);
  const recorder = new FeatureRecorder(names, readFunctionExports(bytes, byId(SectionId.EXPORT)));
  const types = readTypes(bytes, byId(SectionId.TYPE));

  const globalSection = byId(SectionId.GLOBAL);
  const globals = globalSection ? readGlobals(bytes, globalSection) : [];
  for (const global of globals) recorder.recordType(global.type, undefined, global.offset, 'a global');

  const functionSection = byId(SectionId.FUNCTION);
  const typeIndices: number[] = [];
  if (functionSection) {
    const r = sectionReader(bytes, functionSection);
    for (let count = r.u32(), i = 0; i < count; i++) typeIndices.push(r.u32());
  }

  let growsMemory = false;
  const code = byId(SectionId.CODE);
  if (code) {
    const r = sectionReader(bytes, code);
    for (let count = r.u32(), i = 0; i < count; i++) {
      const functionIndex = importedFunctions + i;
      const size = r.u32();
      const bodyStart = r.offset;
      const bodyEnd = bodyStart + size;
      for (const type of types[typeIndices[i]!] ?? []) recorder.recordType(type, functionIndex, bodyStart, 'a parameter or result');
      for (let groups = r.u32(), g = 0; g < groups; g++) {
        const at = r.offset;
        r.u32();
        recorder.recordType(r.byte(), functionIndex, at, 'a local');
      }
      for (const instruction of instructions(new WasmReader(bytes, r.offset, bodyEnd))) {
        if (instruction.op === 0x40) growsMemory = true;
        for (const feature of featuresOf(instruction)) recorder.record(feature, functionIndex, instruction.offset, describeInstruction(instruction));
      }
      r.offset = bodyEnd;
    }
  }

  const data = byId(SectionId.DATA);
  const candidates: StackPointerGlobal[] = globals.flatMap((global, index) =>
    global.type === 0x7f && global.mutable && global.constInit !== undefined ? [{ index, initial: global.constInit >>> 0 }] : [],
  );
  return {
    uses: recorder.uses,
    facts: {
      hasDataSegments: data ? new WasmReader(data.content).u32() > 0 : false,
      hasStart: byId(SectionId.START) !== undefined,
      growsMemory,
      stackPointer: candidates.find((candidate) => names.globals.get(candidate.index) === STACK_POINTER_NAME),
      globalsNamed: names.globals.size > 0,
      stackPointerCandidates: candidates,
    },
  };
}
