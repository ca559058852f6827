import { readFile } from 'node:fs/promises';
import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import { RESULTS_SCHEMA_VERSION, type BenchResults, type KernelInfo, type ResultRow } from '../results/bench-results.js';
import { loadResultsSchema, validateJson } from '../results/schema-validator.js';
import { BOOTSTRAP } from '../stats/bootstrap.js';
import { summarize } from '../stats/statistics.js';
import type { SizeName } from '../suite/kernel-spec.js';
import type { DashboardRun } from './dashboard-model.js';

/** A schema-version-1 file: one size, no dispersion. Only what the upgrade reads. */
interface ResultsV1 {
  readonly schemaVersion: 1;
  readonly size: SizeName;
  readonly plan: BenchResults['plans'][SizeName];
  readonly kernels: readonly Omit<KernelInfo, 'size'>[];
  readonly results: readonly (Omit<ResultRow, 'size' | 'warm'> & { readonly warm?: unknown })[];
}

/**
 * A version-1 file as version 2: its one size on every kernel and row, and each row's
 * dispersion computed from its stored samples with the same method the bench uses now.
 */
export function upgradeResults(v1: ResultsV1): BenchResults {
  const { size, plan, ...rest } = v1;
  return {
    ...(rest as unknown as BenchResults),
    schemaVersion: RESULTS_SCHEMA_VERSION,
    sizes: [size],
    plans: { [size]: plan },
    statistics: BOOTSTRAP,
    kernels: v1.kernels.map((kernel) => ({ ...kernel, size })),
    results: v1.results.map((row): ResultRow => {
      const { warm, ...fields } = row;
      return { ...fields, size, ...(warm !== undefined && row.samplesMs && row.samplesMs.length > 0 ? { warm: summarize(row.samplesMs) } : {}) };
    }),
  };
}

/** Reads a results file (schema version 1 or 2), upgrades it to the current version and validates it. */
export async function loadResultsFile(path: string): Promise<DashboardRun> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${path}: not a readable JSON file (${(error as Error).message.split('\n')[0]})`);
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== 1 && version !== RESULTS_SCHEMA_VERSION) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${path}: not bench results of schema version 1 or ${RESULTS_SCHEMA_VERSION} (schemaVersion ${JSON.stringify(version)})`);
  }
  const results = version === 1 ? upgradeResults(json as ResultsV1) : (json as BenchResults);
  const errors = validateJson(results, await loadResultsSchema());
  if (errors.length > 0) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `${path}: does not match the results schema: ${errors.slice(0, 5).join('; ')}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''}`);
  }
  return { name: path, results };
}
