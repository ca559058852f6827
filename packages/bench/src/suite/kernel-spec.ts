import type { BufferAccessKind } from '@wasi-parallel/core';

/** The three problem sizes; `large` matches the targets (mandelbrot 1024² × 256, matmul 512). */
export type SizeName = 'small' | 'medium' | 'large';
export const SIZE_NAMES: readonly SizeName[] = ['small', 'medium', 'large'];

export interface BufferSpec {
  readonly name: string;
  readonly bytes: number;
  readonly access: BufferAccessKind;
}

/** One kernel at one size: exactly what every runner is handed. */
export interface KernelCase {
  readonly kernel: KernelSpec;
  readonly size: SizeName;
  /** int32 values of buffer 0 (the kernel's parameters); empty when the kernel takes no buffers. */
  readonly params: readonly number[];
  /** Buffer 0 is the parameters; the rest in the order `kernel` takes them. */
  readonly buffers: readonly BufferSpec[];
  readonly numIterations: number;
  readonly blockSize: number;
  /** What one sample computes, for the table, e.g. `1024² × 256 iters`. */
  readonly label: string;
  /**
   * Bytes one call must move to and from memory (STREAM's count: each array element read or
   * written once), set on the kernels that measure memory bandwidth; rows then get GB/s.
   */
  readonly bytesMoved?: number;
}

export interface KernelSpec {
  /** Stable id, used by `--kernels` and in the JSON; the C name is the id with '-' as '_'. */
  readonly id: string;
  readonly description: string;
  /** Number of buffers `kernel` takes (the wasm module is built for this arity). */
  readonly arity: 0 | 2 | 3 | 4;
  /** Whether the kernel needs atomics (only devices whose capabilities accept them can run it). */
  readonly atomics: boolean;
  caseFor(size: SizeName): KernelCase;
}

/** The C identifier of a kernel id. */
export function cName(id: string): string {
  return id.replace(/-/g, '_');
}
