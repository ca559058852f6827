/**
 * A mistake in how the command was called: printed as one line plus "see --help", exit 2.
 * The message names the option, file or directory involved and what to do instead.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
