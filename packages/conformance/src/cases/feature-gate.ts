import { admitKernel, BufferAccessKind, ErrorCode, FEATURE_NAMES, gateKernelFeatures, type KernelFeatures } from '@wasi-parallel/core';
import type { ConformanceCase } from '../conformance-case.js';
import { expectDeviceWorks } from '../harness/device-check.js';
import { dispatch } from '../harness/dispatch.js';
import { expectCode } from '../harness/expect-error.js';
import { assemble, KERNEL_MAX_PAGES, kernelParams, memoryImport } from '../harness/wat.js';

/** The flags the host gates from its admission scan, each with a kernel that uses that feature and nothing else. */
const FEATURE_KERNELS: Readonly<Record<Exclude<keyof KernelFeatures, 'scatteredStores' | 'f32'>, string>> = {
  i64: `(i32.store (local.get $out) (i32.wrap_i64 (i64.const 7)))`,
  f64: `(i32.store (local.get $out) (i32.trunc_f64_s (f64.const 7)))`,
  simd: `(v128.store (local.get $out) (v128.const i32x4 7 0 0 0))`,
  atomics: `(i32.atomic.store (local.get $out) (i32.const 7))`,
  bulkMemory: `(memory.fill (local.get $out) (i32.const 7) (i32.const 1))`,
  unsharedMemory: `(i32.store (local.get $out) (i32.const 7))`,
};

function kernelUsing(flag: keyof typeof FEATURE_KERNELS): string {
  const memory = flag === 'unsharedMemory' ? `(import "" "memory" (memory 1 ${KERNEL_MAX_PAGES}))` : memoryImport('bare');
  return `(module ${memory} (func (export "kernel") ${kernelParams('out')} ${FEATURE_KERNELS[flag]}))`;
}

const gated = (features: KernelFeatures) => (Object.keys(FEATURE_KERNELS) as (keyof typeof FEATURE_KERNELS)[]).filter((flag) => !features[flag]);

export const featureGateCases: readonly ConformanceCase[] = [
  {
    id: 'feature-gate/refuses-what-capabilities-lack',
    title: 'a kernel using a feature the capabilities record lacks → UNSUPPORTED_KERNEL_FEATURE with the host gate’s own message, for every lacking flag; the device then runs a good kernel',
    requires: (capabilities) => (gated(capabilities.features).length ? undefined : 'the backend accepts every feature the host gates'),
    async run(context) {
      for (const flag of gated(context.capabilities.features)) {
        const kernel = await assemble(`uses-${flag}`, kernelUsing(flag));
        const call = { kernel, numIterations: 1, blockSize: 1, buffers: [{ access: BufferAccessKind.WRITE, data: new Uint8Array(16) }] };
        const error = await expectCode(`a kernel using ${FEATURE_NAMES[flag]}`, () => dispatch(context, call), ErrorCode.UNSUPPORTED_KERNEL_FEATURE);
        let expected = '';
        try {
          gateKernelFeatures(admitKernel(kernel).uses, context.capabilities.features, `the ${context.device.backend} backend`);
        } catch (gate) {
          expected = (gate as Error).message;
        }
        if (error.message !== expected) {
          throw new Error(`the refusal of a kernel using ${FEATURE_NAMES[flag]} is not the host gate's: got «${error.message}», expected «${expected}»`);
        }
      }
      await expectDeviceWorks(context, 'feature-gate refusals');
    },
  },
  {
    id: 'feature-gate/accepts-what-capabilities-have',
    title: 'a kernel using only features the capabilities record accepts runs and stores what it computed',
    async run(context) {
      const accepted = (Object.keys(FEATURE_KERNELS) as (keyof typeof FEATURE_KERNELS)[]).filter((flag) => context.capabilities.features[flag]);
      for (const flag of accepted) {
        const kernel = await assemble(`uses-${flag}`, kernelUsing(flag));
        const [out] = await dispatch(context, { kernel, numIterations: 1, blockSize: 1, buffers: [{ access: BufferAccessKind.READ_WRITE, data: new Uint8Array(16) }] });
        if (out![0] !== 7) throw new Error(`the kernel using ${FEATURE_NAMES[flag]} stored ${out![0]} at byte 0, expected 7`);
      }
    },
  },
];
