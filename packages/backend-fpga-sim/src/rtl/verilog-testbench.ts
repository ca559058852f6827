import type { VerilogDatapath } from './verilog-datapath.js';

export interface TestbenchRun {
  /** The kernel's memory (static data and buffers in place), as a `$readmemh` file names it. */
  readonly memoryBytes: number;
  readonly memoryFile: string;
  /** `kernel`'s arguments by param index (pointers and lengths); [0] is the iteration id. */
  readonly args: readonly number[];
  readonly numIterations: number;
  /** The byte range written out at the end, and where. */
  readonly dumpFrom: number;
  readonly dumpTo: number;
  readonly dumpFile: string;
}

const hex = (value: number): string => `32'h${(value >>> 0).toString(16).padStart(8, '0')}`;

/**
 * A testbench that runs the datapath as the simulator runs the kernel body: one trip a cycle
 * for `numIterations` cycles, then drains the pipeline. Memory is a byte array read into
 * each load port a cycle after its address (a block RAM) and written by each store port at
 * its clock edge; at the end the output range is written out for comparison.
 */
export function verilogTestbench(datapath: VerilogDatapath, run: TestbenchRun): string {
  const lines = [
    '`timescale 1ns/1ps',
    'module testbench;',
    'reg clk = 1\'b0;',
    'reg in_valid = 1\'b0;',
    'reg [31:0] in_iteration = 32\'d0;',
    `reg [7:0] mem [0:${run.memoryBytes - 1}];`,
    `initial $readmemh("${run.memoryFile}", mem);`,
  ];
  const connections = ['.clk(clk)', '.in_valid(in_valid)', '.in_iteration(in_iteration)', ...datapath.params.map((index) => `.p${index}(${hex(run.args[index]!)})`)];
  for (const { node, kind } of datapath.ports) {
    lines.push(`wire [31:0] addr${node};`);
    connections.push(`.addr${node}(addr${node})`);
    if (kind === 'load') {
      lines.push(`reg [31:0] q${node};`, `always @(posedge clk) q${node} <= {mem[addr${node} + 3], mem[addr${node} + 2], mem[addr${node} + 1], mem[addr${node}]};`);
      connections.push(`.q${node}(q${node})`);
    } else {
      lines.push(
        `wire we${node};`,
        `wire [31:0] data${node};`,
        `always @(posedge clk) if (we${node}) begin`,
        ...[0, 1, 2, 3].map((k) => `  mem[addr${node} + ${k}] <= data${node}[${8 * k + 7}:${8 * k}];`),
        'end',
      );
      connections.push(`.we${node}(we${node})`, `.data${node}(data${node})`);
    }
  }
  lines.push(
    `${datapath.module} dut (${connections.join(', ')});`,
    'integer k;',
    'initial begin',
    `  for (k = 0; k < ${run.numIterations}; k = k + 1) begin`,
    '    in_valid = 1\'b1; in_iteration = k;',
    '    #1 clk = 1\'b1; #1 clk = 1\'b0;',
    '  end',
    '  in_valid = 1\'b0;',
    `  repeat (${datapath.depth + 2}) begin #1 clk = 1'b1; #1 clk = 1'b0; end`,
    `  $writememh("${run.dumpFile}", mem, ${run.dumpFrom}, ${run.dumpTo - 1});`,
    '  $finish;',
    'end',
    'endmodule',
    '',
  );
  return lines.join('\n');
}
