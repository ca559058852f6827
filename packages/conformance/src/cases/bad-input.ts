import { BufferAccessKind, DeviceKind, ErrorCode, Host, LIMITS, type BufferHandle, type DeviceHandle } from '@wasi-parallel/core';
import type { ConformanceCase, ConformanceContext } from '../conformance-case.js';
import { expectBytes } from '../harness/compare.js';
import { pattern, withBuffers } from '../harness/buffers.js';
import { expectDeviceWorks } from '../harness/device-check.js';
import type { Target } from '../harness/dispatch.js';
import { expectCode } from '../harness/expect-error.js';
import { VECTOR_ADD_I32 } from '../harness/vector-add.js';
import { assemble } from '../harness/wat.js';

const { READ, WRITE } = BufferAccessKind;
const { INVALID_ARGUMENT, INVALID_HANDLE, OUT_OF_MEMORY, SIZE_MISMATCH, WRONG_DEVICE } = ErrorCode;

/** The good kernel's three buffers: 64 elements. */
const THREE_BUFFERS = [
  { size: 256, access: READ },
  { size: 256, access: READ },
  { size: 256, access: WRITE },
] as const;

const goodKernel = (): Promise<Uint8Array> => assemble('vector-add-i32', VECTOR_ADD_I32);

/** Every operation that takes a buffer handle, each expected to reject `buffer` with `code`. */
async function expectBufferRejected(host: Host, device: DeviceHandle, what: string, buffer: BufferHandle, code: ErrorCode): Promise<void> {
  const kernel = await goodKernel();
  await expectCode(`writeBuffer with ${what}`, () => host.writeBuffer(new Uint8Array(buffer.size), buffer), code);
  await expectCode(`readBuffer with ${what}`, () => host.readBuffer(buffer), code);
  await withBuffers({ host, device }, THREE_BUFFERS.slice(0, 2), async ([a, b]) => {
    await expectCode(`parallelFor with ${what}`, () => host.parallelFor(device, kernel, 64, 1, [a!, b!, buffer]), code);
  });
}

/**
 * A second device in one host, so a buffer can be handed to the wrong one: another device of
 * the backend under test when it has one; else a sibling host over the same registry (which
 * shares the backend's initialised devices) resolving the tested kind and the sequential kind
 * by priority. Undefined when neither gives two distinct devices, e.g. for the sequential
 * backend itself.
 */
async function secondDevice(context: ConformanceContext): Promise<{ host: Host; device: DeviceHandle; other: DeviceHandle } | undefined> {
  for (const kind of context.capabilities.deviceKinds) {
    if (kind === context.device.kind) continue;
    const other = await context.host.getDevice(kind);
    if (other.backend === context.device.backend && other.name !== context.device.name) return { host: context.host, device: context.device, other };
  }
  // The sibling must never be closed: closing a host disposes its registry, the shared one.
  const sibling = new Host({ registry: context.host.registry, env: {} });
  const device = await sibling.getDevice(context.device.kind);
  const other = await sibling.getDevice(DeviceKind.SEQUENTIAL);
  const isTested = device.backend === context.device.backend && device.name === context.device.name;
  const isDistinct = other.backend !== device.backend || other.name !== device.name;
  return isTested && isDistinct ? { host: sibling, device, other } : undefined;
}

function badInputCase(id: string, title: string, run: (context: ConformanceContext) => Promise<void>): ConformanceCase {
  return {
    id,
    title: `${title}; the device then runs a good kernel`,
    async run(context) {
      await run(context);
      await expectDeviceWorks(context, `the ${id} inputs`);
    },
  };
}

export const badInputCases: readonly ConformanceCase[] = [
  badInputCase('bad-input/unknown-handle', 'forged buffer and device handles (never issued, or copies of real ones) → INVALID_HANDLE', async (context) => {
    const { host, device } = context;
    await expectBufferRejected(host, device, 'a forged buffer handle', { id: 0x1234_5678, size: 256, access: WRITE, device }, INVALID_HANDLE);
    await withBuffers(context, [{ size: 256, access: WRITE }], async ([real]) => {
      await expectBufferRejected(host, device, 'a copy of a real buffer handle', { ...real! }, INVALID_HANDLE);
    });
    await expectCode('createBuffer on a copy of the device handle', () => host.createBuffer({ ...device }, 16, READ), INVALID_HANDLE);
    await expectCode('parallelFor on a forged device handle', async () => host.parallelFor({ ...device, id: 0x1234_5678 }, await goodKernel(), 1, 1, []), INVALID_HANDLE);
  }),
  badInputCase('bad-input/freed-handle', 'a buffer used after host.freeBuffer → INVALID_HANDLE, a second free included', async (context) => {
    const buffer = await context.host.createBuffer(context.device, 256, WRITE);
    await context.host.freeBuffer(buffer);
    await expectBufferRejected(context.host, context.device, 'a freed buffer', buffer, INVALID_HANDLE);
    await expectCode('freeBuffer twice', () => context.host.freeBuffer(buffer), INVALID_HANDLE);
  }),
  badInputCase('bad-input/foreign-host-handle', "the reference host's buffer and device handed to this host → INVALID_HANDLE", async (context) => {
    await withBuffers(context.reference, [{ size: 256, access: WRITE }], async ([foreign]) => {
      await expectBufferRejected(context.host, context.device, "another host's buffer", foreign!, INVALID_HANDLE);
    });
    await expectCode("createBuffer on another host's device", () => context.host.createBuffer(context.reference.device, 16, READ), INVALID_HANDLE);
  }),
  badInputCase(
    'bad-input/buffer-of-another-device',
    "a buffer of another device of the same host → WRONG_DEVICE (INVALID_HANDLE from another host when the backend has a single device and the host no second one)",
    async (context) => {
      const pair = await secondDevice(context);
      if (!pair) {
        await withBuffers(context.reference, [{ size: 256, access: WRITE }], async ([foreign]) => {
          await withBuffers(context, THREE_BUFFERS.slice(0, 2), async ([a, b]) => {
            await expectCode("parallelFor with another host's buffer", async () => context.host.parallelFor(context.device, await goodKernel(), 64, 1, [a!, b!, foreign!]), INVALID_HANDLE);
          });
        });
        return;
      }
      const target: Target = { host: pair.host, device: pair.device };
      await withBuffers({ host: pair.host, device: pair.other }, [{ size: 256, access: WRITE }], async ([elsewhere]) => {
        await withBuffers(target, THREE_BUFFERS.slice(0, 2), async ([a, b]) => {
          await expectCode(`parallelFor with a buffer of \`${pair.other.name}\``, async () => pair.host.parallelFor(pair.device, await goodKernel(), 64, 1, [a!, b!, elsewhere!]), WRONG_DEVICE);
        });
      });
      await expectDeviceWorks(target, 'a wrong-device call');
    },
  ),
  badInputCase('bad-input/write-size-mismatch', 'writeBuffer with fewer or more bytes than the buffer holds → SIZE_MISMATCH, and the buffer keeps its bytes', async (context) => {
    await withBuffers(context, [{ size: 64, access: WRITE }], async ([buffer]) => {
      for (const length of [0, 63, 65, 128]) {
        await expectCode(`writeBuffer of ${length} bytes to 64`, () => context.host.writeBuffer(new Uint8Array(length).fill(0xee), buffer!), SIZE_MISMATCH);
      }
      expectBytes('the buffer after rejected writes', await context.host.readBuffer(buffer!), pattern(64, 1));
    });
  }),
  badInputCase('bad-input/buffer-size-invalid', 'createBuffer of size 0, negative, fractional or NaN → INVALID_ARGUMENT', async (context) => {
    for (const size of [0, -1, -4096, 1.5, Number.NaN]) {
      await expectCode(`createBuffer of size ${size}`, () => context.host.createBuffer(context.device, size, WRITE), INVALID_ARGUMENT);
    }
  }),
  badInputCase('bad-input/buffer-size-huge', 'createBuffer larger than LIMITS.MAX_BUFFER_SIZE or the backend limit → OUT_OF_MEMORY', async (context) => {
    const sizes = [LIMITS.MAX_BUFFER_SIZE + 1, 2 ** 40];
    const own = context.capabilities.limits.maxBufferSize;
    if (own < LIMITS.MAX_BUFFER_SIZE) sizes.push(own + 1);
    for (const size of sizes) {
      await expectCode(`createBuffer of ${size} bytes`, () => context.host.createBuffer(context.device, size, WRITE), OUT_OF_MEMORY);
    }
  }),
  badInputCase('bad-input/access-kind', 'createBuffer with an access kind other than 0, 1, 2 → INVALID_ARGUMENT', async (context) => {
    for (const access of [3, -1, 1.5, '0']) {
      await expectCode(`createBuffer with access ${JSON.stringify(access)}`, () => context.host.createBuffer(context.device, 16, access as BufferAccessKind), INVALID_ARGUMENT);
    }
  }),
  badInputCase('bad-input/num-iterations', 'parallelFor with numIterations -1, 2^32, 1.5 or NaN → INVALID_ARGUMENT', async (context) => {
    const kernel = await goodKernel();
    await withBuffers(context, THREE_BUFFERS, async (buffers) => {
      for (const n of [-1, 2 ** 32, 1.5, Number.NaN]) {
        await expectCode(`parallelFor with numIterations ${n}`, () => context.host.parallelFor(context.device, kernel, n, 1, buffers), INVALID_ARGUMENT);
      }
    });
  }),
  badInputCase('bad-input/block-size', 'parallelFor with blockSize -1, 2^32 or 0.5 → INVALID_ARGUMENT', async (context) => {
    const kernel = await goodKernel();
    await withBuffers(context, THREE_BUFFERS, async (buffers) => {
      for (const blockSize of [-1, 2 ** 32, 0.5]) {
        await expectCode(`parallelFor with blockSize ${blockSize}`, () => context.host.parallelFor(context.device, kernel, 64, blockSize, buffers), INVALID_ARGUMENT);
      }
    });
  }),
];
