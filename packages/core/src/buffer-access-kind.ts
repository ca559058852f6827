/** `buffer-access-kind` from the proposal's witx: how a kernel may use a buffer. */
export const BufferAccessKind = {
  READ: 0,
  WRITE: 1,
  READ_WRITE: 2,
} as const;
export type BufferAccessKind = (typeof BufferAccessKind)[keyof typeof BufferAccessKind];

export const BUFFER_ACCESS_KIND_NAMES: Readonly<Record<BufferAccessKind, string>> = {
  0: 'read',
  1: 'write',
  2: 'read-write',
};

export function isBufferAccessKind(value: unknown): value is BufferAccessKind {
  return value === 0 || value === 1 || value === 2;
}

/** Whether a kernel may change the buffer, so its bytes must travel back after a call. */
export function isWritable(access: BufferAccessKind): boolean {
  return access !== BufferAccessKind.READ;
}
