import { BufferAccessKind, ErrorCode } from '@wasi-parallel/core';
import type { ConformanceCase, ConformanceContext } from '../conformance-case.js';
import { withBuffers } from '../harness/buffers.js';
import { expectDeviceWorks } from '../harness/device-check.js';
import { expectCode } from '../harness/expect-error.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

const { READ, WRITE } = BufferAccessKind;
const { INVALID_KERNEL, OUT_OF_MEMORY } = ErrorCode;

/** A module around `body` with the usual memory import; `body` declares `kernel` or not. */
const moduleWith = (body: string, imports = memoryImport('bare')): string => `(module
  ${imports}
  ${body})`;

/** A valid kernel body for three buffers that does nothing. */
const EMPTY_KERNEL = `(func (export "kernel") ${kernelParams('a', 'b', 'c')})`;

interface BadKernel {
  readonly id: string;
  readonly title: string;
  /** The kernel's bytes: WAT assembled without validation, or raw bytes. */
  readonly bytes: () => Promise<Uint8Array>;
  readonly code: ErrorCode;
  /** Buffer sizes for the call; default three of 256 bytes. */
  readonly sizes?: readonly number[];
}

const wat = (name: string, text: string) => () => assemble(name, text, { validate: false });

const BAD_KERNELS: readonly BadKernel[] = [
  {
    id: 'bad-kernel/not-wasm',
    title: 'text bytes instead of a WebAssembly binary',
    bytes: async () => new TextEncoder().encode('(module) is text, not a binary'),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/empty',
    title: 'zero bytes',
    bytes: async () => new Uint8Array(0),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/wrong-version',
    title: 'the wasm magic with version 2',
    bytes: async () => Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/invalid-module',
    title: 'a well-formed binary that does not validate (i64.add of two i32s)',
    bytes: wat(
      'invalid-module',
      moduleWith(`(func (export "kernel") ${kernelParams('a', 'b', 'c')} (drop (i64.add (i32.const 1) (i32.const 2))))`),
    ),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/no-kernel-export',
    title: 'a module that exports no `kernel` (it exports `main`)',
    bytes: wat('no-kernel-export', moduleWith(`(func (export "main") ${kernelParams('a', 'b', 'c')})`)),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/kernel-not-function',
    title: 'the export `kernel` is a global',
    bytes: wat('kernel-not-function', moduleWith('(global (export "kernel") i32 (i32.const 0))')),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/wrong-arity',
    title: '`kernel` takes the params of two buffers but the call passes three',
    bytes: wat('wrong-arity', moduleWith(`(func (export "kernel") ${kernelParams('a', 'b')})`)),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/non-i32-params',
    title: '`kernel` takes an i64 where the ABI passes an i32',
    bytes: wat('non-i32-params', moduleWith('(func (export "kernel") (param i32 i32 i32 i64 i32 i32 i32 i32 i32))')),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/has-result',
    title: '`kernel` returns an i32',
    bytes: wat('has-result', moduleWith(`(func (export "kernel") ${kernelParams('a', 'b', 'c')} (result i32) (i32.const 0))`)),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/imports-function',
    title: 'the kernel imports a function besides its memory',
    bytes: wat('imports-function', moduleWith(EMPTY_KERNEL, `(import "env" "log" (func (param i32)))\n  ${memoryImport('env')}`)),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/two-memories',
    title: 'the kernel imports two memories',
    bytes: wat('two-memories', moduleWith(EMPTY_KERNEL, `${memoryImport('bare')}\n  (import "env" "memory2" (memory 1 16 shared))`)),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/no-memory-import',
    title: 'the kernel defines its own memory instead of importing one',
    bytes: wat('no-memory-import', moduleWith(EMPTY_KERNEL, '(memory (export "memory") 1 16 shared)')),
    code: INVALID_KERNEL,
  },
  {
    id: 'bad-kernel/memory-too-small',
    title: 'a kernel whose memory maximum (2 pages, 128 KiB) cannot hold its buffers (192 KiB)',
    bytes: wat('memory-too-small', moduleWith(`(func (export "kernel") ${kernelParams('a')})`, memoryImport('bare', 2))),
    code: OUT_OF_MEMORY,
    sizes: [192 * 1024],
  },
];

async function expectKernelRejected(context: ConformanceContext, bad: BadKernel): Promise<void> {
  const bytes = await bad.bytes();
  const sizes = bad.sizes ?? [256, 256, 256];
  const specs = sizes.map((size, i) => ({ size, access: i === sizes.length - 1 ? WRITE : READ }));
  await withBuffers(context, specs, async (buffers) => {
    await expectCode(bad.id, () => context.host.parallelFor(context.device, bytes, 64, 1, buffers), bad.code);
  });
  await expectDeviceWorks(context, `the ${bad.id} kernel`);
}

export const badKernelCases: readonly ConformanceCase[] = BAD_KERNELS.map((bad) => ({
  id: bad.id,
  title: `${bad.title} → ${bad.code === INVALID_KERNEL ? 'INVALID_KERNEL' : 'OUT_OF_MEMORY'}; the device then runs a good kernel`,
  run: (context: ConformanceContext) => expectKernelRejected(context, bad),
}));
