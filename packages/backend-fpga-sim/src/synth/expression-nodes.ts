import type { Expr, ValueType } from '@wasi-parallel/kernel';
import { OP_RULES } from '../ops/op-rules.js';
import type { Bank, DfgNode, MemoryAccess, Source, VarKey } from './dfg.js';
import type { GraphNodes, Path } from './graph-nodes.js';
import { NotPipelinable, unsynthesisable } from './unsupported.js';

export const localKey = (index: number): VarKey => `l${index}`;
export const globalKey = (name: string): VarKey => `g${name}`;

/** Memory touched by calls and bulk operations: anywhere, of unknown extent. */
const ANYWHERE: MemoryAccess = { bank: 'any', bytes: 1, offset: 0, signed: false, atomic: false, valueType: 'i32' };

/**
 * Expressions to nodes: numbers through OP_RULES, memory accesses on their banks, calls and
 * waits where the region is sequential code. A variable is read through `read` (its value on
 * the path); side effects and trapping operations carry the path's predicate.
 */
export class ExpressionNodes {
  /** Sequential code: the last call, after which globals are read again (the callee may have changed them). */
  lastCall: number | undefined;

  constructor(
    readonly graph: GraphNodes,
    readonly sequential: boolean,
    readonly bankOf: (source: Source) => Bank,
    readonly read: (variable: VarKey, path: Path) => number,
  ) {}

  source(expr: Expr): Source {
    return { function: this.graph.functionName, loc: expr.loc };
  }

  memory(kind: DfgNode['kind'], type: ValueType | 'none', inputs: number[], path: Path, expr: Expr, access: MemoryAccess, op?: string): number {
    return this.graph.add({ kind, type, inputs, ...(path.pred !== undefined ? { pred: path.pred } : {}), ...(op ? { op } : {}), access, source: this.source(expr) });
  }

  access(expr: Expr & { offset: number; bytes: number }, valueType: ValueType, signed: boolean): MemoryAccess {
    // Loads and stores say whether they are atomic; read-modify-writes always are.
    const atomic = 'atomic' in expr ? Boolean(expr.atomic) : true;
    return { bank: this.bankOf(this.source(expr)), bytes: expr.bytes, offset: expr.offset, signed, atomic, valueType };
  }

  /**
   * A call, in sequential code only, where a statement that calls is a block of its own (so no
   * global this block wrote is pending): globals read after it are read again. A call counts as
   * a memory access that may touch anything.
   */
  call(expr: Expr & { kind: 'call' }, path: Path): number {
    if (!this.sequential) throw new NotPipelinable(`it calls \`${expr.target}\``, this.source(expr));
    const inputs = expr.operands.map((operand) => this.value(operand, path));
    const type = (expr.type === 'none' ? 'none' : expr.type) as ValueType | 'none';
    this.lastCall = this.graph.add({ kind: 'call', type, op: expr.target, inputs, access: ANYWHERE, source: this.source(expr) });
    return this.lastCall;
  }

  /** memory.copy/fill/init and data.drop: sequential code only (their length is known at run time). */
  bulk(expr: Expr & { kind: 'memory.copy' | 'memory.fill' | 'memory.init' | 'data.drop' }, path: Path): void {
    if (!this.sequential) throw new NotPipelinable(`it uses ${expr.kind}, whose length is known only at run time`, this.source(expr));
    const operands =
      expr.kind === 'memory.copy' ? [expr.dest, expr.source, expr.size]
      : expr.kind === 'memory.fill' ? [expr.dest, expr.value, expr.size]
      : expr.kind === 'memory.init' ? [expr.dest, expr.offset, expr.size]
      : [];
    const inputs = operands.map((operand) => this.value(operand, path));
    const segment = expr.kind === 'memory.init' || expr.kind === 'data.drop' ? { segment: expr.segment } : {};
    this.graph.add({ kind: 'bulk', type: 'none', inputs, ...(path.pred !== undefined ? { pred: path.pred } : {}), op: expr.kind, access: ANYWHERE, ...segment, source: this.source(expr) });
  }

  value(expr: Expr, path: Path): number {
    const type = expr.type as ValueType;
    switch (expr.kind) {
      case 'const':
        return this.graph.constant(expr.value, expr.loc);
      case 'local.get':
        return this.read(localKey(expr.local), path);
      case 'global.get':
        return this.read(globalKey(expr.global), path);
      case 'unary':
      case 'binary': {
        const rule = OP_RULES[expr.op];
        if (!rule) throw unsynthesisable(`\`${expr.op}\` has no FPGA operator (SIMD is not synthesised)`, this.source(expr));
        const inputs = expr.kind === 'unary' ? [this.value(expr.value, path)] : [this.value(expr.left, path), this.value(expr.right, path)];
        const guard = rule.traps && path.pred !== undefined ? { pred: path.pred } : {};
        return this.graph.add({ kind: 'op', type, op: expr.op, inputs, ...guard, source: this.source(expr) });
      }
      case 'select': {
        const inputs = [this.value(expr.ifTrue, path), this.value(expr.ifFalse, path), this.value(expr.condition, path)];
        return this.graph.add({ kind: 'select', type, inputs, source: this.source(expr) });
      }
      case 'load':
        return this.memory('load', type, [this.value(expr.ptr, path)], path, expr, this.access(expr, type, expr.signed));
      case 'atomic.rmw':
        return this.memory('rmw', type, [this.value(expr.ptr, path), this.value(expr.value, path)], path, expr, this.access(expr, type, false), expr.op);
      case 'atomic.cmpxchg': {
        const inputs = [this.value(expr.ptr, path), this.value(expr.expected, path), this.value(expr.replacement, path)];
        return this.memory('rmw', type, inputs, path, expr, this.access(expr, type, false), 'cmpxchg');
      }
      case 'atomic.notify': {
        const access: MemoryAccess = { bank: 'any', bytes: 4, offset: 0, signed: false, atomic: true, valueType: 'i32' };
        return this.memory('notify', 'i32', [this.value(expr.ptr, path), this.value(expr.count, path)], path, expr, access);
      }
      case 'atomic.wait': {
        if (!this.sequential) throw new NotPipelinable('it waits (memory.atomic.wait)', this.source(expr));
        const bytes = expr.expectedType === 'i64' ? 8 : 4;
        const access: MemoryAccess = { bank: 'any', bytes, offset: 0, signed: false, atomic: true, valueType: expr.expectedType };
        const inputs = [this.value(expr.ptr, path), this.value(expr.expected, path), this.value(expr.timeout, path)];
        return this.memory('wait', 'i32', inputs, path, expr, access);
      }
      case 'memory.size':
        return this.graph.add({ kind: 'memsize', type: 'i32', inputs: [], source: this.source(expr) });
      case 'call':
        return this.call(expr, path);
      default:
        // Normalised code (binaryen's flatten) has no control flow or local.tee inside expressions.
        throw new NotPipelinable(`${expr.kind} inside an expression`, this.source(expr));
    }
  }
}
