/** Why a kernel runs on the scalar loop instead: what the vectoriser met, and where. */
export class NotVectorisable extends Error {
  constructor(
    readonly reason: string,
    readonly loc: number,
  ) {
    super(reason);
  }
}
