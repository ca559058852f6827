// The body of an isolated runner's child process (see isolated-runner.ts): creates the runner a
// spec names, then answers the parent's requests one at a time over the IPC channel.
import { isWasiParallelError } from '@wasi-parallel/core';
import { CaseData, checkFailuresOf } from '../guest/case-data.js';
import { kernelById } from '../suite/kernel-suite.js';
import type { SizeName } from '../suite/kernel-spec.js';
import { createRunner } from './create-runner.js';
import type { BenchRunner } from './runner.js';
import { caseKey, type RunnerReply, type RunnerRequest } from './runner-protocol.js';

let runner: BenchRunner | undefined;
// One kernel case's data at a time: the large sizes hold tens of MiB each.
let current: CaseData | undefined;

function caseFor(id: string, size: SizeName): CaseData {
  if (current?.kernelCase.kernel.id !== id || current.kernelCase.size !== size) current = new CaseData(kernelById(id)!.caseFor(size));
  return current;
}

async function handle(request: RunnerRequest): Promise<RunnerReply> {
  switch (request.type) {
    case 'open': {
      runner = await createRunner(request.spec);
      await runner.open();
      const variants = Object.fromEntries(
        request.sizes.flatMap((size) => request.kernels.map((id) => [caseKey(id, size), runner!.variants(kernelById(id)!.caseFor(size))])),
      );
      return { type: 'opened', primaryVariant: runner.primaryVariant, description: runner.describe(), variants, fidelity: runner.fidelity !== undefined };
    }
    case 'measure': {
      const data = caseFor(request.kernel, request.size);
      const measured = await runner!.measure(data, request.variant, request.plan);
      // The guest-side check runs here, so only numbers cross back to the parent.
      const checkFailures = await checkFailuresOf(measured, data);
      const { outputs, ...numbers } = measured;
      return { type: 'measured', measurement: { ...numbers, checkFailures } };
    }
    case 'fidelity':
      return { type: 'fidelity', outcome: runner?.fidelity ? await runner.fidelity() : { reason: 'the runner is no backend' } };
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
