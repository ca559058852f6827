import { F32_NATIVE_WGSL } from './f32-native-wgsl.js';
import { f32SoftWgsl } from './f32-soft-wgsl.js';
import { f64SoftWgsl } from './f64-soft-wgsl.js';
import { FLOAT_BITS_WGSL } from './float-bits-wgsl.js';
import { FLOAT_CONVERT_WGSL } from './float-convert-wgsl.js';
import { i64Wgsl } from './i64-wgsl.js';
import { loopGuardWgsl } from './loop-guard-wgsl.js';
import { runtimeWgsl } from './runtime-wgsl.js';

const PRELUDES = new Map<boolean, string>();

/**
 * Every helper a shader may use; each shader keeps the ones it calls (prune-prelude.ts).
 * `cutLoops` (llvmpipe): loop exits are marked and checked (loop-guard-wgsl.ts) and the
 * fixed-length loops of division and square root are written out (unrolled.ts).
 */
export function preludeWgsl(cutLoops: boolean): string {
  let prelude = PRELUDES.get(cutLoops);
  if (prelude === undefined) {
    prelude = [
      runtimeWgsl(cutLoops),
      loopGuardWgsl(cutLoops),
      i64Wgsl(cutLoops),
      FLOAT_BITS_WGSL,
      f32SoftWgsl(cutLoops),
      f64SoftWgsl(cutLoops),
      FLOAT_CONVERT_WGSL,
      F32_NATIVE_WGSL,
    ].join('\n');
    PRELUDES.set(cutLoops, prelude);
  }
  return prelude;
}
