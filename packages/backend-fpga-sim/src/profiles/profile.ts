import { ErrorCode, WasiParallelError } from '@wasi-parallel/core';
import u280 from './u280.json' with { type: 'json' };
import zynq7020 from './zynq7020.json' with { type: 'json' };

/**
 * The operator classes a profile prices. Every wasm operation maps to one (synth/op-classes.ts);
 * docs/backends/fpga.md gives the source of every number in the shipped profiles.
 */
export const OPERATOR_CLASSES = [
  'wire', 'int.logic', 'int.add', 'int.shift', 'int.mul', 'int.div', 'i64.mul', 'i64.div',
  'f32.add', 'f32.mul', 'f32.div', 'f32.sqrt', 'f32.cmp', 'f32.round', 'f32.convert',
  'f64.add', 'f64.mul', 'f64.div', 'f64.sqrt', 'f64.cmp', 'f64.round', 'f64.convert',
  'float.width', 'memory.load', 'memory.store', 'memory.rmw', 'call',
] as const;
export type OperatorClass = (typeof OPERATOR_CLASSES)[number];

export interface OperatorCost {
  /** Cycles from operands to result; 0 = combinational, chained with its neighbours within a cycle. */
  readonly latency: number;
  /** Combinational delay in ns, for chaining (latency-0 operators only). */
  readonly delayNs?: number;
  readonly dsp?: number;
  readonly lut?: number;
  /** LUTs per bit of the operation's width, for integer operators whose size follows their width. */
  readonly lutPerBit?: number;
}

export interface FpgaResources {
  readonly dsp: number;
  readonly lut: number;
  readonly ff: number;
  readonly bram18k: number;
}

/** A device model: what a profile JSON file holds. */
export interface FpgaProfile {
  readonly name: string;
  readonly title: string;
  readonly clockMHz: number;
  /** Fraction of the clock period HLS keeps as margin (Vitis HLS default 27%): chaining uses the rest. */
  readonly clockUncertainty: number;
  /** Kernel instances on the device; iterations are dealt to them in blocks of `blockSize`. */
  readonly computeUnits: number;
  readonly budget: FpgaResources;
  readonly memory: {
    /** Accesses per cycle each memory bank (one per buffer, one for the kernel's own memory) serves. */
    readonly portsPerBank: number;
    /** Bytes one port moves per cycle, for memory.copy/fill. */
    readonly bytesPerPortCycle: number;
  };
  /** Extra cycles for a value carried from one trip to the next (the register the phi reads). */
  readonly carriedRegisterLatency: number;
  /** Control logic per compute unit (FSM, AXI-Lite slave), outside any operator. */
  readonly computeUnitOverhead: { readonly lut: number; readonly ff: number };
  readonly operators: Readonly<Record<OperatorClass, OperatorCost>>;
}

export const FPGA_PROFILES: Readonly<Record<string, FpgaProfile>> = Object.freeze({
  u280: checkProfile(u280),
  zynq7020: checkProfile(zynq7020),
});

export const DEFAULT_PROFILE = 'u280';

/** The env var that picks a profile by name when no `profile` option is given. */
export const PROFILE_ENV_VAR = 'WASI_PARALLEL_FPGA_PROFILE';

function bad(message: string): WasiParallelError {
  return new WasiParallelError(ErrorCode.INVALID_ARGUMENT, message);
}

function positive(value: unknown, what: string, allowZero = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw bad(`FPGA profile: ${what} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Validates a profile object (a shipped JSON file or one a user passes), frozen. */
export function checkProfile(value: unknown): FpgaProfile {
  const profile = value as FpgaProfile;
  if (typeof profile !== 'object' || profile === null || typeof profile.name !== 'string') throw bad('FPGA profile: an object with a `name` is needed');
  positive(profile.clockMHz, 'clockMHz');
  positive(profile.clockUncertainty, 'clockUncertainty', true);
  if (profile.clockUncertainty >= 1) throw bad('FPGA profile: clockUncertainty is a fraction below 1');
  if (!Number.isInteger(positive(profile.computeUnits, 'computeUnits'))) throw bad('FPGA profile: computeUnits must be an integer');
  for (const key of ['dsp', 'lut', 'ff', 'bram18k'] as const) positive(profile.budget?.[key], `budget.${key}`);
  if (!Number.isInteger(positive(profile.memory?.portsPerBank, 'memory.portsPerBank'))) throw bad('FPGA profile: memory.portsPerBank must be an integer');
  positive(profile.memory.bytesPerPortCycle, 'memory.bytesPerPortCycle');
  positive(profile.carriedRegisterLatency, 'carriedRegisterLatency', true);
  positive(profile.computeUnitOverhead?.lut, 'computeUnitOverhead.lut', true);
  positive(profile.computeUnitOverhead?.ff, 'computeUnitOverhead.ff', true);
  for (const name of OPERATOR_CLASSES) {
    const cost = profile.operators?.[name];
    if (!cost) throw bad(`FPGA profile ${profile.name}: operator class \`${name}\` is missing`);
    if (!Number.isInteger(positive(cost.latency, `operators.${name}.latency`, true))) throw bad(`FPGA profile: operators.${name}.latency must be an integer`);
    for (const key of ['delayNs', 'dsp', 'lut', 'lutPerBit'] as const) if (cost[key] !== undefined) positive(cost[key], `operators.${name}.${key}`, true);
  }
  return Object.freeze(structuredClone(profile));
}

/** A shipped profile by name, or a profile object checked. */
export function resolveProfile(profile: string | FpgaProfile | undefined): FpgaProfile {
  if (profile === undefined) return FPGA_PROFILES[DEFAULT_PROFILE]!;
  if (typeof profile !== 'string') return checkProfile(profile);
  const found = FPGA_PROFILES[profile];
  if (!found) throw bad(`unknown FPGA profile \`${profile}\`; the profiles are ${Object.keys(FPGA_PROFILES).join(', ')}`);
  return found;
}

/** The clock period HLS schedules against: the period less the uncertainty margin. */
export function chainBudgetNs(profile: FpgaProfile): number {
  return (1000 / profile.clockMHz) * (1 - profile.clockUncertainty);
}
