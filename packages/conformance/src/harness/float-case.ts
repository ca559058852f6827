import type { ConformanceCase } from '../conformance-case.js';
import { expectCall } from './dispatch.js';
import { floatCall, floatKernel, type FloatOp, type FloatType } from './float-kernel.js';
import { requiresFeatures } from './requires.js';
import { assemble } from './wat.js';

export interface FloatCaseSpec {
  readonly id: string;
  readonly title: string;
  readonly type: FloatType;
  readonly ops: readonly FloatOp[];
  /** The operand bit patterns, one (x, y) pair per iteration. */
  readonly operands: () => { readonly xs: readonly bigint[]; readonly ys: readonly bigint[] };
  /** Module-level declarations the ops read (globals). */
  readonly declarations?: string;
}

/** A case that runs `ops` over every operand pair and compares every result byte with the JS models. */
export function floatOpsCase(spec: FloatCaseSpec): ConformanceCase {
  return {
    id: spec.id,
    title: spec.title,
    requires: spec.type === 'f32' ? requiresFeatures('f32') : requiresFeatures('f32', 'f64'),
    async run(context) {
      const kernel = await assemble(spec.id.replace('/', '-'), floatKernel(spec.type, spec.ops, spec.declarations));
      const { xs, ys } = spec.operands();
      const { call, expected } = floatCall(spec.type, spec.ops, kernel, xs, ys);
      await expectCall(context, call, expected);
    },
  };
}
