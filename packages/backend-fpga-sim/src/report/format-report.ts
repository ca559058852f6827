import type { IIBound } from '../synth/schedule-region.js';
import type { FpgaCallReport, FpgaLoopReport } from './call-report.js';

const number = (value: number): string => Math.round(value).toLocaleString('en-US');

export function describeBound(bound: IIBound | undefined): string {
  switch (bound?.kind) {
    case 'port':
      return `bound by the ports of ${bound.bank} (${bound.accesses} accesses a trip, ${bound.ports} a cycle)`;
    case 'recurrence':
      return `bound by the recurrence through ${bound.via.join(', ') || 'a value'}: ${bound.operations.join(' → ')} (${bound.latency} cycles over ${bound.distance} trip${bound.distance === 1 ? '' : 's'})`;
    case 'schedule':
      return 'ports and recurrences together need it';
    default:
      return 'nothing binds it';
  }
}

function pipelineLine(what: string, loop: { ii?: number; depth?: number; resourceII?: number; recurrenceII?: number; bound?: IIBound }): string {
  return `${what}: II ${loop.ii} (${describeBound(loop.bound)}; resource II ${loop.resourceII}, recurrence II ${loop.recurrenceII}), depth ${loop.depth}`;
}

function loopLine(loop: FpgaLoopReport): string {
  const where = `loop at \`${loop.function}\` instruction ${loop.instruction}`;
  const head = loop.pipelined ? pipelineLine(where, loop) : `${where}: not pipelined (${loop.reason})`;
  const speculative = loop.speculativeTrips > 0 ? `, ${number(loop.speculativeTrips)} speculative` : '';
  return `  ${head}; ${number(loop.invocations)} runs, ${number(loop.trips)} trips${speculative}, ${number(loop.cycles)} cycles`;
}

/** The report as `wasi-parallel fpga report` and `run --report` print it. */
export function formatFpgaReport(report: Omit<FpgaCallReport, 'summary'>): string {
  const { used, budget } = report.resources;
  const share = (key: keyof typeof used, name: string): string => `${number(used[key])}/${number(budget[key])} ${name}`;
  const loop = report.iterationLoop;
  return [
    `fpga-sim ${report.profile} (${report.part}): kernel ${report.kernel}, ${number(report.numIterations)} iterations, block ${report.blockSize}, ${report.computeUnits} compute unit${report.computeUnits === 1 ? '' : 's'}`,
    loop.pipelined ? `  ${pipelineLine('iteration loop', loop)}` : `  iteration loop: not pipelined (${loop.reason})`,
    ...report.loops.map(loopLine),
    `  ${number(report.cycles)} cycles = ${report.timeUs.toFixed(2)} µs at ${report.clockMHz} MHz; stalls: fill/drain ${number(report.stalls.fillDrain)}, speculation ${number(report.stalls.speculation)}, idle units ${number(report.stalls.imbalance)}`,
    `  resources: ${share('dsp', 'DSP')}, ${share('lut', 'LUT')}, ${share('ff', 'FF')}, ${share('bram18k', 'BRAM18K')}${report.memoryOrdering === 'conservative' ? '; memory accesses all in order (an access left its buffer)' : ''}`,
    `  simulator: ${report.simulation.wallMs.toFixed(1)} ms, ${(report.simulation.cyclesPerSecond / 1e6).toFixed(2)} M cycles/s, ${number(report.simulation.iterationsPerSecond)} iterations/s`,
  ].join('\n');
}
