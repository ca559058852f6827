import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import type { CaseData } from '../guest/case-data.js';
import type { KernelCase, SizeName } from '../suite/kernel-spec.js';
import type { BenchRunner, FidelityOutcome, Measurement, SamplePlan, Variant } from './runner.js';
import { caseKey, type RunnerReply, type RunnerRequest } from './runner-protocol.js';
import { runnerSpecName, type RunnerSpec } from './runner-spec.js';

const CHILD = fileURLToPath(new URL('./runner-process.js', import.meta.url));

/**
 * Runs another runner in a child process of its own, so a backend that aborts the process (a
 * native crash in a GPU driver, say) or hangs costs its own rows, not the run: the row says
 * what happened and the next measurement starts a fresh process. Each runner also gets a clean
 * heap and its own worker threads, so one runner's garbage or pool never lands in another's
 * samples; between its requests a runner process only waits on its IPC channel.
 */
export class IsolatedRunner implements BenchRunner {
  readonly name: string;
  readonly role: 'backend' | 'baseline';
  primaryVariant: Variant = 'scalar';
  #child: ChildProcess | undefined;
  /** The one request in flight, and the process it went to (a late exit of an old process must not fail a new request). */
  #pending: { child: ChildProcess; resolve: (reply: RunnerReply) => void; reject: (error: Error) => void } | undefined;
  #description: Readonly<Record<string, string | number | boolean>> = {};
  #variants: Readonly<Record<string, readonly Variant[] | string>> = {};
  /** Set when the runner in the process can run the conformance suite. */
  fidelity?: () => Promise<FidelityOutcome>;

  constructor(
    private readonly spec: RunnerSpec,
    private readonly kernels: readonly string[],
    private readonly sizes: readonly SizeName[],
    /** Longest a single request may take before the child is ended. */
    private readonly timeoutMs: number,
  ) {
    this.name = runnerSpecName(spec);
    this.role = spec.kind;
  }

  async open(): Promise<void> {
    const reply = await this.#request({ type: 'open', spec: this.spec, kernels: this.kernels, sizes: this.sizes });
    if (reply.type !== 'opened') throw new Error(`unexpected reply ${reply.type}`);
    this.primaryVariant = reply.primaryVariant;
    this.#description = reply.description;
    this.#variants = reply.variants;
    if (reply.fidelity) this.fidelity = () => this.#fidelity();
  }

  variants(kernelCase: KernelCase): readonly Variant[] | string {
    return this.#variants[caseKey(kernelCase.kernel.id, kernelCase.size)] ?? 'not offered by the runner process';
  }

  async #fidelity(): Promise<FidelityOutcome> {
    if (!this.#child) await this.open();
    const reply = await this.#request({ type: 'fidelity' });
    if (reply.type !== 'fidelity') throw new Error(`unexpected reply ${reply.type}`);
    return reply.outcome;
  }

  async measure(data: CaseData, variant: Variant, plan: SamplePlan): Promise<Measurement> {
    // A crash ended the last process: start again, so one bad kernel does not cost the rest.
    if (!this.#child) await this.open();
    const reply = await this.#request({ type: 'measure', kernel: data.kernelCase.kernel.id, size: data.kernelCase.size, variant, plan });
    if (reply.type !== 'measured') throw new Error(`unexpected reply ${reply.type}`);
    return reply.measurement;
  }

  describe(): Readonly<Record<string, string | number | boolean>> {
    return { ...this.#description, isolated: true };
  }

  async close(): Promise<void> {
    if (!this.#child) return;
    await this.#request({ type: 'close' }).catch(() => undefined);
    this.#child?.kill();
    this.#child = undefined;
  }

  #start(): ChildProcess {
    const child = fork(CHILD, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('message', (reply: RunnerReply) => {
      const pending = this.#pending?.child === child ? this.#pending : undefined;
      if (pending) this.#pending = undefined;
      if (reply.type === 'error') {
        pending?.reject(reply.code ? new WasiParallelError(reply.code as Exclude<ErrorCode, 0>, reply.message.replace(/^[A-Z_]+: /, '')) : new Error(reply.message));
      } else pending?.resolve(reply);
    });
    child.on('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      const pending = this.#pending?.child === child ? this.#pending : undefined;
      if (pending) this.#pending = undefined;
      const last = stderr.trim().split('\n').filter((line) => line.trim() !== '').slice(-1)[0];
      pending?.reject(new Error(`the runner's process ended (${signal ?? `exit code ${code}`})${last ? `: ${last.trim()}` : ''}`));
    });
    return child;
  }

  #request(request: RunnerRequest): Promise<RunnerReply> {
    this.#child ??= this.#start();
    const child = this.#child;
    return new Promise<RunnerReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending = undefined;
        if (this.#child === child) this.#child = undefined;
        child.kill('SIGKILL');
        reject(new WasiParallelError(ErrorCode.TIMEOUT, `${request.type} took longer than ${this.timeoutMs} ms; the runner's process was ended`));
      }, this.timeoutMs);
      this.#pending = {
        child,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      child.send(request);
    });
  }
}
