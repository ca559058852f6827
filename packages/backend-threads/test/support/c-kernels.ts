import { compileC, stripNames } from './clang.js';

const MIX = `
__attribute__((noinline)) static int mix(volatile int *t, int n) {
  int s = 0;
  for (int j = 0; j < n; j++) s += t[j] * (j + 1);
  return s;
}
`;

/**
 * out[i] = Σ_j (in[i] + j)·(j + 1) over a 64-int array that must live on the shadow stack
 * (`volatile`, its address passed to a function that is not inlined). Two instances sharing
 * one stack would mix their arrays.
 */
export const STACK_KERNEL_C = `${MIX}
void kernel(int i, int n, int bs, int *in, int inlen, int *out, int outlen) {
  volatile int tmp[64];
  for (int j = 0; j < 64; j++) tmp[j] = in[i] + j;
  out[i] = mix(tmp, 64);
}
`;

/** The same with a constant table: static data, so wasm-ld adds data segments and `__wasm_init_memory`. */
export const DATA_KERNEL_C = `${MIX}
static const int table[8] = {3, 1, 4, 1, 5, 9, 2, 6};
void kernel(int i, int n, int bs, int *in, int inlen, int *out, int outlen) {
  volatile int tmp[64];
  for (int j = 0; j < 64; j++) tmp[j] = in[i] + j + table[j & 7];
  out[i] = mix(tmp, 64);
}
`;

const TABLE = [3, 1, 4, 1, 5, 9, 2, 6];

export function stackKernelReference(input: Int32Array, withTable: boolean): Int32Array {
  return Int32Array.from(input, (v) => {
    let s = 0;
    for (let j = 0; j < 64; j++) s = (s + Math.imul(v + j + (withTable ? TABLE[j & 7]! : 0), j + 1)) | 0;
    return s;
  });
}

export interface CKernels {
  readonly stack: Uint8Array;
  /** `stack` without its name section: the stack pointer must be found from the code. */
  readonly strippedStack: Uint8Array;
  readonly data: Uint8Array;
}

let compiled: CKernels | undefined;
export function cKernels(): CKernels {
  if (!compiled) {
    const stack = compileC(STACK_KERNEL_C);
    compiled = { stack, strippedStack: stripNames(stack), data: compileC(DATA_KERNEL_C) };
  }
  return compiled;
}
