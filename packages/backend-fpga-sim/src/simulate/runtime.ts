import { demote, f32Bits, f32Value, f64Abs, f64Bits, f64Copysign, f64FromBits, f64Neg, max32, max64, min32, min64, nearest, promote, round32, round64, unary32, unary64, bigintToFloat } from './float-bits.js';
import { clz64, ctz32, ctz64, popcnt32, popcnt64, rotl32, rotl64, rotr32, rotr64, truncFits, truncSat, truncSatI64 } from './integer-ops.js';

/** A wasm trap inside the simulated kernel; the device turns it into KERNEL_TRAP. */
export class KernelTrap extends Error {
  constructor(
    message: string,
    readonly fn: string,
    readonly loc: number,
    /** Known when the kernel body is one pipeline over iteration ids; else the runner knows. */
    readonly iteration?: number,
  ) {
    super(message);
  }
}

/** The call's time limit ran out; the device turns it into TIMEOUT. */
export class KernelTimeout extends Error {
  constructor(
    message: string,
    /** Known when the kernel body is one pipeline over iteration ids; else the runner knows. */
    readonly iteration?: number,
  ) {
    super(message);
  }
}

/**
 * `R` in the generated code: the numeric helpers, the trap factory and the deadline. One
 * object for every compiled kernel; a call sets `deadlineAt` before it runs (calls run one at a
 * time on the host's thread).
 */
export const RUNTIME = {
  f32Value, f32Bits, f64Bits, f64FromBits, round32, round64, unary32, unary64, min32, max32, min64, max64,
  f64Neg, f64Abs, f64Copysign, demote, promote, nearest, bigintToFloat,
  ctz32, popcnt32, rotl32, rotr32, clz64, ctz64, popcnt64, rotl64, rotr64, truncSat, truncSatI64, truncFits,
  deadlineAt: Number.POSITIVE_INFINITY,
  trap(message: string, fn: string, loc: number, iteration?: number): KernelTrap {
    return new KernelTrap(message, fn, loc, iteration);
  },
  deadline(iteration?: number): void {
    if (Date.now() > RUNTIME.deadlineAt) throw new KernelTimeout('the call ran past its time limit', iteration);
  },
};
