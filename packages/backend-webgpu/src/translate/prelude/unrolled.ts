/**
 * A fixed-length loop written out step by step. The soft-float divisions and square roots run
 * 25 to 55 steps of one shift-and-subtract; as WGSL loops they would count against llvmpipe's
 * per-invocation loop limit (and the iteration budget), written out they cost nothing there.
 */
export function unrolled(count: number, step: (k: number) => string): string {
  return Array.from({ length: count }, (_, k) => `  ${step(k)}`).join('\n');
}

/** `1u << bit` as a WGSL literal. */
export function bitLiteral(bit: number): string {
  return `0x${(2 ** bit).toString(16)}u`;
}
