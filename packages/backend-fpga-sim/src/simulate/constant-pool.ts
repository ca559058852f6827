import type { ConstValue } from '@wasi-parallel/kernel';

/**
 * The kernel's constants as JS, in the simulator's representation: an f32 as its bits, an f64
 * rebuilt from its bits (so −0, infinities and NaN payloads survive the source text), an i64 as a bigint.
 * Each distinct constant is one `const K<n>` of the generated module.
 */
export class ConstantPool {
  readonly #names = new Map<string, string>();
  readonly lines: string[] = [];

  name(value: ConstValue): string {
    const literal = literalOf(value);
    let name = this.#names.get(literal);
    if (!name) {
      name = `K${this.#names.size}`;
      this.#names.set(literal, name);
      this.lines.push(`const ${name} = ${literal};`);
    }
    return name;
  }
}

function literalOf(value: ConstValue): string {
  switch (value.type) {
    case 'i32':
      return String(value.value | 0);
    case 'i64':
      return `${BigInt.asIntN(64, value.value)}n`;
    // From the constant's own bits: its number has lost a signalling NaN's quiet bit and payload.
    case 'f32':
      return String(value.bits | 0);
    case 'f64':
      return `R.f64FromBits(${BigInt.asIntN(64, value.bits)}n)`;
    default:
      throw new Error('v128 constants are not synthesised');
  }
}
