/**
 * The guest ABI of the 2022 prototype (docs/abi.md): the import
 * module and the requests its functions make of the host. Every function returns an `ErrorCode` as i32.
 */
export const GUEST_IMPORT_MODULE = 'wasi_ephemeral_parallel';

/** How the host reaches the guest's memory (docs/abi.md, "Guest memory"). */
export type GuestMemoryMode = 'shared' | 'copy';

/** Requests the guest worker sends the host thread, one per ABI call that needs the host. */
export type AbiRequest =
  | { readonly op: 'get_device'; readonly hint: number }
  | { readonly op: 'create_buffer'; readonly device: number; readonly size: number; readonly access: number }
  | { readonly op: 'write_buffer'; readonly buffer: number; readonly ptr: number; readonly len: number }
  | { readonly op: 'read_buffer'; readonly buffer: number; readonly len: number }
  | {
      readonly op: 'parallel_exec';
      readonly device: number;
      readonly kernel: Uint8Array;
      readonly numIterations: number;
      readonly blockSize: number;
      readonly buffers: readonly number[];
      /** Copy mode only: the current bytes of each aliased region, by buffer id. */
      readonly regions?: ReadonlyMap<number, Uint8Array>;
    };

export interface AbiResponse {
  readonly code: number;
  readonly message?: string;
  /** The handle `get_device` and `create_buffer` return. */
  readonly value?: number;
  /** `read_buffer`: the guest region the buffer aliases, to copy from inside guest memory. */
  readonly aliasPtr?: number;
  /** `read_buffer` of a buffer that aliases nothing: its bytes. */
  readonly bytes?: Uint8Array;
  /** Copy mode `parallel_exec`: bytes to store back into aliased regions. */
  readonly writes?: ReadonlyArray<{ readonly ptr: number; readonly bytes: Uint8Array }>;
}
