import type { ConstValue, Expr, KernelFunction, ValueType } from '@wasi-parallel/kernel';
import { OP_RULES } from '../ops/op-rules.js';
import type { Bank, CarriedVariable, DfgNode, ExitTarget, MemoryAccess, RegionGraph, Source, VarKey } from './dfg.js';
import { NotPipelinable, unsynthesisable } from './unsupported.js';

/**
 * What the region is: a loop body (branches to `label` continue it, everything else leaves it),
 * the whole kernel body run once per iteration id (every path ends the trip), or a basic block
 * of a sequential state machine (no control flow; variables come in and go out by name).
 */
export type RegionMode = { readonly kind: 'loop'; readonly label: string | undefined } | { readonly kind: 'kernel' } | { readonly kind: 'block' };

export interface RegionSpec {
  readonly fn: KernelFunction;
  readonly body: readonly Expr[];
  readonly mode: RegionMode;
  /** Variables the region writes somewhere: carried from trip to trip (loop, kernel). */
  readonly written: ReadonlySet<VarKey>;
  readonly globalTypes: ReadonlyMap<string, ValueType>;
  readonly bankOf: (source: Source) => Bank;
  /** Block mode: an expression evaluated after the statements (a branch condition, a return value). */
  readonly tail?: Expr;
}

/** A block's result: the graph, each variable's final value, and the tail expression's node. */
export interface BlockGraph extends RegionGraph {
  readonly outputs: ReadonlyMap<VarKey, number>;
  readonly tail?: number;
}

interface Path {
  /** The node holding 0/1 "this path is taken"; undefined = always. */
  readonly pred: number | undefined;
  readonly env: ReadonlyMap<VarKey, number>;
}

const BOOLEAN_OP = /\.(eqz?|ne|[lg][te](_[su])?)$/;

export const localKey = (index: number): VarKey => `l${index}`;
export const globalKey = (name: string): VarKey => `g${name}`;

export class RegionBuilder {
  readonly nodes: DfgNode[] = [];
  readonly memoryOrder: number[] = [];
  readonly #entry = new Map<VarKey, number>();
  readonly #consts = new Map<string, number>();
  readonly #labels: { readonly label: string; readonly pending: Path[] }[] = [];
  readonly #continuing: Path[] = [];
  readonly #leaving: { target: ExitTarget; path: Path; value?: number }[] = [];
  /** Block mode: the last call, after which globals are read again (the callee may have changed them). */
  #lastCall: number | undefined;

  constructor(readonly spec: RegionSpec) {}

  build(): BlockGraph {
    const end = this.#list(this.spec.body, { pred: undefined, env: new Map() });
    const { mode } = this.spec;
    const tail = end && this.spec.tail ? this.#value(this.spec.tail, end) : undefined;
    if (end && mode.kind === 'loop') this.#leaving.push({ target: { kind: 'fallthrough' }, path: end });
    if (end && mode.kind === 'kernel') this.#continuing.push(end);
    const carried: CarriedVariable[] = [];
    const exitValues = new Map<VarKey, number>();
    let continues: number | undefined;
    if (mode.kind !== 'block') {
      const next = this.#merge(this.#continuing);
      const out = this.#merge(this.#leaving.map((exit) => exit.path));
      for (const variable of this.spec.written) {
        const phi = this.#read(variable, { pred: undefined, env: new Map() });
        carried.push({ variable, type: this.nodes[phi]!.type as ValueType, phi, next: next ? (next.env.get(variable) ?? phi) : phi });
        if (out) exitValues.set(variable, out.env.get(variable) ?? phi);
      }
      if (mode.kind === 'loop') continues = this.#or(this.#continuing.map((path) => path.pred)) ?? this.#const({ type: 'i32', value: 1 }, 0);
    }
    const exits = this.#leaving.map((exit) => ({ target: exit.target, pred: exit.path.pred ?? this.#const({ type: 'i32', value: 1 }, 0) }));
    const exitIndex = exits.length > 1 ? this.#chain(exits.map((exit, i) => [exit.pred, this.#const({ type: 'i32', value: i }, 0)] as const)) : undefined;
    const returns = this.#leaving.filter((exit) => exit.value !== undefined);
    const returnValue = returns.length ? this.#chain(returns.map((exit) => [exit.path.pred, exit.value!] as const)) : undefined;
    const inputs = new Map([...this.#entry].filter(([, id]) => this.nodes[id]!.kind === 'input'));
    return {
      nodes: this.nodes,
      memoryOrder: this.memoryOrder,
      carried,
      inputs,
      ...(continues !== undefined ? { continues } : {}),
      exits,
      exitValues,
      ...(exitIndex !== undefined ? { exitIndex } : {}),
      ...(returnValue !== undefined ? { returnValue } : {}),
      outputs: end ? new Map([...end.env].filter(([key]) => this.spec.written.has(key) || mode.kind === 'block')) : new Map(),
      ...(tail !== undefined ? { tail } : {}),
    };
  }

  #source(expr: Expr): Source {
    return { function: this.spec.fn.name, loc: expr.loc };
  }

  #add(node: Omit<DfgNode, 'id'>): number {
    const id = this.nodes.length;
    this.nodes.push({ id, ...node } as DfgNode);
    if (node.access) this.memoryOrder.push(id);
    return id;
  }

  #const(value: ConstValue, loc: number): number {
    const key = `${value.type}:${typeof value.value === 'number' && Object.is(value.value, -0) ? '-0' : String(value.value)}`;
    let id = this.#consts.get(key);
    if (id === undefined) {
      id = this.#add({ kind: 'const', type: value.type as ValueType, inputs: [], value, source: { function: this.spec.fn.name, loc } });
      this.#consts.set(key, id);
    }
    return id;
  }

  /** A variable's value on entry: an input, a phi (written in a loop), the trip, or a fresh local's zero. */
  #entryValue(variable: VarKey): number {
    let id = this.#entry.get(variable);
    if (id !== undefined) return id;
    const { fn, mode } = this.spec;
    const local = variable.startsWith('l') ? fn.locals[Number(variable.slice(1))]! : undefined;
    const type = local ? local.type : this.spec.globalTypes.get(variable.slice(1))!;
    const source = { function: fn.name, loc: 0 };
    if (mode.kind === 'kernel' && local && !local.isParam) {
      id = this.#const(zeroOf(type), 0);
    } else if (mode.kind === 'kernel' && local?.index === 0) {
      id = this.#add({ kind: 'trip', type, inputs: [], variable, source });
    } else {
      const kind = mode.kind !== 'block' && this.spec.written.has(variable) ? 'phi' : 'input';
      id = this.#add({ kind, type, inputs: [], variable, source });
    }
    this.#entry.set(variable, id);
    return id;
  }

  #read(variable: VarKey, path: Path): number {
    const known = path.env.get(variable);
    if (known !== undefined) return known;
    if (this.#lastCall !== undefined && variable.startsWith('g')) {
      const type = this.spec.globalTypes.get(variable.slice(1))!;
      return this.#add({ kind: 'reload', type, inputs: [this.#lastCall], variable });
    }
    return this.#entryValue(variable);
  }

  #set(path: Path, variable: VarKey, value: number): Path {
    const env = new Map(path.env);
    env.set(variable, value);
    return { pred: path.pred, env };
  }

  #pred(op: 'and' | 'or' | 'not' | 'nz', inputs: number[]): number {
    return this.#add({ kind: 'pred', type: 'i32', op, inputs });
  }

  #isBoolean(id: number): boolean {
    const node = this.nodes[id]!;
    return node.kind === 'pred' || (node.kind === 'op' && BOOLEAN_OP.test(node.op!));
  }

  #truth(condition: number): number {
    return this.#isBoolean(condition) ? condition : this.#pred('nz', [condition]);
  }

  #and(a: number | undefined, b: number): number {
    return a === undefined ? b : this.#pred('and', [a, b]);
  }

  #or(preds: readonly (number | undefined)[]): number | undefined {
    if (preds.length === 0 || preds.includes(undefined)) return undefined;
    return (preds as number[]).reduce((a, b) => this.#pred('or', [a, b]));
  }

  /** `select(p1, v1, select(p2, v2, … vn))`: the value of the path that is taken. */
  #chain(choices: readonly (readonly [number | undefined, number])[]): number {
    let value = choices[choices.length - 1]![1];
    for (let i = choices.length - 2; i >= 0; i--) {
      const [pred, candidate] = choices[i]!;
      if (candidate === value) continue;
      if (pred === undefined) value = candidate;
      else value = this.#add({ kind: 'select', type: this.nodes[candidate]!.type, inputs: [candidate, value, pred] });
    }
    return value;
  }

  /** Joins paths: the union of their predicates, each variable a select over them. */
  #merge(paths: readonly Path[]): Path | undefined {
    if (paths.length <= 1) return paths[0];
    const keys = new Set(paths.flatMap((path) => [...path.env.keys()]));
    const env = new Map<VarKey, number>();
    for (const key of keys) env.set(key, this.#chain(paths.map((path) => [path.pred, this.#read(key, path)] as const)));
    return { pred: this.#or(paths.map((path) => path.pred)), env };
  }

  #list(body: readonly Expr[], start: Path): Path | undefined {
    let path: Path | undefined = start;
    for (const statement of body) {
      if (!path) break;
      path = this.#statement(statement, path);
    }
    return path;
  }

  #branch(label: string, path: Path): void {
    for (let i = this.#labels.length - 1; i >= 0; i--) {
      if (this.#labels[i]!.label === label) {
        this.#labels[i]!.pending.push(path);
        return;
      }
    }
    const { mode } = this.spec;
    if (mode.kind === 'loop' && label === mode.label) this.#continuing.push(path);
    else if (mode.kind === 'loop') this.#leaving.push({ target: { kind: 'label', label }, path });
    else throw new Error(`branch to \`${label}\`, which encloses the region`);
  }

  #statement(expr: Expr, path: Path): Path | undefined {
    switch (expr.kind) {
      case 'block': {
        if (expr.label === undefined) return this.#list(expr.body, path);
        this.#labels.push({ label: expr.label, pending: [] });
        const end = this.#list(expr.body, path);
        const { pending } = this.#labels.pop()!;
        return this.#merge(end ? [end, ...pending] : pending);
      }
      case 'if': {
        const condition = this.#truth(this.#value(expr.condition, path));
        const yes = this.#list([expr.then], { pred: this.#and(path.pred, condition), env: path.env });
        const noPath = { pred: this.#and(path.pred, this.#pred('not', [condition])), env: path.env };
        const no = expr.else ? this.#list([expr.else], noPath) : noPath;
        return this.#merge([yes, no].filter((p): p is Path => p !== undefined));
      }
      case 'br':
        this.#branch(expr.label, path);
        return undefined;
      case 'br_if': {
        const condition = this.#truth(this.#value(expr.condition, path));
        this.#branch(expr.label, { pred: this.#and(path.pred, condition), env: path.env });
        return { pred: this.#and(path.pred, this.#pred('not', [condition])), env: path.env };
      }
      case 'br_table': {
        const index = this.#value(expr.index, path);
        const targets = new Map<string, number[]>();
        expr.labels.forEach((label, k) => targets.set(label, [...(targets.get(label) ?? []), k]));
        const loc = expr.loc;
        const outOfTable = this.#add({ kind: 'op', type: 'i32', op: 'i32.ge_u', inputs: [index, this.#const({ type: 'i32', value: expr.labels.length }, loc)] });
        targets.set(expr.defaultLabel, [...(targets.get(expr.defaultLabel) ?? []), -1]);
        for (const [label, ks] of targets) {
          const hits = ks.map((k) => (k < 0 ? outOfTable : this.#add({ kind: 'op', type: 'i32', op: 'i32.eq', inputs: [index, this.#const({ type: 'i32', value: k }, loc)] })));
          this.#branch(label, { pred: this.#and(path.pred, this.#or(hits)!), env: path.env });
        }
        return undefined;
      }
      case 'return': {
        const value = expr.value ? this.#value(expr.value, path) : undefined;
        if (this.spec.mode.kind === 'kernel') this.#continuing.push(path);
        else if (this.spec.mode.kind === 'loop') this.#leaving.push({ target: { kind: 'return' }, path, ...(value !== undefined ? { value } : {}) });
        else throw new NotPipelinable('return inside a basic block', this.#source(expr));
        return undefined;
      }
      case 'unreachable':
        this.#add({ kind: 'trap', type: 'none', inputs: [], ...(path.pred !== undefined ? { pred: path.pred } : {}), source: this.#source(expr) });
        return undefined;
      case 'local.set':
      case 'local.tee':
        return this.#set(path, localKey(expr.local), this.#value(expr.value, path));
      case 'global.set':
        return this.#set(path, globalKey(expr.global), this.#value(expr.value, path));
      case 'drop':
        this.#value(expr.value, path);
        return path;
      case 'store': {
        const address = this.#value(expr.ptr, path);
        const value = this.#value(expr.value, path);
        this.#memory('store', 'none', [address, value], path, expr, this.#access(expr, expr.valueType, false));
        return path;
      }
      case 'nop':
      case 'atomic.fence':
        return path;
      case 'loop':
        throw new NotPipelinable('it contains a loop', this.#source(expr));
      case 'call':
        this.#call(expr, path);
        return path;
      case 'memory.copy':
      case 'memory.fill':
      case 'memory.init':
      case 'data.drop': {
        if (this.spec.mode.kind !== 'block') throw new NotPipelinable(`it uses ${expr.kind}, whose length is known only at run time`, this.#source(expr));
        const operands = expr.kind === 'memory.copy' ? [expr.dest, expr.source, expr.size] : expr.kind === 'memory.fill' ? [expr.dest, expr.value, expr.size] : expr.kind === 'memory.init' ? [expr.dest, expr.offset, expr.size] : [];
        const inputs = operands.map((operand) => this.#value(operand, path));
        const segment = expr.kind === 'memory.init' || expr.kind === 'data.drop' ? { segment: expr.segment } : {};
        const access: MemoryAccess = { bank: 'any', bytes: 1, offset: 0, signed: false, atomic: false, valueType: 'i32' };
        this.#memory('bulk', 'none', inputs, path, expr, access, expr.kind);
        Object.assign(this.nodes[this.nodes.length - 1]!, segment);
        return path;
      }
      default:
        throw unsynthesisable(`${expr.kind} cannot be synthesised`, this.#source(expr));
    }
  }

  /**
   * A call, in sequential code only, where a statement that calls is a block of its own (so no
   * global this block wrote is pending): globals read after it are read again, the callee may
   * have changed them. A call counts as a memory access that may touch anything.
   */
  #call(expr: Expr & { kind: 'call' }, path: Path): number {
    if (this.spec.mode.kind !== 'block') throw new NotPipelinable(`it calls \`${expr.target}\``, this.#source(expr));
    const inputs = expr.operands.map((operand) => this.#value(operand, path));
    const access: MemoryAccess = { bank: 'any', bytes: 1, offset: 0, signed: false, atomic: false, valueType: 'i32' };
    const type = (expr.type === 'none' ? 'none' : expr.type) as ValueType | 'none';
    this.#lastCall = this.#add({ kind: 'call', type, op: expr.target, inputs, access, source: this.#source(expr) });
    return this.#lastCall;
  }

  #access(expr: Expr & { offset: number; bytes: number }, valueType: ValueType, signed: boolean): MemoryAccess {
    // Loads and stores say whether they are atomic; read-modify-writes always are.
    const atomic = 'atomic' in expr ? Boolean(expr.atomic) : true;
    return { bank: this.spec.bankOf(this.#source(expr)), bytes: expr.bytes, offset: expr.offset, signed, atomic, valueType };
  }

  #memory(kind: DfgNode['kind'], type: ValueType | 'none', inputs: number[], path: Path, expr: Expr, access: MemoryAccess, op?: string): number {
    return this.#add({ kind, type, inputs, ...(path.pred !== undefined ? { pred: path.pred } : {}), ...(op ? { op } : {}), access, source: this.#source(expr) });
  }

  #value(expr: Expr, path: Path): number {
    const type = expr.type as ValueType;
    switch (expr.kind) {
      case 'const':
        return this.#const(expr.value, expr.loc);
      case 'local.get':
        return this.#read(localKey(expr.local), path);
      case 'global.get':
        return this.#read(globalKey(expr.global), path);
      case 'unary':
      case 'binary': {
        const rule = OP_RULES[expr.op];
        if (!rule) throw unsynthesisable(`\`${expr.op}\` has no FPGA operator (SIMD is not synthesised)`, this.#source(expr));
        const inputs = expr.kind === 'unary' ? [this.#value(expr.value, path)] : [this.#value(expr.left, path), this.#value(expr.right, path)];
        const guard = rule.traps && path.pred !== undefined ? { pred: path.pred } : {};
        return this.#add({ kind: 'op', type, op: expr.op, inputs, ...guard, source: this.#source(expr) });
      }
      case 'select': {
        const inputs = [this.#value(expr.ifTrue, path), this.#value(expr.ifFalse, path), this.#value(expr.condition, path)];
        return this.#add({ kind: 'select', type, inputs, source: this.#source(expr) });
      }
      case 'load':
        return this.#memory('load', type, [this.#value(expr.ptr, path)], path, expr, this.#access(expr, type, expr.signed));
      case 'atomic.rmw':
        return this.#memory('rmw', type, [this.#value(expr.ptr, path), this.#value(expr.value, path)], path, expr, this.#access(expr, type, false), expr.op);
      case 'atomic.cmpxchg': {
        const inputs = [this.#value(expr.ptr, path), this.#value(expr.expected, path), this.#value(expr.replacement, path)];
        return this.#memory('rmw', type, inputs, path, expr, this.#access(expr, type, false), 'cmpxchg');
      }
      case 'atomic.notify': {
        const access: MemoryAccess = { bank: 'any', bytes: 4, offset: 0, signed: false, atomic: true, valueType: 'i32' };
        return this.#memory('notify', 'i32', [this.#value(expr.ptr, path), this.#value(expr.count, path)], path, expr, access);
      }
      case 'atomic.wait': {
        if (this.spec.mode.kind !== 'block') throw new NotPipelinable('it waits (memory.atomic.wait)', this.#source(expr));
        const bytes = expr.expectedType === 'i64' ? 8 : 4;
        const access: MemoryAccess = { bank: 'any', bytes, offset: 0, signed: false, atomic: true, valueType: expr.expectedType };
        const inputs = [this.#value(expr.ptr, path), this.#value(expr.expected, path), this.#value(expr.timeout, path)];
        return this.#memory('wait', 'i32', inputs, path, expr, access);
      }
      case 'memory.size':
        return this.#add({ kind: 'memsize', type: 'i32', inputs: [], source: this.#source(expr) });
      case 'local.tee': {
        const value = this.#value(expr.value, path);
        throw new NotPipelinable(`local.tee in an expression (node ${value})`, this.#source(expr));
      }
      case 'call':
        return this.#call(expr, path);
      default:
        throw new NotPipelinable(`${expr.kind} inside an expression`, this.#source(expr));
    }
  }
}

function zeroOf(type: ValueType): ConstValue {
  if (type === 'i64') return { type, value: 0n };
  if (type === 'v128') return { type, value: new Array<number>(16).fill(0) };
  return { type, value: 0 } as ConstValue;
}
