import type { ConstValue, Expr, KernelFunction, ValueType } from '@wasi-parallel/kernel';
import type { Bank, CarriedVariable, ExitTarget, RegionGraph, Source, VarKey } from './dfg.js';
import { ExpressionNodes, globalKey, localKey } from './expression-nodes.js';
import { GraphNodes, type Path } from './graph-nodes.js';
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

export class RegionBuilder {
  readonly #graph: GraphNodes;
  readonly #expressions: ExpressionNodes;
  readonly #entry = new Map<VarKey, number>();
  readonly #labels: { readonly label: string; readonly pending: Path[] }[] = [];
  readonly #continuing: Path[] = [];
  readonly #leaving: { target: ExitTarget; path: Path; value?: number }[] = [];

  constructor(readonly spec: RegionSpec) {
    this.#graph = new GraphNodes(spec.fn.name);
    this.#expressions = new ExpressionNodes(this.#graph, spec.mode.kind === 'block', spec.bankOf, (variable, path) => this.#read(variable, path));
  }

  build(): BlockGraph {
    const graph = this.#graph;
    const end = this.#list(this.spec.body, { pred: undefined, env: new Map() });
    const { mode } = this.spec;
    const tail = end && this.spec.tail ? this.#value(this.spec.tail, end) : undefined;
    if (end && mode.kind === 'loop') this.#leaving.push({ target: { kind: 'fallthrough' }, path: end });
    if (end && mode.kind === 'kernel') this.#continuing.push(end);
    const carried: CarriedVariable[] = [];
    const exitValues = new Map<VarKey, number>();
    const always = (): number => graph.constant({ type: 'i32', value: 1 });
    let continues: number | undefined;
    if (mode.kind !== 'block') {
      const next = this.#merge(this.#continuing);
      const out = this.#merge(this.#leaving.map((exit) => exit.path));
      for (const variable of this.spec.written) {
        const phi = this.#read(variable, { pred: undefined, env: new Map() });
        carried.push({ variable, type: graph.nodes[phi]!.type as ValueType, phi, next: next ? (next.env.get(variable) ?? phi) : phi });
        if (out) exitValues.set(variable, out.env.get(variable) ?? phi);
      }
      if (mode.kind === 'loop') continues = graph.or(this.#continuing.map((path) => path.pred)) ?? always();
    }
    const exits = this.#leaving.map((exit) => ({ target: exit.target, pred: exit.path.pred ?? always() }));
    const exitIndex = exits.length > 1 ? graph.chain(exits.map((exit, i) => [exit.pred, graph.constant({ type: 'i32', value: i })] as const)) : undefined;
    const returns = this.#leaving.filter((exit) => exit.value !== undefined);
    const returnValue = returns.length ? graph.chain(returns.map((exit) => [exit.path.pred, exit.value!] as const)) : undefined;
    const inputs = new Map([...this.#entry].filter(([, id]) => graph.nodes[id]!.kind === 'input'));
    return {
      nodes: graph.nodes,
      memoryOrder: graph.memoryOrder,
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

  #value(expr: Expr, path: Path): number {
    return this.#expressions.value(expr, path);
  }

  #source(expr: Expr): Source {
    return this.#expressions.source(expr);
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
      id = this.#graph.constant(zeroOf(type));
    } else if (mode.kind === 'kernel' && local?.index === 0) {
      id = this.#graph.add({ kind: 'trip', type, inputs: [], variable, source });
    } else {
      const kind = mode.kind !== 'block' && this.spec.written.has(variable) ? 'phi' : 'input';
      id = this.#graph.add({ kind, type, inputs: [], variable, source });
    }
    this.#entry.set(variable, id);
    return id;
  }

  #read(variable: VarKey, path: Path): number {
    const known = path.env.get(variable);
    if (known !== undefined) return known;
    const { lastCall } = this.#expressions;
    if (lastCall !== undefined && variable.startsWith('g')) {
      const type = this.spec.globalTypes.get(variable.slice(1))!;
      return this.#graph.add({ kind: 'reload', type, inputs: [lastCall], variable });
    }
    return this.#entryValue(variable);
  }

  #set(path: Path, variable: VarKey, value: number): Path {
    const env = new Map(path.env);
    env.set(variable, value);
    return { pred: path.pred, env };
  }

  /** Joins paths: the union of their predicates, each variable a select over them. */
  #merge(paths: readonly Path[]): Path | undefined {
    if (paths.length <= 1) return paths[0];
    const keys = new Set(paths.flatMap((path) => [...path.env.keys()]));
    const env = new Map<VarKey, number>();
    for (const key of keys) env.set(key, this.#graph.chain(paths.map((path) => [path.pred, this.#read(key, path)] as const)));
    return { pred: this.#graph.or(paths.map((path) => path.pred)), env };
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
        const condition = this.#graph.truth(this.#value(expr.condition, path));
        const yes = this.#list([expr.then], { pred: this.#graph.and(path.pred, condition), env: path.env });
        const noPath = { pred: this.#graph.and(path.pred, this.#graph.pred('not', [condition])), env: path.env };
        const no = expr.else ? this.#list([expr.else], noPath) : noPath;
        return this.#merge([yes, no].filter((p): p is Path => p !== undefined));
      }
      case 'br':
        this.#branch(expr.label, path);
        return undefined;
      case 'br_if': {
        const condition = this.#graph.truth(this.#value(expr.condition, path));
        this.#branch(expr.label, { pred: this.#graph.and(path.pred, condition), env: path.env });
        return { pred: this.#graph.and(path.pred, this.#graph.pred('not', [condition])), env: path.env };
      }
      case 'br_table': {
        const index = this.#value(expr.index, path);
        const targets = new Map<string, number[]>();
        expr.labels.forEach((label, k) => targets.set(label, [...(targets.get(label) ?? []), k]));
        const loc = expr.loc;
        const outOfTable = this.#graph.add({ kind: 'op', type: 'i32', op: 'i32.ge_u', inputs: [index, this.#graph.constant({ type: 'i32', value: expr.labels.length }, loc)] });
        targets.set(expr.defaultLabel, [...(targets.get(expr.defaultLabel) ?? []), -1]);
        for (const [label, ks] of targets) {
          const hits = ks.map((k) => (k < 0 ? outOfTable : this.#graph.add({ kind: 'op', type: 'i32', op: 'i32.eq', inputs: [index, this.#graph.constant({ type: 'i32', value: k }, loc)] })));
          this.#branch(label, { pred: this.#graph.and(path.pred, this.#graph.or(hits)!), env: path.env });
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
        this.#graph.add({ kind: 'trap', type: 'none', inputs: [], ...(path.pred !== undefined ? { pred: path.pred } : {}), source: this.#source(expr) });
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
        this.#expressions.memory('store', 'none', [address, value], path, expr, this.#expressions.access(expr, expr.valueType, false));
        return path;
      }
      case 'nop':
      case 'atomic.fence':
        return path;
      case 'loop':
        throw new NotPipelinable('it contains a loop', this.#source(expr));
      case 'call':
        this.#expressions.call(expr, path);
        return path;
      case 'memory.copy':
      case 'memory.fill':
      case 'memory.init':
      case 'data.drop':
        this.#expressions.bulk(expr, path);
        return path;
      default:
        throw unsynthesisable(`${expr.kind} cannot be synthesised`, this.#source(expr));
    }
  }
}

function zeroOf(type: ValueType): ConstValue {
  if (type === 'i64') return { type, value: 0n };
  if (type === 'v128') return { type, value: new Array<number>(16).fill(0) };
  return { type, value: 0 } as ConstValue;
}
