/**
 * What a backend expects of each case, and how an outcome is judged against it
 * (gpuweb/cts `src/common/internal/logging/result.ts`): unlisted cases must pass; `skip` means
 * "do not run"; `fail` means "runs and fails, for this reason". Anything else is unexpected,
 * an unexpected pass included, so an expectations file cannot go stale quietly.
 */
export type Expectation = { readonly status: 'skip' | 'fail'; readonly reason: string };

/** Case id -> expectation; unlisted = pass. The shape of `test/conformance-expectations.json`. */
export type Expectations = Readonly<Record<string, Expectation>>;

export type CaseStatus = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  id: string;
  /** What happened: the case passed, failed, or was not run. */
  status: CaseStatus;
  /** Why it failed or was skipped; for an unexpected result, what to change. */
  reason?: string;
  /** What the expectations said: `pass` when the case is unlisted. */
  expected?: CaseStatus;
  /** True when `status` differs from `expected`: the backend regressed or the expectations file is stale. */
  unexpected?: boolean;
}

/** An outcome before it is judged: what running (or not running) the case gave. */
export interface CaseOutcome {
  readonly status: CaseStatus;
  readonly reason?: string;
}

/** Judges one case's outcome against its expectation. */
export function judge(id: string, outcome: CaseOutcome, expectation: Expectation | undefined): CaseResult {
  const expected: CaseStatus = expectation?.status ?? 'pass';
  // A skip is expected unless the file says the case fails: a capability gate needs no entry.
  if (outcome.status === expected || (outcome.status === 'skip' && expected === 'pass')) {
    return { id, status: outcome.status, ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}), expected, unexpected: false };
  }
  let reason: string;
  if (outcome.status === 'pass') {
    reason = `passed, but the expectations say ${expected} (${expectation!.reason}); remove \`${id}\` from the expectations file`;
  } else if (outcome.status === 'skip') {
    reason = `skipped (${outcome.reason}), but the expectations say ${expected} (${expectation!.reason}); remove \`${id}\` from the expectations file`;
  } else if (expectation) {
    reason = `${outcome.reason} (the expectations say ${expected}: ${expectation.reason})`;
  } else {
    reason = outcome.reason ?? 'failed';
  }
  return { id, status: outcome.status, reason, expected, unexpected: true };
}

/**
 * What is wrong with one entry of an expectations file, else undefined: an id no case has
 * (a renamed or removed case), a status other than skip/fail, an empty reason. The runner
 * reports each as an unexpected failure under its id, so a typo cannot silently turn a
 * failing case into an expected one.
 */
export function expectationProblem(id: string, expectation: unknown, knownIds: ReadonlySet<string>): string | undefined {
  const status = (expectation as { status?: unknown } | null)?.status;
  const reason = (expectation as { reason?: unknown } | null)?.reason;
  if (!knownIds.has(id)) return `the expectations name \`${id}\`, which is no conformance case; fix or remove the entry`;
  if (status !== 'skip' && status !== 'fail') return `the expectation for \`${id}\` has status ${JSON.stringify(status)}; use "skip" or "fail"`;
  if (typeof reason !== 'string' || reason.trim() === '') return `the expectation for \`${id}\` gives no reason; say why`;
  return undefined;
}

/** One line per result, e.g. for a CLI or a log. */
export function formatResult(result: CaseResult): string {
  const mark = result.unexpected ? `UNEXPECTED ${result.status}` : result.status === 'fail' ? 'fail (expected)' : result.status;
  return `${mark.padEnd(17)} ${result.id}${result.reason ? ` — ${result.reason}` : ''}`;
}
