import { instructions } from './instruction-reader.js';
import { kernelParamCount } from './kernel-abi.js';
import { SectionId, WasmFormatError, WasmReader, encodeName, encodeU32, encodeVector, readSections, writeModule, type Section } from './wasm-reader.js';

/**
 * The chunk loop fused with the kernel: one module holding the kernel and
 *
 *   run(start, end, numIterations, blockSize, ptr0, len0, …)
 *     for (i = start; i <u end; i++) { current = i; <kernel's body, inlined, for iteration i> }
 *
 * so a chunk of iterations is one tight loop. V8 (Node 20) does not inline a wasm call, not
 * even within one module (a call per iteration cost 4× the inlined loop on a saxpy body), so
 * the body is copied in here, byte for byte: local indices move up past `run`'s own, `return`
 * becomes a branch out of the block that stands for the function body, and each iteration
 * starts with the kernel's params set and its locals zeroed, as a call would. Nothing else
 * changes, so results, traps and the trapping iteration (`current`) are the kernel's own.
 * A body with an instruction the copier does not know, exception handling, or tail calls is
 * called instead of inlined (`inlined: false`), which is still one module and one JS call.
 *
 * Modules built elsewhere with the same exports (the threads backend's vectorised kernels)
 * also export `scalar` (the same loop, one iteration at a time) and `lanes` (iterations the
 * step at `current` covers); `runFusedChunk` reports the lowest trapping iteration of either.
 * The export names (FUSED_EXPORTS) carry a prefix so they never clash with a kernel's own.
 */
export const FUSED_EXPORTS = {
  run: '__wasi_parallel_run',
  current: '__wasi_parallel_current',
  scalar: '__wasi_parallel_scalar',
  lanes: '__wasi_parallel_lanes',
} as const;

export interface FusedKernel {
  readonly bytes: Uint8Array;
  /** Whether the body is inlined into the loop; otherwise the loop calls `kernel`, and `reason` says why. */
  readonly inlined: boolean;
  readonly reason?: string;
}

const I32 = 0x7f;
/** Each local type's zero, as an instruction (`ref.null` for the reference types). */
const ZERO: Readonly<Record<number, readonly number[]>> = {
  0x7f: [0x41, 0],
  0x7e: [0x42, 0],
  0x7d: [0x43, 0, 0, 0, 0],
  0x7c: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  0x7b: [0xfd, 12, ...new Array<number>(16).fill(0)],
  0x70: [0xd0, 0x70],
  0x6f: [0xd0, 0x6f],
};
/** Exception handling and tail calls: the copier would have to rewrite their labels or frames. */
const NOT_INLINED = new Map([
  [0x06, 'try'], [0x07, 'catch'], [0x08, 'throw'], [0x09, 'rethrow'], [0x18, 'delegate'], [0x19, 'catch_all'],
  [0x12, 'return_call'], [0x13, 'return_call_indirect'],
]);

class NotInlinable extends Error {}

/**
 * The kernel's expression, re-addressed for `run`: every local index plus `shift`, every
 * `return` a `br` to the block standing for the function body, the function's final `end`
 * dropped. Instructions are stepped over with admission's reader (instruction-reader.ts).
 */
function inlineBody(reader: WasmReader, shift: number): number[] {
  const out: number[] = [];
  const bytes = reader.bytes;
  let depth = 0;
  const walk = instructions(reader);
  for (let step = walk.next(); !step.done; step = walk.next()) {
    const { op, offset } = step.value;
    const refused = NOT_INLINED.get(op);
    if (refused) throw new NotInlinable(refused);
    if (op >= 0x20 && op <= 0x22) out.push(op, ...encodeU32(new WasmReader(bytes, offset + 1).u32() + shift));
    else if (op === 0x0f) out.push(0x0c, ...encodeU32(depth));
    else if (op === 0x0b && depth === 0) return out;
    else for (let i = offset; i < reader.offset; i++) out.push(bytes[i]!);
    if (op >= 0x02 && op <= 0x04) depth++;
    else if (op === 0x0b) depth--;
  }
  throw new NotInlinable(`an instruction this reader does not know, at byte ${reader.offset}`);
}

interface KernelFacts {
  readonly sections: readonly Section[];
  readonly functionCount: number;
  readonly globalCount: number;
  readonly typeCount: number;
  readonly kernelIndex: number;
  readonly paramCount: number;
  /** The kernel's code entry: local declarations, then the expression. */
  readonly code: Uint8Array;
}

function readFacts(bytes: Uint8Array): KernelFacts {
  const sections = readSections(bytes);
  const content = (id: number): Uint8Array | undefined => sections.find((section) => section.id === id)?.content;
  const count = (id: number): number => {
    const section = content(id);
    return section ? new WasmReader(section).u32() : 0;
  };
  const imports = content(SectionId.IMPORT);
  if (imports) {
    const reader = new WasmReader(imports);
    for (let n = reader.u32(), i = 0; i < n; i++) {
      reader.name();
      reader.name();
      // The kernel ABI allows one memory import; functions or globals would shift the indices used here.
      if (reader.byte() !== 0x02) throw new WasmFormatError('a fused kernel may import only its memory', reader.offset);
      const flags = reader.byte();
      reader.u32();
      if (flags & 1) reader.u32();
    }
  }
  let kernelIndex = -1;
  const exports = new WasmReader(content(SectionId.EXPORT) ?? new Uint8Array([0]));
  for (let n = exports.u32(), i = 0; i < n; i++) {
    const name = exports.name();
    const kind = exports.byte();
    const index = exports.u32();
    if (name === 'kernel' && kind === 0) kernelIndex = index;
  }
  if (kernelIndex < 0) throw new WasmFormatError('no function export `kernel`', 0);
  const functions = new WasmReader(content(SectionId.FUNCTION) ?? new Uint8Array([0]));
  const functionCount = functions.u32();
  for (let i = 0; i < kernelIndex; i++) functions.u32();
  const typeIndex = functions.u32();
  const types = new WasmReader(content(SectionId.TYPE)!);
  const typeCount = types.u32();
  let paramCount = 0;
  for (let i = 0; i <= typeIndex; i++) {
    if (types.byte() !== 0x60) throw new WasmFormatError('a type other than a function type', types.offset - 1);
    paramCount = types.u32();
    types.skip(paramCount);
    types.skip(types.u32());
  }
  const code = new WasmReader(content(SectionId.CODE)!);
  code.u32();
  for (let i = 0; i < kernelIndex; i++) code.skip(code.u32());
  const size = code.u32();
  return { sections, functionCount, globalCount: count(SectionId.GLOBAL), typeCount, kernelIndex, paramCount, code: code.bytes.subarray(code.offset, code.offset + size) };
}

/** `run`'s body with the kernel inlined; throws NotInlinable when it cannot be. */
function inlinedRun(facts: KernelFacts, current: number): number[] {
  const P = facts.paramCount;
  const reader = new WasmReader(facts.code);
  const groups: { count: number; type: number }[] = [];
  for (let n = reader.u32(), i = 0; i < n; i++) groups.push({ count: reader.u32(), type: reader.byte() });
  const shift = P + 2; // run's P + 1 params, then i: kernel local k lives at k + shift
  const body = inlineBody(reader, shift);
  const setParams: number[] = [0x20, ...encodeU32(P + 1), 0x21, ...encodeU32(shift)];
  for (let j = 1; j < P; j++) setParams.push(0x20, ...encodeU32(j + 1), 0x21, ...encodeU32(shift + j));
  const zeroLocals: number[] = [];
  let local = shift + P;
  for (const group of groups) {
    const zero = ZERO[group.type];
    if (!zero) throw new NotInlinable(`a local of type 0x${group.type.toString(16)}`);
    for (let i = 0; i < group.count; i++) zeroLocals.push(...zero, 0x21, ...encodeU32(local++));
  }
  const locals = encodeVector([[...encodeU32(1 + P), I32], ...groups.map((group) => [...encodeU32(group.count), group.type])]);
  return [...locals, ...loop(P, current, [...setParams, ...zeroLocals, 0x02, 0x40, ...body, 0x0b])];
}

/** `run`'s body calling the kernel once per iteration. */
function callingRun(facts: KernelFacts, current: number): number[] {
  const P = facts.paramCount;
  const args: number[] = [0x20, ...encodeU32(P + 1)];
  for (let j = 1; j < P; j++) args.push(0x20, ...encodeU32(j + 1));
  return [...encodeVector([[1, I32]]), ...loop(P, current, [...args, 0x10, ...encodeU32(facts.kernelIndex)])];
}

/** i = start; block { loop { br_if 1 (i >=u end); current = i; <iteration>; i += 1; br 0 } } end */
function loop(P: number, current: number, iteration: readonly number[]): number[] {
  const i = encodeU32(P + 1);
  const g = encodeU32(current);
  return [
    0x20, 0, 0x21, ...i,
    0x02, 0x40, 0x03, 0x40,
    0x20, ...i, 0x20, 1, 0x4f, 0x0d, 1,
    0x20, ...i, 0x24, ...g,
    ...iteration,
    0x20, ...i, 0x41, 1, 0x6a, 0x21, ...i,
    0x0c, 0,
    0x0b, 0x0b, 0x0b,
  ];
}

/** The section with `id` replaced by (count + 1, old entries, `entry`), or a new section placed before `before`. */
type SectionBytes = Pick<Section, 'id' | 'content'>;

function appendEntry(sections: readonly SectionBytes[], id: number, entry: readonly number[], before: readonly number[] = []): SectionBytes[] {
  const out = [...sections];
  const at = out.findIndex((section) => section.id === id);
  if (at >= 0) {
    const reader = new WasmReader(out[at]!.content);
    const count = reader.u32();
    out[at] = { id, content: Uint8Array.from([...encodeU32(count + 1), ...out[at]!.content.subarray(reader.offset), ...entry]) };
    return out;
  }
  const next = out.findIndex((section) => before.includes(section.id));
  out.splice(next < 0 ? out.length : next, 0, { id, content: Uint8Array.from([1, ...entry]) });
  return out;
}

function assemble(facts: KernelFacts, runBody: readonly number[]): Uint8Array {
  const P = facts.paramCount;
  const runIndex = facts.functionCount;
  const current = facts.globalCount;
  let sections: SectionBytes[] = [...facts.sections];
  sections = appendEntry(sections, SectionId.TYPE, [0x60, ...encodeVector(Array.from({ length: P + 1 }, () => [I32])), 0]);
  sections = appendEntry(sections, SectionId.FUNCTION, encodeU32(facts.typeCount));
  // A new global section goes where the binary format orders it: before export … data.
  sections = appendEntry(sections, SectionId.GLOBAL, [I32, 1, 0x41, 0, 0x0b], [SectionId.EXPORT, SectionId.START, 9, SectionId.DATA_COUNT, SectionId.CODE, SectionId.DATA]);
  sections = appendEntry(sections, SectionId.EXPORT, [...encodeName(FUSED_EXPORTS.run), 0x00, ...encodeU32(runIndex)]);
  sections = appendEntry(sections, SectionId.EXPORT, [...encodeName(FUSED_EXPORTS.current), 0x03, ...encodeU32(current)]);
  sections = appendEntry(sections, SectionId.CODE, [...encodeU32(runBody.length), ...runBody]);
  return writeModule(sections);
}

/**
 * The kernel module plus `run` and `current` (see FUSED_EXPORTS); everything the kernel had
 * (its `kernel` export, data, start function, globals) is kept. Expects a module that passed
 * `checkKernelModule`. Throws `WasmFormatError` only for bytes that are not such a module.
 */
export function buildFusedKernel(bytes: Uint8Array): FusedKernel {
  const facts = readFacts(bytes);
  if (kernelParamCount((facts.paramCount - 3) / 2) !== facts.paramCount) throw new WasmFormatError('`kernel` does not take the ABI’s params', 0);
  try {
    const inlined = assemble(facts, inlinedRun(facts, facts.globalCount));
    // A copier bug must cost speed, never a wrong result: the engine checks what was built.
    if (WebAssembly.validate(inlined as Uint8Array<ArrayBuffer>)) return { bytes: inlined, inlined: true };
    return { bytes: assemble(facts, callingRun(facts, facts.globalCount)), inlined: false, reason: 'the inlined body did not validate' };
  } catch (error) {
    if (!(error instanceof NotInlinable || error instanceof WasmFormatError)) throw error;
    return { bytes: assemble(facts, callingRun(facts, facts.globalCount)), inlined: false, reason: `the body uses ${error.message}` };
  }
}

/** The exports a fused module gives its runner. */
export interface FusedExports {
  readonly run: (...args: number[]) => void;
  readonly current: WebAssembly.Global;
  /** Present on modules whose `run` steps several iterations at once (vectorised). */
  readonly scalar?: (...args: number[]) => void;
  readonly lanes?: WebAssembly.Global;
}

export function fusedExports(instance: WebAssembly.Instance): FusedExports {
  const exports = instance.exports as Record<string, unknown>;
  return {
    run: exports[FUSED_EXPORTS.run] as FusedExports['run'],
    current: exports[FUSED_EXPORTS.current] as WebAssembly.Global,
    ...(exports[FUSED_EXPORTS.scalar] ? { scalar: exports[FUSED_EXPORTS.scalar] as FusedExports['run'], lanes: exports[FUSED_EXPORTS.lanes] as WebAssembly.Global } : {}),
  };
}

/** A chunk that did not finish: the iteration the scalar loop would have failed in, and what was thrown. */
export interface FusedFailure {
  readonly iteration: number;
  readonly error: unknown;
}

/**
 * Runs iterations [args[0], args[1]) — `args` is `run`'s argument list, `(start, end,
 * numIterations, blockSize, ptr0, len0, …)` — and returns undefined, or the failure. When
 * the failing step covered several iterations (a vectorised lane group), the group is run
 * again one iteration at a time to name the lowest one that fails, as the scalar loop would;
 * memory after a trap is unspecified either way. Should that re-run not fail (a trap that
 * depended on bytes the group itself wrote), the group's first iteration is named.
 */
export function runFusedChunk(exports: FusedExports, args: number[]): FusedFailure | undefined {
  try {
    exports.run(...args);
    return undefined;
  } catch (error) {
    const iteration = (exports.current.value as number) >>> 0;
    const lanes = exports.lanes ? (exports.lanes.value as number) : 1;
    if (lanes <= 1 || !exports.scalar) return { iteration, error };
    const again = [...args];
    again[0] = iteration;
    again[1] = Math.min(iteration + lanes, args[1]!);
    try {
      exports.scalar(...again);
      return { iteration, error };
    } catch (scalarError) {
      return { iteration: (exports.current.value as number) >>> 0, error: scalarError };
    }
  }
}
