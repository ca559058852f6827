import wabtInit from 'wabt';

const wabt = await wabtInit();

/** Assembles a kernel written in the text format (threads and SIMD enabled); `names` keeps a name section. */
export function wat(text: string, names = false): Uint8Array {
  const module = wabt.parseWat('kernel.wat', text, { threads: true, simd: true });
  try {
    return new Uint8Array(module.toBinary({ write_debug_names: names }).buffer);
  } finally {
    module.destroy();
  }
}

/** A kernel over k buffers whose body is `body`, with params $i $n $bs $p0 $l0 $p1 $l1 … */
export function kernel(buffers: number, body: string, memory = '(import "env" "memory" (memory 1 1000 shared))', extra = ''): Uint8Array {
  const params = Array.from({ length: buffers }, (_, i) => `(param $p${i} i32) (param $l${i} i32)`).join(' ');
  return wat(`(module ${memory} ${extra}
    (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) ${params} ${body}))`);
}

/** The address of element $i of buffer k, for i32 elements. */
export const at = (k: number, index = '(local.get $i)'): string => `(i32.add (local.get $p${k}) (i32.shl ${index} (i32.const 2)))`;
