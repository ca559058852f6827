import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';

/**
 * One `--backends` entry: a backend name, optionally with init options, e.g. `threads@workers=2`
 * (`name@key=value@key=value`). The whole text names the row, so one backend can be measured
 * under several option sets in one run.
 */
export interface BackendSelection {
  readonly label: string;
  readonly backend: string;
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

function parseValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) ? number : text;
}

export function parseBackendSelection(text: string): BackendSelection {
  const [backend, ...pairs] = text.trim().split('@');
  if (!backend) throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `\`${text}\` names no backend; write e.g. \`threads\` or \`threads@workers=2\``);
  const options: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `backend option \`${pair}\` in \`${text}\` must be key=value`);
    options[pair.slice(0, eq)] = parseValue(pair.slice(eq + 1));
  }
  return { label: text.trim(), backend, options };
}
