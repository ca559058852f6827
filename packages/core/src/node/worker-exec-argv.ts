/** Flags of the main thread that a worker thread refuses (they are about the main script's input). */
const MAIN_ONLY = new Set(['--input-type', '--eval', '-e', '--print', '-p', '--interactive', '-i']);
const TAKES_VALUE = new Set(['--eval', '-e', '--print', '-p']);

/**
 * The main thread's `execArgv` without the flags that only make sense for its own script:
 * workers inherit `execArgv` by default, and `node --input-type=module -e …` would otherwise
 * make every worker fail to start. Flags that matter to kernels (`--stack-size`, wasm flags,
 * memory limits) pass through.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!.split('=')[0]!;
    if (!MAIN_ONLY.has(flag)) {
      kept.push(argv[i]!);
      continue;
    }
    if (TAKES_VALUE.has(flag) && !argv[i]!.includes('=')) i++;
  }
  return kept;
}
