import type { DfgNode, VarKey } from '../synth/dfg.js';
import type { ScheduledRegion } from '../synth/schedule-region.js';
import type { EmitContext } from './emit-context.js';
import { nodeCode, type NodeContext } from './node-code.js';

export interface PipelineSpec {
  readonly region: ScheduledRegion;
  /** The kernel body over iteration ids: `count` trips from iteration `first`, a trap names its iteration. */
  readonly kernel?: { readonly first: string; readonly count: string };
  /** A variable's value when the loop is entered. */
  readonly entry: (variable: VarKey) => string;
  /** Loop counters' slot (loops inside sequential code). */
  readonly stats?: number;
}

export interface PipelineCode {
  readonly code: string[];
  /** After the code: a variable's value where the loop was left (loops), or after the last trip (kernel). */
  readonly value: (id: number) => string;
}

const STATELESS = new Set(['const', 'input', 'memsize', 'trip']);

function ringType(node: DfgNode): string {
  return node.type === 'i64' ? 'BigInt64Array' : node.type === 'f64' ? 'Float64Array' : 'Int32Array';
}

/**
 * A modulo-scheduled pipeline as straight JS that moves real values through its stages: time
 * advances a window of II cycles at a time; in each cycle, every stage holding a live trip runs
 * that trip's operations scheduled there, older trips first. Each value lives in a ring of
 * per-trip slots deep enough for its longest lifetime (modulo variable expansion), so trips in
 * flight never see each other's values; carried values reach the next trip through its phi.
 *
 * A trip that decides not to continue ends the loop at that trip (`limit`): trips issued after
 * it were speculative and are dropped — the schedule keeps their side effects behind the
 * decision. A trap marks its trip; earlier trips still drain and may leave first (the trap was
 * speculative then) or trap themselves, so the trap reported is the sequential device's.
 */
export function pipelineCode(spec: PipelineSpec, context: EmitContext): PipelineCode {
  const { region } = spec;
  const { graph, ii, depth } = region;
  const stages = Math.max(1, Math.ceil(depth / ii));
  const size = 2 ** Math.ceil(Math.log2(stages + 2));
  const mask = size - 1;
  const prefix = context.fresh('p');
  const name = (id: number): string => `${prefix}_${id}`;
  const tripBase = spec.kernel?.first ?? '0';
  const at = (id: number, slot: string, trip: string): string => {
    const node = graph.nodes[id]!;
    switch (node.kind) {
      case 'const':
        return context.constants.name(node.value!);
      case 'input':
        return `I${name(id)}`;
      case 'memsize':
        return 'PAGES';
      case 'trip':
        return `((${tripBase} + ${trip}) | 0)`;
      default:
        return `${name(id)}[${slot}]`;
    }
  };
  const code: string[] = ['{'];
  for (const node of graph.nodes) {
    if (node.kind === 'input') code.push(`const I${name(node.id)} = ${spec.entry(node.variable!)};`);
    if (node.kind === 'phi') code.push(`const P${name(node.id)} = ${spec.entry(node.variable!)};`);
    if (!STATELESS.has(node.kind) && node.type !== 'none') context.rings.push(`const ${name(node.id)} = new ${ringType(node)}(${size});`);
  }
  const next = new Map(graph.carried.map((carried) => [carried.phi, carried.next]));
  const iteration = spec.kernel ? `${tripBase} + trapTrip` : undefined;
  const ctx: NodeContext = {
    ref: (id) => at(id, 's', 'k'),
    dst: (node) => `${name(node.id)}[s]`,
    trap: (message, node) => {
      const source = node.source ?? { function: '?', loc: 0 };
      return `{ trapTrip = k; trapMsg = ${JSON.stringify(message)}; trapFn = ${JSON.stringify(source.function)}; trapLoc = ${source.loc}; limit = k; break G; }`;
    },
    alias: (node) => context.aliasCheck(node),
  };
  code.push(`let limit = ${spec.kernel ? spec.kernel.count : 'Infinity'}, trapTrip = -1, trapMsg = '', trapFn = '', trapLoc = 0, t = 0, issued = 0, k = 0, s = 0;`);
  code.push('for (;;) {', 'if (t < limit) issued = t + 1;');
  const byTime = new Map<number, DfgNode[]>();
  for (const node of graph.nodes) {
    if (STATELESS.has(node.kind)) continue;
    const time = region.times[node.id]!;
    byTime.set(time, [...(byTime.get(time) ?? []), node]);
  }
  for (let residue = 0; residue < ii; residue++) {
    // Older trips first: in one cycle, the trip in a later stage runs before the one behind it.
    for (let stage = stages - 1; stage >= 0; stage--) {
      const nodes = byTime.get(stage * ii + residue);
      if (!nodes) continue;
      const body = nodes.map((node) => {
        if (node.kind === 'phi') return `${name(node.id)}[s] = k === 0 ? P${name(node.id)} : ${at(next.get(node.id)!, '(k - 1) & ' + mask, 'k - 1')};`;
        const lines = [nodeCode(node, ctx)];
        if (node.id === graph.continues) lines.push(`if (${name(node.id)}[s] === 0) { if (k + 1 < limit) limit = k + 1; if (trapTrip > k) trapTrip = -1; }`);
        return lines.join(' ');
      });
      const live = stage === 0 ? 'k < limit' : 'k >= 0 && k < limit';
      code.push(`k = t - ${stage}; if (${live}) G: { s = k & ${mask}; ${body.join(' ')} }`);
    }
  }
  code.push(`if (t - ${stages - 1} >= limit - 1) break;`, 't++;', `if ((t & 65535) === 0) R.deadline(${spec.kernel ? `${tripBase} + t` : ''});`, '}');
  code.push(`if (trapTrip >= 0) throw R.trap(trapMsg, trapFn, trapLoc${iteration ? `, ${iteration}` : ''});`);
  code.push(`const last${prefix} = (limit - 1) & ${mask};`);
  if (spec.stats !== undefined) {
    const cycles = `(limit - 1) * ${ii} + ${depth - 1}`;
    const slot = spec.stats * 4;
    code.push(`CY += ${cycles}; ST[${slot}] += 1; ST[${slot + 1}] += limit; ST[${slot + 2}] += ${cycles}; ST[${slot + 3}] += issued - limit;`);
  }
  return { code, value: (id) => at(id, `last${prefix}`, 'limit - 1') };
}
