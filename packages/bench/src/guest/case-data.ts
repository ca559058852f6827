import type { Measurement } from '../runners/runner.js';
import type { KernelCase } from '../suite/kernel-spec.js';
import { GuestCheck } from './guest-check.js';

/**
 * A kernel case's inputs and check, made on first use: a runner in another process makes its
 * own, so the parent never holds the large sizes' buffers for it.
 */
export class CaseData {
  #guest: Promise<GuestCheck> | undefined;
  #inputs: Promise<Uint8Array[]> | undefined;

  constructor(readonly kernelCase: KernelCase) {}

  #load(): Promise<GuestCheck> {
    this.#guest ??= GuestCheck.load(this.kernelCase);
    return this.#guest;
  }

  /** Every buffer's starting bytes, the same for every runner (see GuestCheck.initialBuffers). */
  inputs(): Promise<Uint8Array[]> {
    this.#inputs ??= this.#load().then((guest) => guest.initialBuffers());
    return this.#inputs;
  }

  /** Wrong output elements, by the kernel's own guest-side check (0 = pass). */
  async check(outputs: readonly Uint8Array[]): Promise<number> {
    return (await this.#load()).check(outputs);
  }
}

/** A measurement's wrong-element count: the runner's own (native driver) or the guest check's on its outputs. */
export async function checkFailuresOf(measurement: Measurement, data: CaseData): Promise<number> {
  if (measurement.checkFailures !== undefined) return measurement.checkFailures;
  if (!measurement.outputs) throw new Error('the runner returned neither outputs nor a check result');
  return data.check(measurement.outputs);
}
