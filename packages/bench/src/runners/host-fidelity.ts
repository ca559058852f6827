import type { BackendFactory } from '@wasi-parallel/core';
import type { FidelityCase } from '../results/bench-results.js';
import type { FidelityOutcome } from './runner.js';

interface ConformanceSuite {
  runConformance(options: { readonly factory: BackendFactory }): Promise<readonly ConformanceResult[]>;
}

interface ConformanceResult {
  readonly id: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly reason?: string;
  /** Not in today's `CaseResult`: a case that measures units in the last place may add it. */
  readonly ulp?: unknown;
}

const PACKAGE = '@wasi-parallel/conformance';

/**
 * Runs the conformance suite on `factory` (already carrying the row's options and named for
 * the row), with no expectations file: the matrix shows what happens, and a known failure is a
 * failure there too. The package is imported by name, so the bench runs without it.
 */
export async function runFidelity(factory: BackendFactory): Promise<FidelityOutcome> {
  let suite: ConformanceSuite;
  try {
    suite = (await import(/* @vite-ignore */ PACKAGE)) as ConformanceSuite;
  } catch (error) {
    return { reason: `${PACKAGE} did not load: ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const results = await suite.runConformance({ factory });
    return {
      cases: results.map((result): FidelityCase => ({
        id: result.id,
        status: result.status,
        ...(result.reason !== undefined ? { reason: result.reason.split('\n')[0]! } : {}),
        ...(typeof result.ulp === 'number' && Number.isFinite(result.ulp) ? { ulp: result.ulp } : {}),
      })),
    };
  } catch (error) {
    return { reason: (error as Error).message.split('\n')[0]! };
  }
}
