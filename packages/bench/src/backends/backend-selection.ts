import { ErrorCode, parseBackendOptionValue, WasiParallelError } from '@wasi-parallel/core';

/**
 * One `--backends` entry: a backend name, optionally with init options, e.g. `threads@workers=2`
 * (`name@key=value@key=value`). The whole text names the row, so one backend can be measured
 * under several option sets in one run. Values are read by core's backend-option parser, the
 * one behind `--backend-option threads.workers=2`, so both spellings take the same values.
 */
export interface BackendSelection {
  readonly label: string;
  readonly backend: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export function parseBackendSelection(text: string): BackendSelection {
  const [backend, ...pairs] = text.trim().split('@');
  if (!backend) throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `\`${text}\` names no backend; write e.g. \`threads\` or \`threads@workers=2\``);
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `backend option \`${pair}\` in \`${text}\` must be key=value`);
    options[pair.slice(0, eq)] = parseBackendOptionValue(pair.slice(eq + 1));
  }
  return { label: text.trim(), backend, options };
}

/**
 * Folds `--backend-option BACKEND.KEY=VALUE` into the selections: every row of that backend
 * gets the option unless its label sets the key itself.
 */
export function applyBackendOptions(
  selections: readonly BackendSelection[],
  options: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): BackendSelection[] {
  return selections.map((selection) => {
    const extra = options[selection.backend];
    return extra ? { ...selection, options: { ...extra, ...selection.options } } : selection;
  });
}
