import type { KernelFeatures } from '../contracts/capabilities.js';
import type { Instruction } from './instruction-reader.js';

/** The feature flags an instruction can show by itself (the others are facts about addresses or imports). */
export type OpFeature = 'i64' | 'f32' | 'f64' | 'simd' | 'atomics' | 'bulkMemory';

/** Value types as admission names them; a value of one of these types means the feature is used. */
export const VALUE_TYPE_FEATURES: Readonly<Record<number, { readonly feature: OpFeature; readonly name: string }>> = {
  0x7e: { feature: 'i64', name: 'i64' },
  0x7d: { feature: 'f32', name: 'f32' },
  0x7c: { feature: 'f64', name: 'f64' },
  0x7b: { feature: 'simd', name: 'v128' },
};

const ranges = (...spans: [number, number][]): Set<number> => {
  const set = new Set<number>();
  for (const [from, to] of spans) for (let op = from; op <= to; op++) set.add(op);
  return set;
};

/**
 * One-byte opcodes that take or make a value of each type (the core spec's opcode table):
 * consts, loads and stores, comparisons, arithmetic, and conversions on either side.
 */
const ONE_BYTE: Readonly<Record<'i64' | 'f32' | 'f64', Set<number>>> = {
  i64: ranges([0x42, 0x42], [0x29, 0x29], [0x30, 0x35], [0x37, 0x37], [0x3c, 0x3e], [0x50, 0x5a], [0x79, 0x8a], [0xa7, 0xa7], [0xac, 0xb1], [0xb4, 0xb5], [0xb9, 0xba], [0xbd, 0xbd], [0xbf, 0xbf], [0xc2, 0xc4]),
  f32: ranges([0x43, 0x43], [0x2a, 0x2a], [0x38, 0x38], [0x5b, 0x60], [0x8b, 0x98], [0xa8, 0xa9], [0xae, 0xaf], [0xb2, 0xb6], [0xbb, 0xbc], [0xbe, 0xbe]),
  f64: ranges([0x44, 0x44], [0x2b, 0x2b], [0x39, 0x39], [0x61, 0x66], [0x99, 0xa6], [0xaa, 0xab], [0xb0, 0xb1], [0xb6, 0xbb], [0xbd, 0xbd], [0xbf, 0xbf]),
};

/** 0xfc 0–7, the saturating truncations: i32/i64 from f32/f64, in that order. */
const TRUNC_SAT: readonly (readonly OpFeature[])[] = [
  ['f32'], ['f32'], ['f64'], ['f64'], ['i64', 'f32'], ['i64', 'f32'], ['i64', 'f64'], ['i64', 'f64'],
];

/** 0xfe atomics that move an i64: wait64, the i64 loads and stores, and the i64 columns of each rmw group. */
function isI64Atomic(sub: number): boolean {
  if (sub === 0x02) return true;
  if (sub >= 0x10 && sub <= 0x1d) return [0x11, 0x14, 0x15, 0x16, 0x18, 0x1b, 0x1c, 0x1d].includes(sub);
  if (sub >= 0x1e && sub <= 0x4e) return [1, 4, 5, 6].includes((sub - 0x1e) % 7);
  return false;
}

/** The features one instruction uses. */
export function featuresOf(instruction: Instruction): OpFeature[] {
  const { op, sub } = instruction;
  switch (op) {
    case 0xfc:
      if (sub <= 7) return [...TRUNC_SAT[sub]!];
      return sub === 8 || sub === 9 || sub === 10 || sub === 11 ? ['bulkMemory'] : [];
    case 0xfd:
      return ['simd'];
    case 0xfe:
      return isI64Atomic(sub) ? ['atomics', 'i64'] : ['atomics'];
    default:
      return (['i64', 'f32', 'f64'] as const).filter((feature) => ONE_BYTE[feature].has(op));
  }
}

/** How an instruction is named in messages: the prefix and sub-opcode, or the opcode. */
export function describeInstruction(instruction: Instruction): string {
  const hex = (value: number) => `0x${value.toString(16).padStart(2, '0')}`;
  return instruction.sub < 0 ? `opcode ${hex(instruction.op)}` : `opcode ${hex(instruction.op)} ${instruction.sub}`;
}

/** User-facing names of the capability flags, for the one refusal message every backend shares. */
export const FEATURE_NAMES: Readonly<Record<keyof KernelFeatures, string>> = {
  i64: '64-bit integers (i64)',
  f32: '32-bit floats (f32)',
  f64: '64-bit floats (f64)',
  simd: 'SIMD (v128)',
  atomics: 'atomics',
  bulkMemory: 'bulk memory (memory.copy/fill/init)',
  scatteredStores: 'stores whose address is not an affine function of the iteration id',
  unsharedMemory: 'an unshared memory import',
};
