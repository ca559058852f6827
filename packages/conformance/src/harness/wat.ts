import wabtInit from 'wabt';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

/** Every post-MVP feature a case may use; a backend that lacks one says so in its capabilities. */
const FEATURES = {
  threads: true,
  simd: true,
  sat_float_to_int: true,
  sign_extension: true,
  bulk_memory: true,
  mutable_globals: true,
  multi_value: true,
} as const;

let wabt: Promise<Wabt> | undefined;
const assembled = new Map<string, Promise<Uint8Array>>();

/**
 * Assembles WAT text to kernel bytes with wabt, once per distinct text, and checks that the
 * engine accepts them (wabt's own validator ignores the feature flags and rejects shared
 * memories). `validate: false` skips the check, for the bad-kernel cases that build modules an
 * engine must reject.
 */
export function assemble(name: string, text: string, options: { validate?: boolean } = {}): Promise<Uint8Array> {
  const validate = options.validate ?? true;
  const key = `${validate ? 'v' : 'n'}:${text}`;
  let pending = assembled.get(key);
  if (!pending) {
    pending = (async () => {
      wabt ??= wabtInit();
      const module = (await wabt).parseWat(`${name}.wat`, text, FEATURES);
      try {
        const bytes = Uint8Array.from(module.toBinary({}).buffer);
        if (validate && !WebAssembly.validate(bytes)) {
          new WebAssembly.Module(bytes); // throws with the engine's reason
          throw new Error(`${name}: the engine rejects the assembled kernel`);
        }
        return bytes;
      } finally {
        module.destroy();
      }
    })();
    assembled.set(key, pending);
    // A text that does not assemble is a bug in a case; do not cache the rejection forever.
    pending.catch(() => assembled.delete(key));
  }
  return pending;
}

/** The two spellings of a kernel's memory import the suite covers: the prototype linked it by position. */
export type MemoryImportStyle = 'bare' | 'env';

/** `(import "" "memory" (memory 1 <max> shared))` or the `env.memory` form clang emits. */
export function memoryImport(style: MemoryImportStyle, maxPages: number = KERNEL_MAX_PAGES): string {
  const module = style === 'env' ? 'env' : '';
  return `(import "${module}" "memory" (memory 1 ${maxPages} shared))`;
}

/** The maximum most kernels declare: 64 MiB, room for the million-element case's buffers. */
export const KERNEL_MAX_PAGES = 1024;

/**
 * The params of `kernel` for the given buffer names: `$i $n $block` then `$<name> $<name>_len`
 * per buffer, all i32, as the kernel ABI passes them.
 */
export function kernelParams(...buffers: string[]): string {
  const params = ['$i', '$n', '$block', ...buffers.flatMap((name) => [`$${name}`, `$${name}_len`])];
  return params.map((param) => `(param ${param} i32)`).join(' ');
}
