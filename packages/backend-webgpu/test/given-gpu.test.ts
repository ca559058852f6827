import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { create } from 'webgpu';
import { SWIFTSHADER_ICD, WebGpuBackend } from '@wasi-parallel/backend-webgpu';
import { run, sequential, wat } from './harness.js';

// A GPU object handed in, as a browser page hands in navigator.gpu: the backend loads no Dawn
// of its own. (Its own process: one Dawn instance per process, see docs/backends/webgpu.md.)
if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
process.env.XDG_RUNTIME_DIR ??= '/tmp';
const gpu = create(['backend=vulkan']);
let backend: WebGpuBackend | undefined;
afterAll(async () => backend?.dispose());

describe('a given GPU object', () => {
  it('is used as it is, and its adapter runs kernels', async () => {
    backend = await WebGpuBackend.create({ gpu });
    expect(backend.devices.map((device) => device.description.adapter)).toEqual(['given', 'given']);
    const kernel = wat(`(module (import "" "memory" (memory 1 65536 shared))
      (func (export "kernel") (param $i i32) (param $n i32) (param $bs i32) (param $out i32) (param $outl i32)
        (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (i32.mul (local.get $i) (local.get $n)))))`);
    const specs = [{ bytes: new Uint8Array(602) }];
    expect(await run(backend.devices[0]!, kernel, 301, specs)).toEqual(await run(sequential, kernel, 301, specs));
  });
});
