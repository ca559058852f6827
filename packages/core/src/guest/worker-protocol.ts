import type { MessagePort } from 'node:worker_threads';
/** What the guest worker starts with. */
export interface GuestWorkerData {
  readonly module: WebAssembly.Module;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly preopens: Readonly<Record<string, string>>;
  /** Int32Array over it: [0] = 1 when the host has answered the pending call. */
  readonly signal: SharedArrayBuffer;
  /** The port ABI requests go out on and answers come back on. */
  readonly abiPort: MessagePort;
}

/** Commands from the host thread to the guest worker, on its parentPort. */
export type GuestCommand =
  | { readonly type: 'start'; readonly id: number }
  | { readonly type: 'invoke'; readonly id: number; readonly name: string; readonly args: readonly (number | bigint)[] };

/** Messages from the guest worker, on its parentPort. */
export type GuestMessage =
  | { readonly type: 'ready'; readonly memory: WebAssembly.Memory | undefined; readonly exports: readonly string[] }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'failure'; readonly id: number; readonly message: string; readonly trap: boolean }
  | { readonly type: 'abi-error'; readonly functionName: string; readonly code: number; readonly message: string };
