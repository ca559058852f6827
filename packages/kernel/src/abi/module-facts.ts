import type { KernelDataSegment, KernelGlobal } from '../ir/module.js';
import { binaryen, type BinaryenModule } from '../decode/binaryen.js';
import { floatConstBits } from '../decode/float-bits.js';
import { valueType } from '../decode/types.js';
import { invalidKernel } from '../errors.js';

/** A data segment with its bytes, as read from binaryen (before any check). */
export interface DataSegmentFacts extends KernelDataSegment {
  readonly name: string;
  readonly data: Uint8Array;
}

/** What the ABI checks read from a module besides code: exports, globals, data, start. */
export interface ModuleFacts {
  /** Internal name of the function exported as `kernel`. */
  readonly kernelFunction: string;
  readonly globals: readonly KernelGlobal[];
  /** Export name → internal global name, for `__heap_base` and friends. */
  readonly exportedGlobals: ReadonlyMap<string, string>;
  readonly dataSegments: readonly DataSegmentFacts[];
  readonly startFunction: string | undefined;
}

function constInit(expr: number): number | bigint | undefined {
  if (!expr || binaryen.getExpressionId(expr) !== binaryen.ConstId) return undefined;
  const info = binaryen.getExpressionInfo(expr) as unknown as { type: number; value: unknown };
  if (info.type === binaryen.i64) {
    // binaryen.js ≥ 117 hands i64 constants over as a bigint; older builds as { low, high }.
    if (typeof info.value === 'bigint') return BigInt.asIntN(64, info.value);
    const { low, high } = info.value as { low: number; high: number };
    return BigInt.asIntN(64, (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0));
  }
  return typeof info.value === 'number' ? info.value : undefined;
}

export function readModuleFacts(module: BinaryenModule): ModuleFacts {
  let kernelFunction: string | undefined;
  const exportedGlobals = new Map<string, string>();
  for (let i = 0; i < module.getNumExports(); i++) {
    const info = binaryen.getExportInfo(module.getExportByIndex(i));
    if (info.name === 'kernel' && info.kind === binaryen.ExternalFunction) kernelFunction = info.value;
    if (info.kind === binaryen.ExternalGlobal) exportedGlobals.set(info.name, info.value);
  }
  if (kernelFunction === undefined) throw invalidKernel('the kernel exports no function named `kernel`');

  const globals: KernelGlobal[] = [];
  for (let i = 0; i < module.getNumGlobals(); i++) {
    const info = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
    const type = valueType(info.type);
    if (!type) throw invalidKernel(`global \`${info.name}\` has a reference type; kernels use numeric globals only`);
    const init = constInit(info.init);
    const float = (type === 'f32' || type === 'f64') && typeof init === 'number';
    globals.push({ name: info.name, type, mutable: info.mutable, init, ...(float ? { initBits: floatConstBits(type, init, info.init) } : {}) });
  }

  const dataSegments: DataSegmentFacts[] = [];
  // These exist at run time but not in binaryen's typings.
  const withInfo = module as unknown as {
    getNumDataSegments(): number;
    getDataSegmentInfo(segment: number): unknown;
    getDataSegmentByIndex(index: number): number;
  };
  for (let i = 0; i < withInfo.getNumDataSegments(); i++) {
    const info = withInfo.getDataSegmentInfo(withInfo.getDataSegmentByIndex(i)) as {
      name: string;
      offset: number | null;
      data: ArrayBuffer;
      passive: boolean;
    };
    const data = new Uint8Array(info.data);
    dataSegments.push({ name: info.name, offset: info.passive ? undefined : (info.offset ?? 0) >>> 0, size: data.length, data });
  }

  const start = module.getStart();
  return {
    kernelFunction,
    globals,
    exportedGlobals,
    dataSegments,
    startFunction: start ? binaryen.getFunctionInfo(start).name : undefined,
  };
}
