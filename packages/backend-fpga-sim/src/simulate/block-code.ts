import type { DfgNode } from '../synth/dfg.js';
import type { ScheduledRegion } from '../synth/schedule-region.js';
import type { EmitContext } from './emit-context.js';
import { nodeCode, type NodeContext } from './node-code.js';

/** The code of one basic block and the JS expressions its results are left in. */
export interface BlockCode {
  readonly code: string[];
  /** The tail expression's value (a branch condition, a return value). */
  readonly tail?: string;
}

const CYCLE_FREE = new Set(['const', 'input']);

/** Nodes in the order they run: by start cycle, then in dataflow order (node ids are topological). */
export function executionOrder(region: ScheduledRegion): DfgNode[] {
  return [...region.graph.nodes].sort((a, b) => region.times[a.id]! - region.times[b.id]! || a.id - b.id);
}

/**
 * A list-scheduled basic block of sequential code: its operations run in schedule order, the
 * variables it wrote are stored back at its end, and the cycle counter moves by its length.
 * Globals it reads are taken when it starts (a call inside it may change them afterwards).
 */
export function blockCode(region: ScheduledRegion, context: EmitContext): BlockCode {
  const prefix = context.fresh('b');
  const { graph } = region;
  const names = new Map<number, string>();
  const code: string[] = [];
  const declared: string[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'const') names.set(node.id, context.constants.name(node.value!));
    else if (node.kind === 'memsize') names.set(node.id, 'PAGES');
    else if (node.kind === 'input' && !node.variable!.startsWith('g')) names.set(node.id, context.variable(node.variable!));
    else {
      const name = `${prefix}_${node.id}`;
      names.set(node.id, name);
      if (node.kind === 'input') code.push(`const ${name} = ${context.variable(node.variable!)};`);
      else if (node.type !== 'none') declared.push(name);
    }
  }
  if (declared.length > 0) code.unshift(`let ${declared.join(', ')};`);
  const ctx: NodeContext = {
    ref: (id) => names.get(id)!,
    dst: (node) => names.get(node.id)!,
    trap: (message, node) => `throw ${context.trapError(message, node)};`,
    alias: (node) => context.aliasCheck(node),
  };
  for (const node of executionOrder(region)) {
    if (CYCLE_FREE.has(node.kind) || node.kind === 'memsize') continue;
    code.push(sequentialNodeCode(node, ctx, context));
  }
  const blockGraph = graph as { outputs?: ReadonlyMap<string, number>; tail?: number };
  for (const [variable, id] of blockGraph.outputs ?? []) {
    const node = graph.nodes[id]!;
    if (node.kind === 'input' && node.variable === variable) continue;
    code.push(`${context.variable(variable)} = ${names.get(id)};`);
  }
  if (region.depth > 0) code.push(`CY += ${region.depth};`);
  return { code, ...(blockGraph.tail !== undefined ? { tail: names.get(blockGraph.tail)! } : {}) };
}

/** Nodes only sequential code has (calls, bulk memory, global reloads), else the shared per-node code. */
function sequentialNodeCode(node: DfgNode, ctx: NodeContext, context: EmitContext): string {
  const args = node.inputs.map((input) => ctx.ref(input));
  switch (node.kind) {
    case 'call': {
      const call = `${context.functionName(node.op!)}(${args.join(', ')})`;
      return node.type === 'none' ? `${call};` : `${ctx.dst(node)} = ${call};`;
    }
    case 'reload':
      return `${ctx.dst(node)} = ${context.variable(node.variable!)};`;
    case 'bulk':
      return bulkCode(node, args, ctx);
    default:
      return nodeCode(node, ctx);
  }
}

/** memory.copy/fill/init and data.drop: bounds checked before any byte moves; a cycle per port-width of bytes. */
function bulkCode(node: DfgNode, args: string[], ctx: NodeContext): string {
  const [d, x, n] = args;
  const oob = ctx.trap('out of bounds memory access', node);
  switch (node.op) {
    case 'memory.copy':
      return `{ const d = ${d} >>> 0, s = ${x} >>> 0, n = ${n} >>> 0; if (d + n > SZ || s + n > SZ) ${oob} U8.copyWithin(d, s, s + n); CY += Math.ceil(n / BYTES_PER_CYCLE); }`;
    case 'memory.fill':
      return `{ const d = ${d} >>> 0, n = ${n} >>> 0; if (d + n > SZ) ${oob} U8.fill(${x} & 255, d, d + n); CY += Math.ceil(n / BYTES_PER_CYCLE); }`;
    case 'memory.init':
      return `{ const d = ${d} >>> 0, s = ${x} >>> 0, n = ${n} >>> 0, seg = DROPPED[${node.segment}] ? EMPTY : SEGMENTS[${node.segment}]; if (s + n > seg.length || d + n > SZ) ${oob} U8.set(seg.subarray(s, s + n), d); CY += Math.ceil(n / BYTES_PER_CYCLE); }`;
    default:
      return `DROPPED[${node.segment}] = 1;`;
  }
}
