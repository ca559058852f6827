import type { BlockExpr, Expr, ExprType, LoopExpr, ValueType } from '@wasi-parallel/kernel';
import { escapingTargets, isTargeted } from './branch-targets.js';
import { NOT_MINE, type Construct, type FunctionEmitter } from './function-emitter.js';
import { unsupported } from './translate-error.js';
import { TrapKind } from './translated-kernel.js';

/**
 * Structured wasm control flow as WGSL, which has no labelled break:
 * - a targeted `block` or `loop` becomes `loop { … break; }`; a branch to the innermost one is
 *   `break` (block) or `continue` (loop);
 * - a branch further out stores the target's id in `brk` and breaks; after each construct a
 *   check either finishes the branch at its target or keeps breaking outwards;
 * - `br_table` is an if-chain (a WGSL `switch` would capture `break`).
 */
export function emitControlFlow(em: FunctionEmitter, expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'block':
      return emitBlock(em, expr);
    case 'loop':
      return emitLoop(em, expr);
    case 'if': {
      const condition = em.value(expr.condition, 'i32');
      const result = resultVariable(em, expr.type, expr);
      em.line(`if (${condition} != 0u) {`);
      em.nested(() => assign(em, result, expr.then, expr.type));
      if (expr.else) {
        em.line('} else {');
        em.nested(() => assign(em, result, expr.else!, expr.type));
      }
      em.line('}');
      return result;
    }
    case 'br': {
      const value = expr.value ? em.value(expr.value, valueTypeOf(expr.value.type)) : undefined;
      jump(em, expr.label, value, expr);
      return undefined;
    }
    case 'br_if': {
      const value = expr.value ? em.value(expr.value, valueTypeOf(expr.value.type)) : undefined;
      const condition = em.value(expr.condition, 'i32');
      em.line(`if (${condition} != 0u) {`);
      em.nested(() => jump(em, expr.label, value, expr));
      em.line('}');
      return value;
    }
    case 'br_table': {
      const value = expr.value ? em.value(expr.value, valueTypeOf(expr.value.type)) : undefined;
      const index = em.value(expr.index, 'i32');
      expr.labels.forEach((label, i) => {
        em.line(`${i === 0 ? '' : '} else '}if (${index} == ${i}u) {`);
        em.nested(() => jump(em, label, value, expr));
      });
      if (expr.labels.length > 0) em.line('} else {');
      em.nested(() => jump(em, expr.defaultLabel, value, expr));
      if (expr.labels.length > 0) em.line('}');
      return undefined;
    }
    case 'return': {
      const value = expr.value ? em.value(expr.value, valueTypeOf(expr.value.type)) : undefined;
      em.terminator(em.returnStatement(value));
      return undefined;
    }
    case 'call': {
      const callee = em.module.functions.get(expr.target);
      if (!callee) throw unsupported(`a call to \`${expr.target}\`, which is not a function of the kernel`, em.at(expr));
      const args = expr.operands.map((operand, i) => em.value(operand, callee.fn.params[i]!));
      const call = `${callee.wgslName}(${args.join(', ')})`;
      let result: string | undefined;
      if (callee.fn.results.length > 0) result = em.temp(call);
      else em.line(`${call};`);
      em.checkTrap();
      if (expr.tail) em.terminator(em.returnStatement(result));
      return result;
    }
    case 'call_indirect':
      throw unsupported('an indirect call (`call_indirect`); WGSL has no function pointers', em.at(expr));
    case 'nop':
      return undefined;
    case 'unreachable':
      em.terminator(`raise(${TrapKind.UNREACHABLE}u); ${em.returnStatement()}`);
      return undefined;
    case 'drop':
      em.statement(expr.value);
      return undefined;
    case 'select': {
      const type = valueTypeOf(expr.type === 'unreachable' ? expr.ifTrue.type : expr.type);
      const ifTrue = em.value(expr.ifTrue, type);
      const ifFalse = em.value(expr.ifFalse, type);
      const condition = em.value(expr.condition, 'i32');
      return em.temp(`select(${ifFalse}, ${ifTrue}, ${condition} != 0u)`);
    }
    default:
      return NOT_MINE;
  }
}

function valueTypeOf(type: ExprType): ValueType {
  return typeof type === 'string' && type !== 'none' && type !== 'unreachable' ? type : 'i32';
}

function resultVariable(em: FunctionEmitter, type: ExprType, expr: Expr): string | undefined {
  if (typeof type !== 'string') throw unsupported('a multi-value block', em.at(expr));
  if (type === 'none' || type === 'unreachable') return undefined;
  return em.variable(em.type(type, expr), 'r');
}

/** Emits `body` and stores its value in `result` when the construct yields one. */
function assign(em: FunctionEmitter, result: string | undefined, body: Expr, type: ExprType): void {
  if (result === undefined) em.statement(body);
  else {
    const value = em.value(body, valueTypeOf(type));
    if (body.type !== 'unreachable') em.line(`${result} = ${value};`);
  }
}

function emitSequence(em: FunctionEmitter, body: readonly Expr[], result: string | undefined, type: ExprType): void {
  body.forEach((expr, i) => (i === body.length - 1 ? assign(em, result, expr, type) : em.statement(expr)));
}

function emitBlock(em: FunctionEmitter, expr: BlockExpr): string | undefined {
  const result = resultVariable(em, expr.type, expr);
  if (!isTargeted(expr.label, expr.body)) {
    emitSequence(em, expr.body, result, expr.type);
    return result;
  }
  construct(em, expr, { label: expr.label, kind: 'block', id: em.nextId(), result }, () => emitSequence(em, expr.body, result, expr.type));
  return result;
}

function emitLoop(em: FunctionEmitter, expr: LoopExpr): string | undefined {
  const result = resultVariable(em, expr.type, expr);
  if (!isTargeted(expr.label, [expr.body])) {
    assign(em, result, expr.body, expr.type);
    return result;
  }
  // A branch to a loop carries no value (MVP loops take no params); falling out yields the body's.
  construct(em, expr, { label: expr.label, kind: 'loop', id: em.nextId(), result: undefined }, () => assign(em, result, expr.body, expr.type));
  return result;
}

/** `break;`, after marking the exit when it leaves a loop on an adapter that may cut loops (prelude/loop-guard-wgsl.ts). */
function breakOut(em: FunctionEmitter, from: Construct): string {
  return em.module.cutLoops && from.kind === 'loop' ? `exit_mark(${from.id}u); break;` : 'break;';
}

function construct(em: FunctionEmitter, expr: Expr, self: Construct, body: () => void): void {
  em.line('loop {');
  em.constructs.push(self);
  em.nested(() => {
    // Each iteration of a wasm loop spends one unit of the invocation's loop budget. Where loops
    // may be cut, a trap leaves by the loop's own exit: a loop whose only ways out were returns
    // would have no code after it that the compiler keeps, and a cut would run off its end.
    if (self.kind === 'loop') {
      em.line('loop_tick();');
      if (em.module.cutLoops) em.line(`if (trap != 0u) { ${breakOut(em, self)} }`);
      else em.checkTrap();
    }
    body();
    em.terminator(breakOut(em, self));
  });
  em.constructs.pop();
  em.line('}');
  if (em.module.cutLoops && self.kind === 'loop') {
    em.line(`exit_check(${self.id}u);`);
    em.checkTrap();
  }
  const escaping = escapingTargets(expr);
  if (escaping.size === 0) return;
  const parent = em.constructs.at(-1);
  em.line('if (brk != 0u) {');
  em.nested(() => {
    if (!parent) {
      em.terminator(em.returnStatement());
      return;
    }
    if (parent.label !== undefined && escaping.has(parent.label)) {
      em.line(`if (brk == ${parent.id}u) { brk = 0u; ${parent.kind === 'loop' ? 'continue;' : breakOut(em, parent)} }`);
    }
    if ([...escaping].some((label) => label !== parent.label)) em.terminator(breakOut(em, parent));
  });
  em.line('}');
}

function jump(em: FunctionEmitter, label: string, value: string | undefined, expr: Expr): void {
  let index = em.constructs.length - 1;
  while (index >= 0 && em.constructs[index]!.label !== label) index--;
  if (index < 0) throw unsupported(`a branch to \`${label}\`, which encloses no construct the translator knows`, em.at(expr));
  const target = em.constructs[index]!;
  const innermost = em.constructs.at(-1)!;
  if (value !== undefined && target.result !== undefined) em.line(`${target.result} = ${value};`);
  if (index === em.constructs.length - 1) em.terminator(target.kind === 'loop' ? 'continue;' : breakOut(em, innermost));
  else em.terminator(`brk = ${target.id}u; ${breakOut(em, innermost)}`);
}
