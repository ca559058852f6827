import {
  DeviceKind,
  deviceKindName,
  Host,
  createRegistry,
  type BackendFactory,
  type HostOptions,
} from '@wasi-parallel/core';
import { conformanceCases } from './cases/index.js';
import type { ConformanceCase, ConformanceContext } from './conformance-case.js';
import { expectationProblem, judge, type CaseOutcome, type CaseResult, type Expectation, type Expectations } from './expectations.js';

export interface ConformanceOptions {
  /** The backend under test. */
  readonly factory: BackendFactory;
  /** Which of its device kinds to test; default its first. */
  readonly kind?: DeviceKind;
  readonly expectations?: Expectations;
  /** Default `conformanceCases`. */
  readonly cases?: readonly ConformanceCase[];
  /** E.g. `timeoutMs`, a safety net that turns a hanging case into a failure on backends with timeouts. */
  readonly hostOptions?: Partial<HostOptions>;
}

/** A context and how to tear it down. */
export interface ConformanceSession {
  readonly context: ConformanceContext;
  close(): Promise<void>;
}

/**
 * Builds the context the cases run in: a host over a fresh registry holding the backend under
 * test and core's sequential backend, pinned to the backend by name so that neither priority
 * nor `WASI_PARALLEL_DEVICE` can pick another; and a separate host for the reference device.
 * Rejects when the backend cannot initialise or lacks the kind: a backend under test is never
 * silently replaced by the sequential fallback.
 */
export async function openConformanceSession(options: ConformanceOptions): Promise<ConformanceSession> {
  const { factory } = options;
  const kind = options.kind ?? factory.deviceKinds[0];
  if (kind === undefined) throw new Error(`backend \`${factory.name}\` declares no device kinds`);
  const registry = options.hostOptions?.registry ?? createRegistry();
  registry.register(factory);
  const host = new Host({ env: {}, ...options.hostOptions, registry, device: { backend: factory.name } });
  const reference = new Host({ env: {}, registry: createRegistry(), device: { kind: DeviceKind.SEQUENTIAL } });
  try {
    const device = await host.getDevice(kind);
    if (device.backend !== factory.name) {
      const state = registry.state(factory.name);
      const why = state?.state === 'failed' ? state.reason : `the host chose \`${device.backend}\``;
      throw new Error(`backend \`${factory.name}\` could not be initialised: ${why}`);
    }
    if (device.kind !== kind) {
      throw new Error(`backend \`${factory.name}\` offers no ${deviceKindName(kind)} device (its first device is ${deviceKindName(device.kind)})`);
    }
    const referenceDevice = await reference.getDevice(DeviceKind.SEQUENTIAL);
    const context: ConformanceContext = {
      host,
      device,
      capabilities: host.backendOf(device).capabilities,
      reference: { host: reference, device: referenceDevice },
    };
    return { context, close: () => closeAll(host, reference) };
  } catch (error) {
    await closeAll(host, reference);
    throw error;
  }
}

async function closeAll(...hosts: Host[]): Promise<void> {
  await Promise.allSettled(hosts.map((host) => host.close()));
}

/**
 * Runs one case and judges it: a capability gate or a `skip` expectation skips it without
 * running; otherwise it passes when `run` resolves and fails with the thrown message.
 */
export async function runCase(testCase: ConformanceCase, context: ConformanceContext, expectation: Expectation | undefined): Promise<CaseResult> {
  let outcome: CaseOutcome;
  const lacking = testCase.requires?.(context.capabilities);
  if (lacking !== undefined) {
    outcome = { status: 'skip', reason: lacking };
  } else if (expectation?.status === 'skip') {
    outcome = { status: 'skip', reason: expectation.reason };
  } else {
    try {
      await testCase.run(context);
      outcome = { status: 'pass' };
    } catch (error) {
      outcome = { status: 'fail', reason: error instanceof Error ? error.message : String(error) };
    }
  }
  return judge(testCase.id, outcome, expectation);
}

/** The expectation to apply to each case, and a result for every entry the file should not have. */
export function planExpectations(
  cases: readonly ConformanceCase[],
  expectations: Expectations = {},
): { readonly applicable: ReadonlyMap<string, Expectation>; readonly problems: ReadonlyMap<string, string> } {
  // Ids of the default list count as known even when a subset runs, so one expectations file
  // serves a filtered run too.
  const known = new Set([...cases, ...conformanceCases].map((testCase) => testCase.id));
  const applicable = new Map<string, Expectation>();
  const problems = new Map<string, string>();
  for (const [id, expectation] of Object.entries(expectations)) {
    const problem = expectationProblem(id, expectation, known);
    if (problem) problems.set(id, problem);
    else applicable.set(id, expectation);
  }
  return { applicable, problems };
}

/**
 * Runs every case against the backend, one after another on one device, and returns a result
 * per case (then one per bad expectations entry). Needs no test framework. A result is
 * `unexpected` when it differs from the expectations; a conforming backend has none.
 */
export async function runConformance(options: ConformanceOptions): Promise<CaseResult[]> {
  const cases = options.cases ?? conformanceCases;
  const { applicable, problems } = planExpectations(cases, options.expectations);
  const session = await openConformanceSession(options);
  const results: CaseResult[] = [];
  try {
    for (const testCase of cases) {
      const problem = problems.get(testCase.id);
      if (problem) results.push({ id: testCase.id, status: 'fail', reason: problem, unexpected: true });
      else results.push(await runCase(testCase, session.context, applicable.get(testCase.id)));
    }
  } finally {
    await session.close();
  }
  const ran = new Set(cases.map((testCase) => testCase.id));
  for (const [id, problem] of problems) {
    if (!ran.has(id)) results.push({ id, status: 'fail', reason: problem, unexpected: true });
  }
  return results;
}
