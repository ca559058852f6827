import { BufferAccessKind, ErrorCode, Host } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { expectDeviceWorks } from '../harness/device-check.js';
import { dispatch } from '../harness/dispatch.js';
import { expectCode } from '../harness/expect-error.js';
import { assemble, kernelParams, memoryImport } from '../harness/wat.js';

/** The limit the timeout case sets: short, since the kernel never ends on its own. */
export const TIMEOUT_CASE_MS = 500;

/** How long the case waits for the device to end the kernel before it calls the timeout broken. */
const WATCHDOG_MS = 20 * TIMEOUT_CASE_MS;

/** `operation`, unless it is still pending after `ms`: a backend that ignores `timeoutMs` must fail the case, not hang it. */
async function withWatchdog<T>(operation: () => Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([operation(), watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

// Iteration 2 spins forever; the others store their id.
const SPIN = `(module
  ${memoryImport('bare')}
  (func (export "kernel") ${kernelParams('out')}
    (if (i32.eq (local.get $i) (i32.const 2)) (then (loop $forever (br $forever))))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))))`;

export const timeoutCases: readonly ConformanceCase[] = [
  {
    id: 'timeout/infinite-loop',
    title: `a kernel that never ends, on a host with timeoutMs = ${TIMEOUT_CASE_MS} → TIMEOUT; the device then runs a good kernel`,
    requires: (capabilities) => (capabilities.timeouts ? undefined : 'the backend cannot end a runaway kernel (capabilities.timeouts is false)'),
    async run(context) {
      // A host of its own carries the short limit; it shares the registry, so the very device
      // under test runs the kernel. Never closed: that would dispose the shared registry.
      const host = new Host({ registry: context.host.registry, device: { backend: context.device.backend }, env: {}, timeoutMs: TIMEOUT_CASE_MS });
      const device = await host.getDevice(context.device.kind);
      if (device.name !== context.device.name) throw new Error(`case bug: the timeout host resolved \`${device.name}\`, not \`${context.device.name}\``);
      const call = {
        kernel: await assemble('spin', SPIN),
        numIterations: 4,
        blockSize: 1,
        buffers: [{ access: BufferAccessKind.WRITE, data: new Uint8Array(16) }],
      };
      const error = await expectCode(
        'a kernel that never ends',
        () => withWatchdog(() => dispatch({ host, device }, call), WATCHDOG_MS, `the device did not end the kernel within ${WATCHDOG_MS} ms of a ${TIMEOUT_CASE_MS} ms limit`),
        ErrorCode.TIMEOUT,
      );
      const iteration = error.details.iteration;
      if (iteration !== undefined && iteration !== 2) throw new Error(`the timeout names iteration ${iteration}, but iteration 2 is the one that spins`);
      // The good kernel runs under the suite's own limit: the short one is for the runaway, and
      // on a loaded machine a device still reclaiming what the runaway held (a GPU device left
      // to drain its queue, a worker pool respawning) may need longer than 500 ms for it.
      await expectDeviceWorks(context, 'a timeout');
    },
  },
];
