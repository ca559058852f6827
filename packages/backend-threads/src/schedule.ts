/** About this many chunks per worker: enough for uneven iterations to balance, few enough that the shared counter stays cold. */
export const CHUNKS_PER_WORKER = 16;

export interface Schedule {
  /** Iterations per chunk; every chunk starts at a multiple of it. */
  readonly chunk: number;
  readonly numChunks: number;
}

/**
 * The chunk size for N iterations on W workers (docs/backends/threads.md, "Scheduling"):
 *
 * - about CHUNKS_PER_WORKER chunks per worker, handed out dynamically from an atomic counter;
 * - when `blockSize` groups iterations (1 ≤ blockSize ≤ N/W, so there are at least as many
 *   blocks as workers), a chunk is a whole number of blocks, so a block's iterations run on
 *   one worker, in order;
 * - a larger `blockSize` cannot be a grouping of iterations meant to run in parallel: it is
 *   the kernel's own slice length (the prototype's examples pass N = thread count and
 *   blockSize = elements per thread), so chunks ignore it.
 */
export function schedule(numIterations: number, blockSize: number, workers: number): Schedule {
  if (numIterations === 0) return { chunk: 1, numChunks: 0 };
  const target = Math.max(1, Math.ceil(numIterations / (workers * CHUNKS_PER_WORKER)));
  const chunk =
    blockSize >= 1 && blockSize <= numIterations / workers ? blockSize * Math.max(1, Math.round(target / blockSize)) : target;
  return { chunk, numChunks: Math.ceil(numIterations / chunk) };
}
