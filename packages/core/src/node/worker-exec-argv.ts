import { Worker, type WorkerOptions } from 'node:worker_threads';

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

/** What `new Worker` last accepted, so the flags Node refuses are found once per process. */
let accepted: string[] | undefined;

/** The flags `ERR_WORKER_INVALID_EXEC_ARGV` names ("… invalid execArgv flags: --expose-gc, --stack-size=2000"). */
function refusedFlags(message: string): Set<string> {
  const list = /flags: (.*)$/.exec(message)?.[1] ?? '';
  return new Set(list.split(', ').flatMap((flag) => [flag, flag.split('=')[0]!]));
}

/**
 * A worker thread started with the main thread's flags (`workerExecArgv`) less the ones Node
 * refuses in a worker: V8 flags (`--expose-gc`, `--stack-size`, `--max-old-space-size`) and
 * per-process options. V8's flags are process-wide and already apply to every thread, so
 * dropping them changes nothing; the rest (`--enable-source-maps`, `--conditions`, …) carry.
 */
export function startWorker(url: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  let argv = accepted ?? workerExecArgv();
  for (;;) {
    try {
      const worker = new Worker(url, { ...options, execArgv: argv });
      accepted = argv;
      return worker;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV' || argv.length === 0) throw error;
      const refused = refusedFlags((error as Error).message);
      const next = argv.filter((flag) => !refused.has(flag) && !refused.has(flag.split('=')[0]!));
      argv = next.length < argv.length ? next : [];
    }
  }
}
