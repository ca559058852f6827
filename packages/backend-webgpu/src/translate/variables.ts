import type { Expr } from '@wasi-parallel/kernel';
import { NOT_MINE, type FunctionEmitter } from './function-emitter.js';
import { unsupported } from './translate-error.js';
import { f32Literal, i64Literal, u32Literal } from './wgsl-types.js';

export function localName(index: number): string {
  return `l${index}`;
}

/** Locals are function `var`s, globals module `var<private>`s: each invocation has its own, as each wasm instance has. */
export function emitVariable(em: FunctionEmitter, expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'const': {
      const { value } = expr;
      switch (value.type) {
        case 'i32':
          return u32Literal(value.value);
        case 'i64':
          return i64Literal(value.value);
        case 'f32':
          return f32Literal(value.bits, em.module.float === 'native');
        case 'f64':
          return i64Literal(value.bits);
        default:
          em.type(value.type, expr);
          return NOT_MINE;
      }
    }
    case 'local.get':
      // Read now: a later operand may set the local before this value is used.
      return em.temp(localName(expr.local));
    case 'local.set':
    case 'local.tee': {
      const local = em.fn.locals[expr.local]!;
      const value = em.value(expr.value, local.type);
      em.line(`${localName(expr.local)} = ${value};`);
      return expr.kind === 'local.tee' ? value : undefined;
    }
    case 'global.get': {
      const global = em.module.globals.get(expr.global);
      if (!global) throw unsupported(`an unknown global \`${expr.global}\``, em.at(expr));
      return em.temp(global.wgslName);
    }
    case 'global.set': {
      const global = em.module.globals.get(expr.global);
      if (!global) throw unsupported(`an unknown global \`${expr.global}\``, em.at(expr));
      const value = em.value(expr.value, global.global.type);
      em.line(`${global.wgslName} = ${value};`);
      return undefined;
    }
    default:
      return NOT_MINE;
  }
}
