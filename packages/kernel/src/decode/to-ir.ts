import type { AtomicRmwOp, ConstValue, Expr, ValueType, AccessWidth } from '../ir/types.js';
import type { KernelFunction, KernelLocal } from '../ir/module.js';
import { invalidKernel } from '../errors.js';
import { FRONT_END_LIMITS } from '../limits.js';
import { binaryen } from './binaryen.js';
import { floatConstBits } from './float-bits.js';
import { operationNames, type OpFamily } from './op-names.js';
import { exprType, valueType, valueTypes } from './types.js';

type Ref = number;
// binaryen's per-kind info objects; typed loosely here, checked by `kind` below.
type Info = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// `Operations` and `Function` exist at run time but binaryen's typings hide them (a const enum; no declaration).
const runtime = binaryen as unknown as {
  Operations: Record<string, number>;
  Function: { hasLocalName(func: number, index: number): boolean; getLocalName(func: number, index: number): string };
};
const OP_NAMES = operationNames(runtime.Operations);
const Ops = runtime.Operations;
const RMW_OPS = new Map<number, AtomicRmwOp>(
  (['add', 'sub', 'and', 'or', 'xor', 'xchg'] as const).map((op) => [Ops[`AtomicRMW${op[0]!.toUpperCase()}${op.slice(1)}`]!, op]),
);

function opName(family: OpFamily, op: number): string {
  return OP_NAMES.get(family)?.get(op) ?? `binaryen.${family}${op}`;
}

function constValue(type: number, value: unknown, expr: Ref): ConstValue {
  switch (valueType(type)) {
    case 'i32':
      return { type: 'i32', value: (value as number) | 0 };
    case 'i64': {
      // binaryen.js ≥ 117 hands i64 constants over as a bigint; older builds as { low, high }.
      if (typeof value === 'bigint') return { type: 'i64', value: BigInt.asIntN(64, value) };
      const { low, high } = value as { low: number; high: number };
      return { type: 'i64', value: BigInt.asIntN(64, (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)) };
    }
    case 'f32':
      return { type: 'f32', value: value as number, bits: Number(floatConstBits('f32', value as number, expr)) };
    case 'f64':
      return { type: 'f64', value: value as number, bits: floatConstBits('f64', value as number, expr) };
    case 'v128':
      return { type: 'v128', value: Array.from(value as ArrayLike<number>) };
    default:
      throw new TypeError('constant of a reference type');
  }
}

/** Converts one binaryen function body into IR, numbering instructions in pre-order. */
class FunctionConverter {
  #next = 0;

  constructor(
    readonly functionName: string,
    readonly segmentIndex: ReadonlyMap<string, number>,
  ) {}

  get count(): number {
    return this.#next;
  }

  #opt(ref: Ref, depth: number): Expr | undefined {
    return ref ? this.convert(ref, depth) : undefined;
  }

  #list(refs: readonly Ref[], depth: number): Expr[] {
    return refs.map((ref) => this.convert(ref, depth));
  }

  #segment(name: string, loc: number): number {
    const index = this.segmentIndex.get(name);
    if (index === undefined) throw invalidKernel(`unknown data segment ${name}`, { function: this.functionName, loc });
    return index;
  }

  convert(ref: Ref, depth: number): Expr {
    const loc = this.#next++;
    // binaryen leaves a null body where vacuum emptied a function.
    if (!ref) return { type: 'none', loc, kind: 'nop' };
    if (depth > FRONT_END_LIMITS.MAX_NESTING) {
      throw invalidKernel(`expressions nest deeper than ${FRONT_END_LIMITS.MAX_NESTING}`, { function: this.functionName, loc });
    }
    const d = depth + 1;
    // binaryen 132's getExpressionInfo throws on nop and unreachable (no fields to read).
    const id = binaryen.getExpressionId(ref);
    if (id === binaryen.NopId) return { type: 'none', loc, kind: 'nop' };
    if (id === binaryen.UnreachableId) return { type: 'unreachable', loc, kind: 'unreachable' };
    const info = binaryen.getExpressionInfo(ref) as Info;
    const type = exprType(info['type']);
    const base = { type, loc };
    const access = () => ({
      offset: info['offset'] as number,
      bytes: info['bytes'] as AccessWidth,
      align: (info['align'] as number) || (info['bytes'] as number),
    });
    switch (info['id']) {
      case binaryen.BlockId:
        return { ...base, kind: 'block', label: info['name'] || undefined, body: this.#list(info['children'], d) };
      case binaryen.LoopId:
        return { ...base, kind: 'loop', label: info['name'] || undefined, body: this.convert(info['body'], d) };
      case binaryen.IfId: {
        const condition = this.convert(info['condition'], d);
        const then = this.convert(info['ifTrue'], d);
        return { ...base, kind: 'if', condition, then, else: this.#opt(info['ifFalse'], d) };
      }
      case binaryen.BreakId: {
        const value = this.#opt(info['value'], d);
        if (info['condition']) return { ...base, kind: 'br_if', label: info['name'], value, condition: this.convert(info['condition'], d) };
        return { ...base, kind: 'br', label: info['name'], value };
      }
      case binaryen.SwitchId: {
        const value = this.#opt(info['value'], d);
        const index = this.convert(info['condition'], d);
        return { ...base, kind: 'br_table', labels: [...info['names']], defaultLabel: info['defaultName'] ?? '', index, value };
      }
      case binaryen.ReturnId:
        return { ...base, kind: 'return', value: this.#opt(info['value'], d) };
      case binaryen.CallId:
        return { ...base, kind: 'call', target: info['target'], operands: this.#list(info['operands'], d), tail: !!info['isReturn'] };
      case binaryen.CallIndirectId: {
        const operands = this.#list(info['operands'], d);
        const target = this.convert(info['target'], d);
        return {
          ...base,
          kind: 'call_indirect',
          table: String(info['table'] ?? '0'),
          target,
          operands,
          params: valueTypes(info['params'] ?? binaryen.none),
          results: valueTypes(info['results'] ?? binaryen.none),
          tail: !!info['isReturn'],
        };
      }
      case binaryen.DropId:
        return { ...base, kind: 'drop', value: this.convert(info['value'], d) };
      case binaryen.SelectId: {
        const ifTrue = this.convert(info['ifTrue'], d);
        const ifFalse = this.convert(info['ifFalse'], d);
        return { ...base, kind: 'select', ifTrue, ifFalse, condition: this.convert(info['condition'], d) };
      }
      case binaryen.LocalGetId:
        return { ...base, kind: 'local.get', local: info['index'] };
      case binaryen.LocalSetId:
        return { ...base, kind: info['isTee'] ? 'local.tee' : 'local.set', local: info['index'], value: this.convert(info['value'], d) };
      case binaryen.GlobalGetId:
        return { ...base, kind: 'global.get', global: info['name'] };
      case binaryen.GlobalSetId:
        return { ...base, kind: 'global.set', global: info['name'], value: this.convert(info['value'], d) };
      case binaryen.ConstId:
        return { ...base, kind: 'const', value: constValue(info['type'], info['value'], ref) };
      case binaryen.UnaryId:
        return { ...base, kind: 'unary', op: opName('unary', info['op']), value: this.convert(info['value'], d) };
      case binaryen.BinaryId: {
        const left = this.convert(info['left'], d);
        return { ...base, kind: 'binary', op: opName('binary', info['op']), left, right: this.convert(info['right'], d) };
      }
      case binaryen.LoadId:
        return { ...base, ...access(), kind: 'load', signed: !!info['isSigned'], atomic: !!info['isAtomic'], ptr: this.convert(info['ptr'], d) };
      case binaryen.StoreId: {
        const ptr = this.convert(info['ptr'], d);
        const value = this.convert(info['value'], d);
        const stored = valueType(info['valueType']) ?? (value.type as ValueType);
        return { ...base, ...access(), kind: 'store', atomic: !!info['isAtomic'], ptr, value, valueType: stored };
      }
      case binaryen.AtomicRMWId: {
        const ptr = this.convert(info['ptr'], d);
        const op = RMW_OPS.get(info['op']) ?? 'add';
        return { ...base, ...access(), align: info['bytes'], kind: 'atomic.rmw', op, ptr, value: this.convert(info['value'], d) };
      }
      case binaryen.AtomicCmpxchgId: {
        const ptr = this.convert(info['ptr'], d);
        const expected = this.convert(info['expected'], d);
        const replacement = this.convert(info['replacement'], d);
        return { ...base, ...access(), align: info['bytes'], kind: 'atomic.cmpxchg', ptr, expected, replacement };
      }
      case binaryen.AtomicWaitId: {
        const ptr = this.convert(info['ptr'], d);
        const expected = this.convert(info['expected'], d);
        const timeout = this.convert(info['timeout'], d);
        return { ...base, kind: 'atomic.wait', ptr, expected, timeout, expectedType: valueType(info['expectedType']) ?? 'i32' };
      }
      case binaryen.AtomicNotifyId: {
        const ptr = this.convert(info['ptr'], d);
        return { ...base, kind: 'atomic.notify', ptr, count: this.convert(info['notifyCount'], d) };
      }
      case binaryen.AtomicFenceId:
        return { ...base, kind: 'atomic.fence' };
      case binaryen.MemorySizeId:
        return { ...base, kind: 'memory.size' };
      case binaryen.MemoryGrowId:
        return { ...base, kind: 'memory.grow', delta: this.convert(info['delta'], d) };
      case binaryen.MemoryInitId: {
        const dest = this.convert(info['dest'], d);
        const offset = this.convert(info['offset'], d);
        const size = this.convert(info['size'], d);
        return { ...base, kind: 'memory.init', segment: this.#segment(info['segment'], loc), dest, offset, size };
      }
      case binaryen.DataDropId:
        return { ...base, kind: 'data.drop', segment: this.#segment(info['segment'], loc) };
      case binaryen.MemoryCopyId: {
        const dest = this.convert(info['dest'], d);
        const source = this.convert(info['source'], d);
        return { ...base, kind: 'memory.copy', dest, source, size: this.convert(info['size'], d) };
      }
      case binaryen.MemoryFillId: {
        const dest = this.convert(info['dest'], d);
        const value = this.convert(info['value'], d);
        return { ...base, kind: 'memory.fill', dest, value, size: this.convert(info['size'], d) };
      }
      case binaryen.SIMDExtractId: {
        const vec = this.convert(info['vec'], d);
        return { ...base, kind: 'simd.extract', op: opName('extract', info['op']), vec, lane: info['index'] };
      }
      case binaryen.SIMDReplaceId: {
        const vec = this.convert(info['vec'], d);
        const value = this.convert(info['value'], d);
        return { ...base, kind: 'simd.replace', op: opName('replace', info['op']), vec, lane: info['index'], value };
      }
      case binaryen.SIMDShuffleId: {
        const left = this.convert(info['left'], d);
        return { ...base, kind: 'simd.shuffle', left, right: this.convert(info['right'], d), mask: [...info['mask']] };
      }
      case binaryen.SIMDTernaryId: {
        const a = this.convert(info['a'], d);
        const b = this.convert(info['b'], d);
        return { ...base, kind: 'simd.ternary', op: opName('ternary', info['op']), a, b, c: this.convert(info['c'], d) };
      }
      case binaryen.SIMDShiftId: {
        const vec = this.convert(info['vec'], d);
        return { ...base, kind: 'simd.shift', op: opName('shift', info['op']), vec, shift: this.convert(info['shift'], d) };
      }
      case binaryen.SIMDLoadId: {
        const op = opName('simdLoad', info['op']);
        const bytes = simdLoadBytes(op);
        return { ...base, kind: 'simd.load', op, offset: info['offset'], bytes, align: info['align'] || bytes, ptr: this.convert(info['ptr'], d) };
      }
      case binaryen.SIMDLoadStoreLaneId: {
        const op = opName('lane', info['op']);
        const ptr = this.convert(info['ptr'], d);
        const vec = this.convert(info['vec'], d);
        const bytes = (Number(/(\d+)_lane/.exec(op)?.[1] ?? 8) / 8) as AccessWidth;
        const kind = op.startsWith('v128.store') ? 'simd.store_lane' : 'simd.load_lane';
        return { ...base, kind, op, offset: info['offset'], bytes, align: info['align'] || bytes, lane: info['index'], ptr, vec };
      }
      case binaryen.TupleMakeId:
        return { ...base, kind: 'tuple.make', operands: this.#list(info['operands'], d) };
      case binaryen.TupleExtractId:
        return { ...base, kind: 'tuple.extract', tuple: this.convert(info['tuple'], d), index: info['index'] };
      default:
        throw invalidKernel(`expression id ${info['id']} is not allowed in a kernel`, { function: this.functionName, loc });
    }
  }
}

/** Bytes a SIMD load reads from memory: `v128.load8_splat` 1, `v128.load16x4_s` 8, `v128.load32_zero` 4. */
function simdLoadBytes(op: string): AccessWidth {
  const splatOrZero = /load(\d+)_(splat|zero)/.exec(op);
  if (splatOrZero) return (Number(splatOrZero[1]) / 8) as AccessWidth;
  return 8; // the extending loads: 8x8, 16x4, 32x2
}

/** Converts a binaryen function (by ref) into a `KernelFunction`. */
export function convertFunction(funcRef: number, segmentIndex: ReadonlyMap<string, number>): KernelFunction {
  const info = binaryen.getFunctionInfo(funcRef);
  const params = valueTypes(info.params);
  const results = valueTypes(info.results);
  const vars = info.vars.map((type) => {
    const mapped = valueType(type);
    if (!mapped) throw invalidKernel('a local of a reference type', { function: info.name });
    return mapped;
  });
  const locals: KernelLocal[] = [...params, ...vars].map((type, index) => ({
    index,
    type,
    name: runtime.Function.hasLocalName(funcRef, index) ? runtime.Function.getLocalName(funcRef, index) : undefined,
    isParam: index < params.length,
  }));
  const converter = new FunctionConverter(info.name, segmentIndex);
  const body = converter.convert(info.body, 0);
  const imported = info.module ? { module: info.module, base: info.base ?? '' } : undefined;
  return { name: info.name, params, results, locals, body, instructionCount: converter.count, ...(imported ? { imported } : {}) };
}
