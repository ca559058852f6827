/**
 * A fixed-length loop of the soft-float divisions and square roots (25 to 55 steps of one
 * shift-and-subtract), as a WGSL `for` loop or written out step by step. Written out, a
 * division is large: SwiftShader inlines every call and compiles each copy (seconds per f64
 * division on a busy machine). As a loop it counts against llvmpipe's loop limit, which ends
 * the loops of an invocation after 65,535 iterations in total: there the steps are written out.
 * `step` gets the step's bit, 2^(top − k), as a WGSL expression.
 */
export function fixedLoop(count: number, top: number, unroll: boolean, step: (bit: string) => string): string {
  if (!unroll) return `  for (var k = 0u; k < ${count}u; k++) { let bit = 1u << (${top}u - k); ${step('bit')} }`;
  return Array.from({ length: count }, (_, k) => `  { ${step(`0x${(2 ** (top - k)).toString(16)}u`)} }`).join('\n');
}
