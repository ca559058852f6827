import { BufferAccessKind } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { bytesOf, f32Array, Random } from '../harness/data.js';
import { expectCall } from '../harness/dispatch.js';
import { requiresFeatures } from '../harness/requires.js';
import { elementwiseCall, VECTOR_ADD_I32, vectorAddI32Call, vectorAddKernel } from '../harness/vector-add.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, READ_WRITE } = BufferAccessKind;

// y[i] = alpha * x[i] + y[i], alpha read from a one-element buffer. Wasm has no fused
// multiply-add, so the product is rounded to f32 before the sum.
const SAXPY_F32 = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('alpha', 'x', 'y')}
    (local $offset i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (f32.store (i32.add (local.get $y) (local.get $offset))
      (f32.add
        (f32.mul (f32.load (local.get $alpha)) (f32.load (i32.add (local.get $x) (local.get $offset))))
        (f32.load (i32.add (local.get $y) (local.get $offset)))))))`;

export const arithmeticCases: readonly ConformanceCase[] = [
  {
    id: 'vector-add/i32',
    title: 'c[i] = a[i] + b[i] over i32, wrapping on overflow; kernel imports "" "memory"',
    async run(context) {
      const { call, expected } = vectorAddI32Call(await assemble('vector-add-i32', VECTOR_ADD_I32), 4099, 1);
      await expectCall(context, call, expected);
    },
  },
  {
    id: 'vector-add/f32',
    title: 'c[i] = a[i] + b[i] over f32, rounded to nearest even; kernel imports env.memory',
    requires: requiresFeatures('f32'),
    async run(context) {
      const count = 4099;
      const random = new Random(2);
      const a = f32Array(count, () => random.f32(1e6));
      const b = f32Array(count, () => random.f32(1e3));
      const sum = f32Array(count, (i) => Math.fround(a[i]! + b[i]!));
      // Imports `env.memory`, where the i32 kernel imports `"" "memory"`: both spellings run.
      const kernel = await assemble('vector-add-f32', vectorAddKernel('f32', memoryImport('env')));
      const { call, expected } = elementwiseCall(kernel, a, b, sum);
      await expectCall(context, call, expected);
    },
  },
  {
    id: 'saxpy/f32',
    title: 'y = alpha·x + y in place over f32 (read_write y, product rounded before the sum)',
    requires: requiresFeatures('f32'),
    async run(context) {
      const count = 2048;
      const random = new Random(3);
      const alpha = new Float32Array([Math.fround(1.7)]);
      const x = f32Array(count, () => random.f32(100));
      const y = f32Array(count, () => random.f32(100));
      const result = f32Array(count, (i) => Math.fround(Math.fround(alpha[0]! * x[i]!) + y[i]!));
      await expectCall(
        context,
        {
          kernel: await assemble('saxpy-f32', SAXPY_F32),
          numIterations: count,
          blockSize: 1,
          buffers: [
            { access: READ, data: bytesOf(alpha) },
            { access: READ, data: bytesOf(x) },
            { access: READ_WRITE, data: bytesOf(y) },
          ],
        },
        [bytesOf(alpha), bytesOf(x), bytesOf(result)],
      );
    },
  },
];
