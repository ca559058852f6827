import cliProgress from 'cli-progress';

export type ProgressFn = (done: number, total: number, what: string) => void;

/**
 * A progress bar on stderr while the bench runs; none when stderr is not a terminal or `CI` is
 * set, so logs and piped output stay clean.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): { update: ProgressFn; stop(): void } {
  if (!stream.isTTY || env.CI) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: 'bench [{bar}] {value}/{total} {what}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, what) {
      if (!started) {
        bar.start(total, done, { what });
        started = true;
      } else bar.update(done, { what });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
