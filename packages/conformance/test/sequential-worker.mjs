// The worker side of worker-backend.ts: core's sequential device on its own thread, so the
// main thread can end a kernel that never returns by terminating the worker.
import { parentPort } from 'node:worker_threads';
import { SequentialDevice } from '@wasi-parallel/core';

const device = new SequentialDevice();

parentPort.on('message', async ({ kernel, numIterations, blockSize, buffers }) => {
  try {
    const handles = [];
    for (const buffer of buffers) {
      const handle = await device.createBuffer(buffer.bytes.length, buffer.access);
      await handle.write(buffer.bytes);
      handles.push(handle);
    }
    await device.parallelFor({ kernel, numIterations, blockSize, buffers: handles });
    parentPort.postMessage({ ok: true, buffers: await Promise.all(handles.map((handle) => handle.read())) });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: typeof error?.toJSON === 'function' ? error.toJSON() : { code: 10, message: String(error) } });
  }
});
