import { F32_NATIVE_WGSL } from './f32-native-wgsl.js';
import { F32_SOFT_WGSL } from './f32-soft-wgsl.js';
import { F64_SOFT_WGSL } from './f64-soft-wgsl.js';
import { FLOAT_BITS_WGSL } from './float-bits-wgsl.js';
import { FLOAT_CONVERT_WGSL } from './float-convert-wgsl.js';
import { I64_WGSL } from './i64-wgsl.js';
import { RUNTIME_WGSL } from './runtime-wgsl.js';

/** Every helper a shader may use; each shader keeps the ones it calls (prune-prelude.ts). */
export const PRELUDE = [RUNTIME_WGSL, I64_WGSL, FLOAT_BITS_WGSL, F32_SOFT_WGSL, F64_SOFT_WGSL, FLOAT_CONVERT_WGSL, F32_NATIVE_WGSL].join('\n');
