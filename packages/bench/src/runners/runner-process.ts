// The body of an isolated runner's child process (see isolated-runner.ts): creates the runner a
// spec names, then answers the parent's requests one at a time over the IPC channel.
import { isWasiParallelError } from '@wasi-parallel/core';
import { GuestCheck } from '../guest/guest-check.js';
import { kernelById } from '../suite/kernel-suite.js';
import type { KernelCase, SizeName } from '../suite/kernel-spec.js';
import { createRunner } from './create-runner.js';
import type { BenchRunner } from './runner.js';
import type { RunnerReply, RunnerRequest } from './runner-protocol.js';

let runner: BenchRunner | undefined;
let size: SizeName = 'small';
const cases = new Map<string, { kernelCase: KernelCase; guest: GuestCheck; inputs: Uint8Array[] }>();

async function caseFor(id: string): Promise<{ kernelCase: KernelCase; guest: GuestCheck; inputs: Uint8Array[] }> {
  let entry = cases.get(id);
  if (!entry) {
    const kernelCase = kernelById(id)!.caseFor(size);
    const guest = await GuestCheck.load(kernelCase);
    // One kernel's inputs at a time: the large sizes hold tens of MiB each.
    cases.clear();
    entry = { kernelCase, guest, inputs: guest.initialBuffers() };
    cases.set(id, entry);
  }
  return entry;
}

async function handle(request: RunnerRequest): Promise<RunnerReply> {
  switch (request.type) {
    case 'open': {
      size = request.size;
      runner = await createRunner(request.spec);
      await runner.open();
      const variants = Object.fromEntries(request.kernels.map((id) => [id, runner!.variants(kernelById(id)!.caseFor(size))]));
      return { type: 'opened', primaryVariant: runner.primaryVariant, description: runner.describe(), variants };
    }
    case 'measure': {
      const { kernelCase, guest, inputs } = await caseFor(request.kernel);
      const { outputs, ...measurement } = await runner!.measure(kernelCase, request.variant, inputs, request.plan);
      // The guest-side check runs here, so only numbers cross back to the parent.
      const checkFailures = measurement.checkFailures ?? (outputs ? guest.check(outputs) : undefined);
      return { type: 'measured', measurement: { ...measurement, ...(checkFailures !== undefined ? { checkFailures } : {}) } };
    }
    case 'close':
      await runner?.close();
      return { type: 'closed' };
  }
}

process.on('message', (request: RunnerRequest) => {
  void handle(request)
    .catch((error: unknown): RunnerReply => ({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      ...(isWasiParallelError(error) ? { code: error.code } : {}),
    }))
    .then((reply) => {
      process.send!(reply, () => {
        // A backend may hold native handles that keep the loop alive; the parent is done with us.
        if (reply.type === 'closed') process.exit(0);
      });
    });
});
