/** A cold-path step (spawn, instantiate) that got no answer before the call's deadline. */
export class PoolTimeoutError extends Error {}

/** Races a cold-path step against the call's deadline. */
export async function withDeadline<T>(step: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return step;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PoolTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([step, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
