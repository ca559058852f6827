import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import type { DfgNode } from '../synth/dfg.js';
import type { ScheduledRegion } from '../synth/schedule-region.js';
import { VERILOG_OPS, VERILOG_PREDICATES } from './verilog-ops.js';

/** A load or store port of the datapath: the memory outside answers loads one cycle later. */
export interface MemoryPort {
  readonly node: number;
  readonly kind: 'load' | 'store';
}

export interface VerilogDatapath {
  readonly module: string;
  readonly source: string;
  /** `kernel`'s params the datapath reads (held constant for the run), by local index. */
  readonly params: readonly number[];
  readonly ports: readonly MemoryPort[];
  readonly depth: number;
}

const hex = (value: number): string => `32'h${(value >>> 0).toString(16).padStart(8, '0')}`;

function refuse(what: string): WasiParallelError {
  return new WasiParallelError(ErrorCode.UNSUPPORTED_KERNEL_FEATURE, `the Verilog emitter covers II-1 pipelines of i32 operations and 4-byte loads and stores; ${what}`);
}

/**
 * Synthesisable Verilog for the datapath of a scheduled kernel-body pipeline at II 1: each
 * operation sits in the stage its start time gives it, combinational chains stay in one stage,
 * a multi-cycle operation's result is registered `latency` times, and every operand waits in a
 * shift register from the stage it is ready until the stage its consumer runs. A trip enters
 * each cycle `in_valid` is high, with its iteration id; loads present an address and take the
 * data a cycle later (a block RAM); stores write in their stage when the trip is valid and its
 * path is taken. The schedule is the simulator's own, so the two can be run side by side.
 */
export function verilogDatapath(region: ScheduledRegion, module: string, latencyOf: (node: DfgNode) => number): VerilogDatapath {
  if (region.ii !== 1) throw refuse(`this pipeline has II ${region.ii}`);
  const { graph, times, depth } = region;
  if (graph.carried.length > 0) throw refuse('this one carries values from trip to trip');
  const ready = (node: DfgNode): number => (node.kind === 'const' || node.kind === 'input' ? 0 : times[node.id]! + latencyOf(node));
  const wires: string[] = [];
  // Declarations first, then the logic: Verilog wants a name declared before it is used.
  const declarations: string[] = [];
  const logic: string[] = [];
  const registered = (base: string, from: string, count: number): void => {
    for (let k = 0; k < count; k++) {
      declarations.push(`reg [31:0] ${base}${k};`);
      logic.push(`always @(posedge clk) ${base}${k} <= ${k === 0 ? from : `${base}${k - 1}`};`);
    }
  };
  const ports: MemoryPort[] = [];
  const params: number[] = [];
  const maxDelay = new Map<number, number>();
  const name = (id: number): string => `v${id}`;
  /** The operand as the consumer's stage sees it: the value, delayed to that stage. */
  const at = (id: number, stage: number): string => {
    const node = graph.nodes[id]!;
    if (node.kind === 'const') return hex(node.value!.value as number);
    if (node.kind === 'input') return `p${node.variable!.slice(1)}`;
    const delay = stage - ready(node);
    if (delay < 0) throw new Error(`operand ${id} used before it is ready`);
    maxDelay.set(id, Math.max(maxDelay.get(id) ?? 0, delay));
    return delay === 0 ? name(id) : `${name(id)}_d${delay}`;
  };
  for (const node of graph.nodes) {
    if (node.type !== 'i32' && node.type !== 'none') throw refuse(`it computes ${node.type}`);
    const stage = times[node.id]!;
    const [a, b, c] = node.inputs.map((input) => at(input, stage));
    const guard = node.pred === undefined ? "32'd1" : at(node.pred, stage);
    let expr: string | undefined;
    switch (node.kind) {
      case 'const':
        continue;
      case 'input':
        if (!node.variable!.startsWith('l')) throw refuse('it reads a global');
        params.push(Number(node.variable!.slice(1)));
        continue;
      case 'trip':
        expr = 'in_iteration';
        break;
      case 'op': {
        const op = VERILOG_OPS[node.op!];
        if (!op) throw refuse(`it uses ${node.op}`);
        expr = op(a!, b!);
        break;
      }
      case 'pred':
        expr = VERILOG_PREDICATES[node.op!]!(a!, b!);
        break;
      case 'select':
        expr = `${c} != 32'd0 ? ${a} : ${b}`;
        break;
      case 'load':
      case 'store': {
        const access = node.access!;
        if (access.bytes !== 4 || access.atomic) throw refuse('it makes an access other than a 4-byte load or store');
        ports.push({ node: node.id, kind: node.kind });
        wires.push(`output wire [31:0] addr${node.id}`);
        logic.push(`assign addr${node.id} = ${a} + ${hex(access.offset)};`);
        if (node.kind === 'store') {
          wires.push(`output wire we${node.id}`, `output wire [31:0] data${node.id}`);
          logic.push(`assign we${node.id} = valid${stage} && ${guard} != 32'd0;`, `assign data${node.id} = ${b};`);
          continue;
        }
        wires.push(`input wire [31:0] q${node.id}`);
        // The memory registers the data (ready a cycle after the address); a longer load latency waits more.
        const extra = latencyOf(node) - 1;
        registered(`${name(node.id)}_l`, `q${node.id}`, extra);
        declarations.push(`wire [31:0] ${name(node.id)};`);
        logic.push(`assign ${name(node.id)} = ${extra === 0 ? `q${node.id}` : `${name(node.id)}_l${extra - 1}`};`);
        continue;
      }
      default:
        throw refuse(`it has a ${node.kind}`);
    }
    const latency = latencyOf(node);
    declarations.push(`wire [31:0] ${name(node.id)};`);
    if (latency === 0) {
      logic.push(`assign ${name(node.id)} = ${expr};`);
      continue;
    }
    // A pipelined operator: the result computed at issue, then held `latency` cycles.
    declarations.push(`wire [31:0] ${name(node.id)}_c;`);
    logic.push(`assign ${name(node.id)}_c = ${expr};`);
    registered(`${name(node.id)}_l`, `${name(node.id)}_c`, latency);
    logic.push(`assign ${name(node.id)} = ${name(node.id)}_l${latency - 1};`);
  }
  for (const [id, delay] of maxDelay) {
    for (let k = 1; k <= delay; k++) {
      declarations.push(`reg [31:0] ${name(id)}_d${k};`);
      logic.push(`always @(posedge clk) ${name(id)}_d${k} <= ${k === 1 ? name(id) : `${name(id)}_d${k - 1}`};`);
    }
  }
  const valid = [`wire valid0 = in_valid;`];
  for (let s = 1; s <= depth; s++) valid.push(`reg valid${s} = 1'b0;`, `always @(posedge clk) valid${s} <= valid${s - 1};`);
  const header = [
    'input wire clk',
    'input wire in_valid',
    'input wire [31:0] in_iteration',
    ...params.map((index) => `input wire [31:0] p${index}`),
    ...wires,
  ];
  const source = [
    `// Generated by @wasi-parallel/backend-fpga-sim: the datapath of a kernel pipeline, II 1, depth ${depth}.`,
    `module ${module} (`,
    header.map((line) => `  ${line}`).join(',\n'),
    ');',
    ...valid,
    ...declarations,
    ...logic,
    'endmodule',
    '',
  ].join('\n');
  return { module, source, params, ports, depth };
}
