/**
 * The proposal's `error` enum defines only `success` = 0 and leaves the rest as a TODO; the
 * prototype trapped on every error. These codes are this project's documented extension
 * (docs/abi.md): the guest ABI returns them as i32, the JS API throws them inside a
 * `WasiParallelError`.
 */
export const ErrorCode = {
  SUCCESS: 0,
  /** An argument is out of its domain: an unknown enum value, a zero or huge size, a pointer or length outside guest memory. */
  INVALID_ARGUMENT: 1,
  /** A device or buffer handle that this host never issued, has freed, or belongs to another host. */
  INVALID_HANDLE: 2,
  /** A buffer passed to a device other than the one it was created on. */
  WRONG_DEVICE: 3,
  /** A data length that differs from the buffer's size. */
  SIZE_MISMATCH: 4,
  /** The device or the kernel's memory cannot hold what was asked for. */
  OUT_OF_MEMORY: 5,
  /** The kernel is not a valid WebAssembly module or breaks the kernel ABI (docs/kernel-abi.md). */
  INVALID_KERNEL: 6,
  /** The kernel is valid but uses something this device cannot run (e.g. f64 on WebGPU). */
  UNSUPPORTED_KERNEL_FEATURE: 7,
  /** An iteration of the kernel trapped; the call's remaining iterations were abandoned. */
  KERNEL_TRAP: 8,
  /** The call ran past its time limit and was ended. */
  TIMEOUT: 9,
  /** The device stopped working; the next call re-initialises it. */
  DEVICE_LOST: 10,
  /** A backend asked for by name cannot initialise on this machine (it is not lost: it never worked here); the message says why. */
  DEVICE_UNAVAILABLE: 11,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type ErrorCodeName = keyof typeof ErrorCode;

const NAMES = Object.fromEntries(Object.entries(ErrorCode).map(([name, code]) => [code, name])) as Record<
  ErrorCode,
  ErrorCodeName
>;

export function errorCodeName(code: ErrorCode): ErrorCodeName {
  return NAMES[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'number' && value in NAMES;
}
