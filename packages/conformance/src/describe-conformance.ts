import { DEVICE_KIND_NAMES } from '@wasi-parallel/core';
import { afterAll, describe, it } from 'vitest';
import { conformanceCases } from './cases/index.js';
import { openConformanceSession, planExpectations, runCase, type ConformanceOptions, type ConformanceSession } from './run-conformance.js';

/** Per case, generous: the first case also pays for the backend's initialisation. */
const CASE_TIMEOUT_MS = 120_000;

/**
 * Registers one vitest test per case, in a `describe` named for the backend (tfjs
 * `describeWithFlags`). A test fails when its case's result differs from the expectation,
 * an unexpected pass included; a capability gate or a `skip` expectation reports the test as
 * skipped with the reason. The backend initialises once, on the first test that runs.
 */
export function describeConformance(options: ConformanceOptions): void {
  const cases = options.cases ?? conformanceCases;
  const { applicable, problems } = planExpectations(cases, options.expectations);
  const kind = options.kind ?? options.factory.deviceKinds[0];
  const label = `conformance: ${options.factory.name}${kind === undefined ? '' : ` (${DEVICE_KIND_NAMES[kind]})`}`;

  describe(label, () => {
    let session: Promise<ConformanceSession> | undefined;
    const open = (): Promise<ConformanceSession> => (session ??= openConformanceSession(options));
    afterAll(async () => {
      const opened = await session?.catch(() => undefined);
      await opened?.close();
    });

    for (const testCase of cases) {
      const expectation = applicable.get(testCase.id);
      const problem = problems.get(testCase.id);
      if (expectation?.status === 'skip') {
        it.skip(`${testCase.id}: ${testCase.title} (skipped by expectations: ${expectation.reason})`, () => {});
        continue;
      }
      it(
        `${testCase.id}: ${testCase.title}`,
        async (test) => {
          if (problem) throw new Error(problem);
          const { context } = await open();
          const result = await runCase(testCase, context, expectation);
          if (result.unexpected) throw new Error(`${result.id}: ${result.reason}`);
          if (result.status === 'skip') test.skip(result.reason);
          if (result.status === 'fail') await test.annotate(`fails as expected: ${result.reason}`);
        },
        CASE_TIMEOUT_MS,
      );
    }

    const ids = new Set(cases.map((testCase) => testCase.id));
    const stale = [...problems].filter(([id]) => !ids.has(id));
    if (stale.length > 0) {
      it('the expectations name only known cases', () => {
        throw new Error(stale.map(([, problem]) => problem).join('; '));
      });
    }
  });
}
