import { BufferAccessKind } from '@wasi-parallel/core';
import type { ConformanceCase, ConformanceContext } from '../conformance-case.js';
import { bytesOf, i32Array, Random } from '../harness/data.js';
import { expectDeviceWorks } from '../harness/device-check.js';
import { expectCall } from '../harness/dispatch.js';
import { VECTOR_ADD_I32, vectorAddI32Call, vectorAddKernel } from '../harness/vector-add.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE, READ_WRITE } = BufferAccessKind;

// Iteration i processes elements [i·block, min((i+1)·block, count)) where count comes from the
// output's length, as prototype kernels slice their work: out[j] = in[j]·2 + i. Adding the
// iteration id shows which iteration wrote each element.
const BLOCK_SLICE = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('in', 'out')}
    (local $j i32) (local $end i32) (local $count i32)
    (local.set $count (i32.shr_u (local.get $out_len) (i32.const 2)))
    (local.set $j (i32.mul (local.get $i) (local.get $block)))
    (local.set $end (i32.add (local.get $j) (local.get $block)))
    (if (i32.gt_u (local.get $end) (local.get $count)) (then (local.set $end (local.get $count))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
          (i32.add
            (i32.mul (i32.load (i32.add (local.get $in) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))
            (local.get $i)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))))`;

// Each iteration records what the ABI passed it: i, numIterations, blockSize, both lengths,
// and a byte read through the first buffer's pointer.
const ARGUMENTS = `(module
  ${memoryImport('env')}
  (func (export "kernel") ${kernelParams('a', 'out')}
    (local $p i32)
    (local.set $p (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 24))))
    (i32.store offset=0 (local.get $p) (local.get $i))
    (i32.store offset=4 (local.get $p) (local.get $n))
    (i32.store offset=8 (local.get $p) (local.get $block))
    (i32.store offset=12 (local.get $p) (local.get $a_len))
    (i32.store offset=16 (local.get $p) (local.get $out_len))
    (i32.store offset=20 (local.get $p)
      (i32.load8_u (i32.add (local.get $a) (i32.rem_u (local.get $i) (local.get $a_len)))))))`;

async function expectBlockSlices(context: ConformanceContext, count: number, blockSize: number, seed: number): Promise<void> {
  const random = new Random(seed);
  const input = i32Array(count, () => random.i32());
  const output = i32Array(count, (j) => (Math.imul(input[j]!, 2) + Math.floor(j / blockSize)) | 0);
  await expectCall(
    context,
    {
      kernel: await assemble('block-slice', BLOCK_SLICE),
      numIterations: Math.ceil(count / blockSize),
      blockSize,
      buffers: [
        { access: READ, data: bytesOf(input) },
        { access: WRITE, data: new Uint8Array(count * 4) },
      ],
    },
    [bytesOf(input), bytesOf(output)],
  );
}

export const iterationSpaceCases: readonly ConformanceCase[] = [
  {
    id: 'block-size/slices',
    title: 'each iteration processes the block_size slice its id selects (1024 elements, block 128)',
    run: (context) => expectBlockSlices(context, 1024, 128, 10),
  },
  {
    id: 'iterations/partial-block',
    title: 'an element count that is not a multiple of block_size: the last slice is short (1000 elements, block 64)',
    run: (context) => expectBlockSlices(context, 1000, 64, 11),
  },
  {
    id: 'iterations/zero',
    title: 'numIterations = 0 runs nothing: write and read_write buffers keep their bytes',
    async run(context) {
      const count = 64;
      const { call } = vectorAddI32Call(await assemble('vector-add-i32', VECTOR_ADD_I32), count, 12);
      const [a, b] = call.buffers.map((buffer) => buffer.data);
      const before = Uint8Array.from({ length: count * 4 }, (_, k) => (k * 29 + 7) & 0xff);
      for (const access of [WRITE, READ_WRITE]) {
        await expectCall(
          context,
          { ...call, numIterations: 0, buffers: [call.buffers[0]!, call.buffers[1]!, { access, data: before }] },
          [a!, b!, before],
        );
      }
    },
  },
  {
    id: 'iterations/one-million',
    title: 'vector add over i32 with numIterations = 1,000,000',
    async run(context) {
      const { call, expected } = vectorAddI32Call(await assemble('vector-add-i32', VECTOR_ADD_I32), 1_000_000, 13);
      await expectCall(context, call, expected);
    },
  },
  {
    id: 'abi/arguments',
    title: 'kernel(i, numIterations, blockSize, ptr, len, …) receives each value as the ABI says',
    async run(context) {
      const numIterations = 37;
      const blockSize = 5;
      const a = Uint8Array.from({ length: 12 }, (_, k) => 0xa0 + k);
      const expected = new Int32Array(numIterations * 6);
      for (let i = 0; i < numIterations; i++) {
        expected.set([i, numIterations, blockSize, a.length, expected.byteLength, a[i % a.length]!], i * 6);
      }
      await expectCall(
        context,
        {
          kernel: await assemble('arguments', ARGUMENTS),
          numIterations,
          blockSize,
          buffers: [
            { access: READ, data: a },
            { access: WRITE, data: new Uint8Array(expected.byteLength) },
          ],
        },
        [a, bytesOf(expected)],
      );
    },
  },
  {
    id: 'abi/no-buffers',
    title: 'a call with no buffers runs a kernel that takes only (i, numIterations, blockSize)',
    async run(context) {
      const kernel = await assemble('no-buffers', `(module ${memoryImport('bare')} (func (export "kernel") ${kernelParams()}))`);
      await expectCall(context, { kernel, numIterations: 10, blockSize: 1, buffers: [] }, []);
      await expectDeviceWorks(context, 'a call with no buffers');
    },
  },
  {
    id: 'abi/memory-import-names',
    title: 'the memory import links whatever its names: "" "memory", env.memory, js.mem',
    async run(context) {
      const names: [string, string][] = [
        ['', 'memory'],
        ['env', 'memory'],
        ['js', 'mem'],
      ];
      for (const [module, field] of names) {
        const text = vectorAddKernel('i32', `(import "${module}" "${field}" (memory 1 16 shared))`);
        const { call, expected } = vectorAddI32Call(await assemble(`vector-add-${module}-${field}`, text), 256, 14);
        await expectCall(context, call, expected);
      }
    },
  },
];
