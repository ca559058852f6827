import { loadKernel, walk, type KernelIR } from '@wasi-parallel/kernel';

/**
 * `(global $g (mut i64) (i64.const 3))` and a kernel doing `$g += (i64.const 5)`: the smallest
 * module that shows whether the front end keeps i64 constants. With binaryen 125 it decoded
 * every i64 constant as 0 (it reads `{ low, high }` where binaryen now returns a bigint).
 */
const PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 3, 127, 127, 127, 0, 2, 13, 1, 0, 6, 109, 101, 109, 111, 114, 121, 2, 3, 1, 1, 3, 2, 1, 0,
  6, 6, 1, 126, 1, 66, 3, 11, 7, 10, 1, 6, 107, 101, 114, 110, 101, 108, 0, 0, 10, 11, 1, 9, 0, 35, 0, 66, 5, 124, 36, 0, 11,
]);

let probe: Promise<boolean> | undefined;

/** Whether the front end decodes i64 constants faithfully (checked once per process). */
export function i64ConstantsDecoded(): Promise<boolean> {
  probe ??= (async () => {
    const ir = await loadKernel(PROBE);
    let five = false;
    walk(ir.kernel.body, (expr) => void (five ||= expr.kind === 'const' && expr.value.type === 'i64' && expr.value.value === 5n));
    return five && ir.globals[0]?.init === 3n;
  })();
  return probe;
}

/** The first i64 constant of a kernel (code or global initialiser), for the refusal message. */
export function firstI64Constant(ir: KernelIR): { function: string; loc: number } | undefined {
  if (ir.globals.some((global) => global.type === 'i64')) return { function: ir.globals.find((global) => global.type === 'i64')!.name, loc: 0 };
  for (const fn of ir.functions) {
    let loc: number | undefined;
    walk(fn.body, (expr) => {
      if (loc === undefined && expr.kind === 'const' && expr.value.type === 'i64') loc = expr.loc;
    });
    if (loc !== undefined) return { function: fn.name, loc };
  }
  return undefined;
}
