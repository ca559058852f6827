/**
 * Named backend priorities. Among backends serving a kind, the higher priority is tried first;
 * a negative priority means the backend is used only when asked for by name.
 */
export const BackendPriority = {
  /** Only by name: simulators and debugging backends. */
  BY_NAME_ONLY: -1,
  /** Core's sequential device: always there, tried last. */
  REFERENCE: 0,
  /** Runs on the CPU or in software emulation of a device. */
  SOFTWARE: 100,
  /** Runs on a real accelerator. */
  ACCELERATED: 200,
} as const;
