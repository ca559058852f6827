// Test helper: assembles WAT with the wabt npm package (threads and SIMD on).
import wabtInit from 'wabt';

const wabt = await wabtInit();

/** Assembles `text`; `names` keeps a name section (wabt's debug names). */
export function wat(text: string, names = false): Uint8Array {
  const module = wabt.parseWat('test.wat', text, { threads: true, simd: true });
  try {
    return new Uint8Array(module.toBinary({ write_debug_names: names }).buffer);
  } finally {
    module.destroy();
  }
}

/** A kernel over k buffers whose body is `body`, with params $i $n $bs $p0 $l0 $p1 $l1 … */
export function kernel(buffers: number, body: string, memory = '(import "" "memory" (memory 1 1000 shared))', extra = ''): Uint8Array {
  const params = Array.from({ length: buffers }, (_, i) => `(param $p${i} i32) (param $l${i} i32)`).join(' ');
  return wat(`(module ${memory} ${extra}
    (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) ${params} ${body}))`);
}

/** out[i] = in[i] * 3 for i32 elements. */
export const TRIPLE = kernel(
  2,
  `(i32.store (i32.add (local.get $p1) (i32.shl (local.get $i) (i32.const 2)))
     (i32.mul (i32.load (i32.add (local.get $p0) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3)))`,
);
