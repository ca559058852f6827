import { ErrorCode } from './error-code.js';
import { WasiParallelError } from './errors.js';

/**
 * Backend options written as text — the CLI's `--backend-option threads.workers=4`, the bench's
 * `threads@workers=4` row labels — read by one parser, so every command takes the same values.
 * The backend's `init` validates the result (see `BackendOptionMap`).
 */
export interface BackendOptionAssignment {
  readonly backend: string;
  readonly key: string;
  readonly value: unknown;
}

/** JSON when the text parses as JSON (`4`, `true`, `"text"`, `[1,2]`), else the text itself. */
export function parseBackendOptionValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `threads.workers=4`: the backend name may contain dots, the key may not. */
export function parseBackendOptionAssignment(text: string): BackendOptionAssignment {
  const match = /^(.+)\.([^.=]+)=(.*)$/s.exec(text);
  if (!match) {
    throw new WasiParallelError(ErrorCode.INVALID_ARGUMENT, `a backend option is BACKEND.KEY=VALUE (e.g. threads.workers=4), got \`${text}\``);
  }
  return { backend: match[1]!, key: match[2]!, value: parseBackendOptionValue(match[3]!) };
}

/** Assignments grouped by backend: `['threads.workers=4']` → `{ threads: { workers: 4 } }`. */
export function groupBackendOptions(assignments: readonly BackendOptionAssignment[]): Record<string, Record<string, unknown>> {
  const grouped: Record<string, Record<string, unknown>> = {};
  for (const { backend, key, value } of assignments) (grouped[backend] ??= {})[key] = value;
  return grouped;
}

/**
 * Refuses keys a backend does not know, naming the ones it does: a misspelt option must not
 * be ignored in silence. Backends call it first thing in `init`.
 */
export function rejectUnknownBackendOptions(backend: string, options: Readonly<Record<string, unknown>>, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new WasiParallelError(
      ErrorCode.INVALID_ARGUMENT,
      `${backend} backend has no option ${unknown.map((key) => `\`${key}\``).join(', ')}; its options are ${known.map((key) => `\`${key}\``).join(', ')}`,
    );
  }
}
