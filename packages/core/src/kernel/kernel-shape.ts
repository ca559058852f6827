import { SectionId, WasmReader, readLimits, readSections, type Limits } from './wasm-reader.js';

export type ValueType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref' | 'unknown';

const VALUE_TYPES: Readonly<Record<number, ValueType>> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

export interface KernelImport {
  readonly module: string;
  readonly field: string;
  /** `function`, `table`, `memory`, `global` or `tag`. */
  readonly kind: string;
  /** Present for memory imports. */
  readonly limits?: Limits;
}

export interface FunctionSignature {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
}

/** What the kernel ABI check needs to know about a module, read from its binary. */
export interface KernelShape {
  readonly imports: readonly KernelImport[];
  /** The signature of the exported `kernel` when it is a function; undefined when there is none. */
  readonly kernel: FunctionSignature | undefined;
  /** What the export named `kernel` is, when it exists but is not a function. */
  readonly kernelExportKind: string | undefined;
}

const EXTERNAL_KINDS = ['function', 'table', 'memory', 'global', 'tag'];

function readValueType(reader: WasmReader): ValueType {
  return VALUE_TYPES[reader.byte()] ?? 'unknown';
}

function readFunctionTypes(reader: WasmReader): FunctionSignature[] {
  const types: FunctionSignature[] = [];
  for (let count = reader.u32(), i = 0; i < count; i++) {
    const form = reader.byte();
    if (form !== 0x60) {
      // A GC-proposal type (struct, array, rec group): a kernel never needs one, and we cannot
      // skip it without decoding it; stop here and let the signature read as unknown.
      break;
    }
    const params = Array.from({ length: reader.u32() }, () => readValueType(reader));
    const results = Array.from({ length: reader.u32() }, () => readValueType(reader));
    types.push({ params, results });
  }
  return types;
}

function readImport(reader: WasmReader): KernelImport {
  const module = reader.name();
  const field = reader.name();
  const kindByte = reader.byte();
  const kind = EXTERNAL_KINDS[kindByte] ?? `unknown(0x${kindByte.toString(16)})`;
  switch (kindByte) {
    case 0: // function: type index
      reader.u32();
      return { module, field, kind };
    case 1: // table: reftype + limits
      reader.byte();
      readLimits(reader);
      return { module, field, kind };
    case 2:
      return { module, field, kind, limits: readLimits(reader) };
    case 3: // global: valtype + mutability
      reader.byte();
      reader.byte();
      return { module, field, kind };
    case 4: // tag: attribute + type index
      reader.byte();
      reader.u32();
      return { module, field, kind };
    default:
      return { module, field, kind };
  }
}

/**
 * Reads a module's imports and the signature of its `kernel` export. The caller has already
 * run `WebAssembly.validate`, so this only needs to be right on valid modules and safe on the
 * rest.
 */
export function readKernelShape(bytes: Uint8Array): KernelShape {
  const imports: KernelImport[] = [];
  let types: FunctionSignature[] = [];
  let functionTypeIndices: number[] = [];
  let kernelExport: { kind: number; index: number } | undefined;

  for (const section of readSections(bytes)) {
    const reader = new WasmReader(bytes, section.contentStart, section.end);
    if (section.id === SectionId.TYPE) {
      types = readFunctionTypes(reader);
    } else if (section.id === SectionId.IMPORT) {
      for (let count = reader.u32(), i = 0; i < count; i++) imports.push(readImport(reader));
    } else if (section.id === SectionId.FUNCTION) {
      functionTypeIndices = Array.from({ length: reader.u32() }, () => reader.u32());
    } else if (section.id === SectionId.EXPORT) {
      for (let count = reader.u32(), i = 0; i < count; i++) {
        const name = reader.name();
        const kind = reader.byte();
        const index = reader.u32();
        if (name === 'kernel') kernelExport = { kind, index };
      }
    }
  }

  if (!kernelExport) return { imports, kernel: undefined, kernelExportKind: undefined };
  if (kernelExport.kind !== 0) {
    return { imports, kernel: undefined, kernelExportKind: EXTERNAL_KINDS[kernelExport.kind] ?? 'unknown' };
  }
  const importedFunctions = imports.filter((entry) => entry.kind === 'function').length;
  const typeIndex = functionTypeIndices[kernelExport.index - importedFunctions];
  const signature = typeIndex === undefined ? undefined : types[typeIndex];
  return {
    imports,
    kernel: signature ?? { params: ['unknown'], results: [] },
    kernelExportKind: 'function',
  };
}
