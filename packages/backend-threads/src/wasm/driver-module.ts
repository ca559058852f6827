import { kernelParamCount } from '@wasi-parallel/core';
import { WASM_HEADER, encodeName, encodeSection, encodeU32, encodeVector } from '@wasi-parallel/core';

/** Module and field under which the driver imports the kernel's `kernel` export. */
export const DRIVER_IMPORT = { module: 'wasi-parallel', field: 'kernel' } as const;

const I32 = 0x7f;
const FUNC_TYPE = 0x60;
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  call: 0x10,
  localGet: 0x20,
  localSet: 0x21,
  globalSet: 0x24,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  void: 0x40,
} as const;

function funcType(params: number): number[] {
  return [FUNC_TYPE, ...encodeVector(Array.from({ length: params }, () => [I32])), 0];
}

/**
 * The driver for kernels taking `bufferCount` buffers:
 *
 *   run(start, end, numIterations, blockSize, ptr0, len0, …)
 *     for (i = start; i <u end; i++) { current = i; kernel(i, numIterations, blockSize, ptr0, len0, …) }
 *
 * so a chunk of iterations costs one JS→wasm call instead of one per iteration. `current`
 * (an exported mutable global) names the iteration that trapped. The comparison is unsigned
 * because iteration ids run to 2^32-1.
 */
export function driverModuleBytes(bufferCount: number): Uint8Array {
  const kernelParams = kernelParamCount(bufferCount);
  const runParams = kernelParams + 1;
  const [start, end, count, blockSize] = [0, 1, 2, 3];
  const i = runParams; // the one local after the params
  const forwardBuffers = Array.from({ length: 2 * bufferCount }, (_, j) => [op.localGet, ...encodeU32(4 + j)]).flat();
  const body = [
    ...encodeVector([[...encodeU32(1), I32]]), // one local group: 1 × i32
    op.localGet, start, op.localSet, ...encodeU32(i),
    op.block, op.void,
    op.loop, op.void,
    op.localGet, ...encodeU32(i), op.localGet, end, op.i32GeU, op.brIf, 1,
    op.localGet, ...encodeU32(i), op.globalSet, 0,
    op.localGet, ...encodeU32(i), op.localGet, count, op.localGet, blockSize, ...forwardBuffers,
    op.call, 0,
    op.localGet, ...encodeU32(i), op.i32Const, 1, op.i32Add, op.localSet, ...encodeU32(i),
    op.br, 0,
    op.end,
    op.end,
    op.end,
  ];
  return Uint8Array.from([
    ...WASM_HEADER,
    ...encodeSection(1, encodeVector([funcType(kernelParams), funcType(runParams)])),
    ...encodeSection(2, encodeVector([[...encodeName(DRIVER_IMPORT.module), ...encodeName(DRIVER_IMPORT.field), 0x00, 0]])),
    ...encodeSection(3, encodeVector([[1]])),
    ...encodeSection(6, encodeVector([[I32, 1, op.i32Const, 0, op.end]])),
    ...encodeSection(7, encodeVector([
      [...encodeName('run'), 0x00, 1],
      [...encodeName('current'), 0x03, 0],
    ])),
    ...encodeSection(10, encodeVector([[...encodeU32(body.length), ...body]])),
  ]);
}
