import { walk, type Expr, type KernelFunction, type KernelIR, type ValueType } from '@wasi-parallel/kernel';
import type { FpgaProfile } from '../profiles/profile.js';
import type { Bank, RegionGraph, Source, VarKey } from './dfg.js';
import type { VariableNamer } from './hls-problem.js';
import type { FsmFunction, FsmStatement, Jump, LoopPlan } from './program.js';
import { mergeEqualPhis } from './merge-phis.js';
import { prune } from './prune.js';
import { globalKey, localKey } from './expression-nodes.js';
import { RegionBuilder, type BlockGraph, type RegionMode } from './region-builder.js';
import { scheduleBlock, schedulePipeline, type ScheduledRegion } from './schedule-region.js';
import { NotPipelinable } from './unsupported.js';

const CONTROL = new Set(['block', 'loop', 'if', 'br', 'br_if', 'br_table', 'return', 'unreachable']);

/** What every region of one kernel shares: its IR, the profile, how accesses map to banks. */
export interface SynthesisContext {
  readonly ir: KernelIR;
  readonly profile: FpgaProfile;
  readonly bankOf: (source: Source) => Bank;
  readonly globalTypes: ReadonlyMap<string, ValueType>;
  readonly loops: LoopPlan[];
}

export function variablesWritten(body: readonly Expr[], onlyGlobals = false): Set<VarKey> {
  const written = new Set<VarKey>();
  for (const statement of body) {
    walk(statement, (expr) => {
      if (!onlyGlobals && (expr.kind === 'local.set' || expr.kind === 'local.tee')) written.add(localKey(expr.local));
      if (expr.kind === 'global.set') written.add(globalKey(expr.global));
    });
  }
  return written;
}

function contains(expr: Expr, kind: string): boolean {
  let found = false;
  walk(expr, (inner) => void (found ||= inner.kind === kind));
  return found;
}

export function variableNamer(fn: KernelFunction): VariableNamer {
  return (variable) => {
    if (variable.startsWith('g')) return `global ${variable.slice(1)}`;
    const local = fn.locals[Number(variable.slice(1))]!;
    return `local ${local.name ?? `$${local.index}`}`;
  };
}

/** Builds, prunes and schedules one region's graph. */
export function regionGraph(
  context: SynthesisContext,
  fn: KernelFunction,
  body: readonly Expr[],
  mode: RegionMode,
  written: ReadonlySet<VarKey>,
  options: { readonly tail?: Expr; readonly entryClass?: ReadonlyMap<VarKey, number> } = {},
): BlockGraph {
  const builder = new RegionBuilder({ fn, body, mode, written, globalTypes: context.globalTypes, bankOf: context.bankOf, ...(options.tail ? { tail: options.tail } : {}) });
  const graph = builder.build();
  return prune(options.entryClass ? mergeEqualPhis(graph, options.entryClass) : graph);
}

export function pipelineRegion(context: SynthesisContext, fn: KernelFunction, graph: RegionGraph): ScheduledRegion {
  return schedulePipeline(graph, context.profile, variableNamer(fn));
}

/** Turns one function into its state machine. */
export function buildFsmFunction(context: SynthesisContext, fn: KernelFunction): FsmFunction {
  let statements: readonly Expr[] = [fn.body];
  if (fn.results.length > 0 && typeof fn.body.type === 'string' && fn.body.type !== 'none' && fn.body.type !== 'unreachable') {
    statements = [{ kind: 'return', type: 'unreachable', loc: fn.body.loc, value: fn.body }];
  }
  return { fn, body: new FsmBuilder(context, fn).statements(statements, []) };
}

interface Frame {
  readonly label: string;
  readonly loop: boolean;
}

class FsmBuilder {
  constructor(
    readonly context: SynthesisContext,
    readonly fn: KernelFunction,
  ) {}

  #block(body: readonly Expr[], tail?: Expr): ScheduledRegion {
    const graph = regionGraph(this.context, this.fn, body, { kind: 'block' }, new Set(), tail ? { tail } : {});
    return scheduleBlock(graph, this.context.profile, variableNamer(this.fn));
  }

  #jump(label: string, frames: readonly Frame[]): Jump {
    for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.label === label) return { kind: frames[i]!.loop ? 'continue' : 'break', label };
    throw new Error(`branch to unknown label ${label}`);
  }

  statements(list: readonly Expr[], frames: readonly Frame[]): FsmStatement[] {
    const out: FsmStatement[] = [];
    let pending: Expr[] = [];
    const take = (tail?: Expr): ScheduledRegion | undefined => {
      if (tail && contains(tail, 'call')) flush();
      const body = pending;
      pending = [];
      return body.length > 0 || tail ? this.#block(body, tail) : undefined;
    };
    function flush(): void {
      const block = take();
      if (block) out.push({ kind: 'straight', block });
    }
    for (const expr of list) {
      if (!CONTROL.has(expr.kind)) {
        // A statement that calls is a block of its own, so globals are current around the call.
        if (contains(expr, 'call')) {
          flush();
          pending.push(expr);
          flush();
        } else pending.push(expr);
        continue;
      }
      switch (expr.kind) {
        case 'block': {
          flush();
          const inner = expr.label === undefined ? frames : [...frames, { label: expr.label, loop: false }];
          out.push({ kind: 'block', label: expr.label, body: this.statements(expr.body, inner) });
          break;
        }
        case 'loop': {
          flush();
          // Variables the block just before the loop left holding one value enter the loop equal.
          const previous = out[out.length - 1];
          const entryClass = previous?.kind === 'straight' ? (previous.block.graph as BlockGraph).outputs : new Map<VarKey, number>();
          out.push({ kind: 'loop', label: expr.label, loop: this.#loop(expr, frames, entryClass) });
          break;
        }
        case 'if':
          out.push({
            kind: 'if',
            block: take(expr.condition)!,
            then: this.statements([expr.then], frames),
            else: expr.else ? this.statements([expr.else], frames) : [],
          });
          break;
        case 'br': {
          const block = take();
          out.push({ kind: 'br', ...(block ? { block } : {}), conditional: false, target: this.#jump(expr.label, frames) });
          return out;
        }
        case 'br_if':
          out.push({ kind: 'br', block: take(expr.condition)!, conditional: true, target: this.#jump(expr.label, frames) });
          break;
        case 'br_table':
          out.push({
            kind: 'br_table',
            block: take(expr.index)!,
            targets: expr.labels.map((label) => this.#jump(label, frames)),
            fallback: this.#jump(expr.defaultLabel, frames),
          });
          return out;
        case 'return': {
          const block = take(expr.value);
          out.push({ kind: 'return', ...(block ? { block } : {}) });
          return out;
        }
        case 'unreachable': {
          const block = take();
          out.push({ kind: 'trap', ...(block ? { block } : {}), source: { function: this.fn.name, loc: expr.loc } });
          return out;
        }
      }
    }
    flush();
    return out;
  }

  #loop(expr: Expr & { kind: 'loop' }, frames: readonly Frame[], entryClass: ReadonlyMap<VarKey, number>): LoopPlan {
    const { loops } = this.context;
    const id = loops.length;
    const source = { function: this.fn.name, loc: expr.loc };
    const base = { id, source, label: expr.label };
    // Reserve the slot first: loops nested in a sequential body take the ids after this one.
    loops.push(undefined as unknown as LoopPlan);
    let plan: LoopPlan;
    try {
      const graph = regionGraph(this.context, this.fn, [expr.body], { kind: 'loop', label: expr.label }, variablesWritten([expr.body]), { entryClass });
      const region = pipelineRegion(this.context, this.fn, graph);
      const exits = graph.exits.map((exit) => (exit.target.kind === 'label' ? this.#jump(exit.target.label, frames) : exit.target.kind === 'return' ? ({ kind: 'return' } as const) : undefined));
      plan = { ...base, kind: 'pipelined', region, exits };
    } catch (error) {
      if (!(error instanceof NotPipelinable)) throw error;
      const inner = expr.label === undefined ? frames : [...frames, { label: expr.label, loop: true }];
      plan = { ...base, kind: 'sequential', body: this.statements([expr.body], inner), reason: error.reason };
    }
    loops[id] = plan;
    return plan;
  }
}
