import { describe, expect, it } from 'vitest';
import { fusedExports, runFusedChunk } from '@wasi-parallel/core';
import { loadKernel, vectoriseKernel } from '@wasi-parallel/kernel';
import { assemble } from './helpers/compile.js';
import { random } from './helpers/mutator.js';

const INPUT_WORDS = 256;
const LOCALS = ['$a', '$b', '$c', '$d'];

/**
 * Random kernels with control flow that depends on the iteration and on the data: ifs,
 * blocks left early, loops with per-iteration trip counts (each counts its trips first, so a
 * branch back to any enclosing loop still ends), early returns, loads at computed in-bounds
 * indices, divisions (some trap), sub-word and f32 work. Each iteration finally writes its
 * locals to its own 16 bytes of `out` (and a byte at `bytes + i`), so everything it computed
 * is seen.
 */
class Generator {
  #labels: { name: string; loop: boolean }[] = [];
  #next = 0;

  constructor(readonly rand: () => number) {}

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  #int(depth = 0): string {
    const r = this.rand();
    if (depth > 2 || r < 0.25) return this.#pick([...LOCALS.map((local) => `(local.get ${local})`), '(local.get $i)', '(i32.const 3)', '(i32.const -7)', '(i32.const 1000)']);
    if (r < 0.45) return `(${this.#pick(['i32.add', 'i32.sub', 'i32.mul', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.rotl'])} ${this.#int(depth + 1)} ${this.#int(depth + 1)})`;
    if (r < 0.55) return `(${this.#pick(['i32.lt_s', 'i32.gt_u', 'i32.eq', 'i32.ne', 'i32.le_s'])} ${this.#int(depth + 1)} ${this.#int(depth + 1)})`;
    if (r < 0.65) return `(i32.load (i32.add (local.get $in) (i32.shl (i32.and ${this.#int(depth + 1)} (i32.const ${INPUT_WORDS - 1})) (i32.const 2))))`;
    if (r < 0.7) return `(i32.load8_s (i32.add (local.get $in) (i32.and ${this.#int(depth + 1)} (i32.const ${INPUT_WORDS * 4 - 1}))))`;
    if (r < 0.76) return `(i32.div_u ${this.#int(depth + 1)} (i32.or ${this.#int(depth + 1)} (i32.const 1)))`;
    if (r < 0.78) return `(i32.div_s ${this.#int(depth + 1)} (i32.and ${this.#int(depth + 1)} (i32.const 255)))`; // may divide by zero: a trap
    if (r < 0.84) return `(select ${this.#int(depth + 1)} ${this.#int(depth + 1)} ${this.#int(depth + 1)})`;
    if (r < 0.9) return `(i32.trunc_sat_f32_s ${this.#float(depth + 1)})`;
    return `(${this.#pick(['i32.clz', 'i32.popcnt', 'i32.eqz', 'i32.extend8_s'])} ${this.#int(depth + 1)})`;
  }

  #float(depth: number): string {
    const r = this.rand();
    if (depth > 2 || r < 0.3) return this.#pick(['(local.get $f)', '(f32.const 1.5)', '(f32.convert_i32_s (local.get $a))', '(f32.convert_i32_u (local.get $b))']);
    if (r < 0.7) return `(${this.#pick(['f32.add', 'f32.sub', 'f32.mul', 'f32.div', 'f32.min', 'f32.max', 'f32.copysign'])} ${this.#float(depth + 1)} ${this.#float(depth + 1)})`;
    return `(${this.#pick(['f32.sqrt', 'f32.neg', 'f32.abs', 'f32.floor', 'f32.nearest'])} ${this.#float(depth + 1)})`;
  }

  #label(loop: boolean): string {
    return `$${loop ? 'l' : 'b'}${this.#next++}`;
  }

  statements(depth: number): string {
    const count = 1 + Math.floor(this.rand() * (depth > 2 ? 2 : 4));
    return Array.from({ length: count }, () => this.#statement(depth)).join('\n');
  }

  #statement(depth: number): string {
    const r = this.rand();
    if (depth > 3 || r < 0.35) return this.rand() < 0.8 ? `(local.set ${this.#pick(LOCALS)} ${this.#int()})` : `(local.set $f ${this.#float(0)})`;
    if (r < 0.5) return `(if ${this.#int()} (then ${this.statements(depth + 1)}) (else ${this.statements(depth + 1)}))`;
    if (r < 0.62 && this.#labels.length > 0) {
      const target = this.#pick(this.#labels);
      return `(br_if ${target.name} ${this.#int()})`;
    }
    if (r < 0.65) return `(if ${this.#int()} (then (return)))`;
    if (r < 0.8) {
      const name = this.#label(false);
      this.#labels.push({ name, loop: false });
      const body = `${this.statements(depth + 1)} (br_if ${name} ${this.#int()}) ${this.statements(depth + 1)}`;
      this.#labels.pop();
      return `(block ${name} ${body})`;
    }
    const [exit, loop] = [this.#label(false), this.#label(true)];
    const counter = `$n${depth}`;
    const bound = this.rand() < 0.5 ? `(i32.and ${this.#int()} (i32.const 7))` : '(i32.const 5)';
    this.#labels.push({ name: exit, loop: false }, { name: loop, loop: true });
    const body = this.statements(depth + 1);
    const back = this.rand() < 0.5 ? `(br ${loop})` : `(br_if ${loop} ${this.#int()})`;
    this.#labels.splice(-2);
    return `(local.set ${counter} (i32.const 0))
      (block ${exit} (loop ${loop}
        (local.set ${counter} (i32.add (local.get ${counter}) (i32.const 1)))
        (br_if ${exit} (i32.gt_u (local.get ${counter}) ${bound}))
        ${body}
        ${back}))`;
  }
}

function program(seed: number): string {
  const body = new Generator(random(seed)).statements(0);
  return `(module (import "env" "memory" (memory 1 1024 shared))
    (func (export "kernel") (param $i i32) (param $count i32) (param $bs i32) (param $in i32) (param $in_len i32) (param $out i32) (param $out_len i32) (param $bytes i32) (param $bytes_len i32)
      (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $f f32) (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32) (local $n4 i32) (local $p i32)
      (local.set $a (i32.load (i32.add (local.get $in) (i32.shl (i32.and (local.get $i) (i32.const ${INPUT_WORDS - 1})) (i32.const 2)))))
      (local.set $p (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 4))))
      (block $body ${body})
      (i32.store offset=0 (local.get $p) (local.get $a))
      (i32.store offset=4 (local.get $p) (local.get $b))
      (i32.store offset=8 (local.get $p) (i32.xor (local.get $c) (local.get $d)))
      (f32.store offset=12 (local.get $p) (local.get $f))
      (i32.store8 (i32.add (local.get $bytes) (local.get $i)) (i32.add (local.get $a) (local.get $d)))))`;
}

type Outcome = { bytes: Uint8Array } | { failed: number };

function run(bytes: Uint8Array, count: number, vectorised: boolean): Outcome {
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 1024, shared: true } as WebAssembly.MemoryDescriptor);
  const view = new DataView(memory.buffer);
  for (let k = 0; k < INPUT_WORDS; k++) view.setInt32(k * 4, Math.imul(k, 0x9e3779b1) ^ (k << 3), true);
  const args = [0, INPUT_WORDS * 4, 4096, count * 16, 4096 + count * 16, count];
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { env: { memory } });
  if (vectorised) {
    const failure = runFusedChunk(fusedExports(instance), [0, count, count, 1, ...args]);
    if (failure) return { failed: failure.iteration };
  } else {
    const kernel = instance.exports.kernel as (...a: number[]) => void;
    for (let i = 0; i < count; i++) {
      try {
        kernel(i, count, 1, ...args);
      } catch {
        return { failed: i };
      }
    }
  }
  return { bytes: new Uint8Array(memory.buffer, 4096, count * 17).slice() };
}

describe('the vectoriser on random kernels with divergent control flow', () => {
  it('gives the scalar loop’s bytes, or its trapping iteration, for 120 programs', async () => {
    let vectorised = 0;
    const mismatches: string[] = [];
    for (let seed = 1; seed <= 120; seed++) {
      const text = program(seed);
      const bytes = assemble(text);
      const plan = vectoriseKernel(await loadKernel(bytes));
      if (!plan.vectorised) continue;
      vectorised++;
      for (const count of [1, 6, 23, 64]) {
        const expected = run(bytes, count, false);
        const got = run(plan.bytes, count, true);
        const same = 'failed' in expected ? 'failed' in got && got.failed === expected.failed : 'bytes' in got && Buffer.compare(got.bytes, expected.bytes) === 0;
        if (!same) mismatches.push(`seed ${seed}, N = ${count}: expected ${JSON.stringify('failed' in expected ? expected : 'bytes')}, got ${JSON.stringify('failed' in got ? got : 'other bytes')}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(vectorised).toBeGreaterThan(90);
  }, 300_000);
});
