import { kernelParams } from './kernels.js';
import type { Random } from './random.js';

const LOCALS = ['$x', '$y', '$z', '$w'];

/**
 * A random kernel over an input buffer `a` and an in-place buffer `o` (64 i32s each): random
 * i32 expressions (loads at computed addresses, division, select, rotates), a global and an f32
 * accumulator, stores to computed and to affine addresses, branches, early exits — either inside
 * a loop (pipelined, with exits and continues) or as a loop-free body pipelined over iteration
 * ids, where one iteration's stores feed the next one's loads. Every loop ends.
 */
export function randomKernel(random: Random, loopFree: boolean): string {
  const pick = <T>(items: readonly T[]): T => items[random.below(items.length)]!;
  const slot = (index: string, buffer = '$o'): string => `(i32.add (local.get ${buffer}) (i32.shl (i32.and ${index} (i32.const 63)) (i32.const 2)))`;
  const expr = (depth: number): string => {
    if (depth <= 0 || random.below(4) === 0) {
      switch (random.below(5)) {
        case 0:
          return `(i32.const ${random.i32() % 1000})`;
        case 1:
          return '(local.get $k)';
        case 2:
          return `(i32.load ${slot(expr(depth - 1), pick(['$a', '$o']))})`;
        case 3:
          return '(global.get $g)';
        default:
          return `(local.get ${pick(LOCALS)})`;
      }
    }
    const op = pick(['i32.add', 'i32.sub', 'i32.mul', 'i32.xor', 'i32.and', 'i32.or', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.lt_s', 'i32.eq', 'i32.rotl', 'select', 'div']);
    if (op === 'select') return `(select ${expr(depth - 1)} ${expr(depth - 1)} ${expr(depth - 1)})`;
    if (op === 'div') return `(i32.div_s ${expr(depth - 1)} (i32.or ${expr(depth - 1)} (i32.const 1)))`;
    return `(${op} ${expr(depth - 1)} ${expr(depth - 1)})`;
  };
  const statement = (depth: number): string => {
    const choice = random.below(11);
    if (loopFree && (choice === 4 || choice === 5 || choice === 7)) return `(if ${expr(1)} (then (return)))`;
    switch (choice) {
      case 0:
      case 1:
        return `(local.set ${pick(LOCALS)} ${expr(3)})`;
      case 2:
        return `(i32.store ${slot(expr(2))} ${expr(3)})`;
      case 3:
        return depth > 0 ? `(if ${expr(2)} (then ${statement(depth - 1)} ${statement(depth - 1)}) (else ${statement(depth - 1)}))` : `(local.set $y ${expr(2)})`;
      case 4:
        return `(br_if $done (i32.eq (i32.and ${expr(2)} (i32.const 15)) (i32.const 3)))`;
      case 5:
        return '(br_if $next (i32.lt_u (local.get $k) (i32.const 4)))';
      case 6:
        return `(i32.store ${slot('(local.get $k)')} (i32.load ${slot(`(i32.add (local.get $k) (i32.const ${random.below(5)}))`)}))`;
      case 7:
        return `(br_table $done $skip $skip $skip (i32.and ${expr(1)} (i32.const 3)))`;
      case 8: {
        const at = `(i32.add (local.get $o) (i32.shl (i32.and (local.get $k) (i32.const 31)) (i32.const 2)))`;
        return `(i32.store offset=${4 * random.below(3)} ${at} (i32.add (i32.load offset=${4 * random.below(3)} ${at}) ${expr(1)}))`;
      }
      case 9:
        return `(global.set $g (i32.add (global.get $g) ${expr(1)}))`;
      default:
        return `(local.set $f (f32.add (local.get $f) (f32.mul (f32.convert_i32_s ${expr(1)}) (f32.const 0.37))))`;
    }
  };
  const body = Array.from({ length: 2 + random.below(5) }, () => statement(2)).join('\n      ');
  const work = loopFree
    ? `(local.set $k (local.get $i)) ${body}`
    : `(block $done (loop $next
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (block $skip ${body})
      (br_if $next (i32.lt_u (local.get $k) (i32.const ${5 + random.below(40)})))))`;
  return `(module (import "env" "memory" (memory 1 1024 shared)) (global $g (mut i32) (i32.const 5))
  (func (export "kernel") ${kernelParams('a', 'o')} (local $k i32) (local $x i32) (local $y i32) (local $z i32) (local $w i32) (local $f f32)
    (local.set $x (local.get $i))
    ${work}
    (local.set $x (i32.add (local.get $x) (i32.trunc_sat_f32_s (local.get $f))))
    (i32.store ${slot('(local.get $i)')} (i32.add (local.get $x) (i32.add (local.get $y) (i32.add (local.get $z) (local.get $w)))))))`;
}
