import { WasmReader } from './wasm-reader.js';

/**
 * Steps over one function body's instructions, decoding just the opcodes and skipping their
 * immediates, so admission can see which features a kernel uses without an IR. The module has
 * already passed `WebAssembly.validate`; an opcode this reader does not know (a proposal newer
 * than it) ends the walk of that body early, and `complete` says so.
 */
export interface Instruction {
  /** The opcode byte, or for prefixed opcodes (0xfc, 0xfd, 0xfe) the prefix. */
  readonly op: number;
  /** The sub-opcode after a prefix; -1 otherwise. */
  readonly sub: number;
  /** Byte offset of the instruction in the module. */
  readonly offset: number;
}

function skipBlockType(reader: WasmReader): void {
  const first = reader.bytes[reader.offset];
  // (ref null? ht) block types of the GC proposal carry a heap type after the type byte.
  if (first === 0x63 || first === 0x64) reader.byte();
  reader.skipLeb();
}

function skipMemarg(reader: WasmReader): void {
  const align = reader.u32();
  if (align & 0x40) reader.u32(); // multi-memory: an explicit memory index
  reader.u32();
}

/** 0xfc: saturating truncation (0–7), bulk memory and table ops (8–17). */
function skipMiscImmediates(reader: WasmReader, sub: number): boolean {
  if (sub <= 7) return true;
  if (sub === 8 || sub === 10 || sub === 12 || sub === 14) {
    reader.u32();
    reader.u32();
    return true;
  }
  if (sub <= 17) {
    reader.u32();
    return true;
  }
  return false;
}

/** 0xfd: SIMD. Loads and stores take a memarg, lane ops a lane index, shuffles and consts 16 bytes. */
function skipSimdImmediates(reader: WasmReader, sub: number): boolean {
  if (sub <= 11 || sub === 92 || sub === 93) skipMemarg(reader);
  else if (sub === 12 || sub === 13) reader.skip(16);
  else if (sub >= 21 && sub <= 34) reader.byte();
  else if (sub >= 84 && sub <= 91) {
    skipMemarg(reader);
    reader.byte();
  }
  return true;
}

/** 0xfe: threads. Everything takes a memarg but `atomic.fence`, which takes one reserved byte. */
function skipAtomicImmediates(reader: WasmReader, sub: number): boolean {
  if (sub === 0x03) reader.byte();
  else if (sub <= 0x02 || (sub >= 0x10 && sub <= 0x4e)) skipMemarg(reader);
  else return false;
  return true;
}

/** Skips the immediates of a one-byte opcode; false when the opcode is unknown here. */
function skipImmediates(reader: WasmReader, op: number): boolean {
  if (op >= 0x45 && op <= 0xc4) return true; // numeric: no immediates
  if (op >= 0x28 && op <= 0x3e) {
    skipMemarg(reader);
    return true;
  }
  switch (op) {
    case 0x00: case 0x01: case 0x05: case 0x0b: case 0x0f: case 0x1a: case 0x1b: case 0x19: case 0xd1: case 0xd3: case 0xd5:
      return true;
    case 0x02: case 0x03: case 0x04: case 0x06:
      skipBlockType(reader);
      return true;
    case 0x07: case 0x08: case 0x09: case 0x0c: case 0x0d: case 0x10: case 0x12: case 0x14: case 0x15: case 0x18:
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26: case 0xd2: case 0xd4: case 0xd6:
      reader.u32();
      return true;
    case 0x0e: {
      for (let count = reader.u32(), i = 0; i <= count; i++) reader.u32();
      return true;
    }
    case 0x11: case 0x13:
      reader.u32();
      reader.u32();
      return true;
    case 0x1c: {
      for (let count = reader.u32(), i = 0; i < count; i++) reader.byte();
      return true;
    }
    case 0x3f: case 0x40:
      reader.u32();
      return true;
    case 0x41:
      reader.s32();
      return true;
    case 0x42:
      reader.skipLeb();
      return true;
    case 0x43:
      reader.skip(4);
      return true;
    case 0x44:
      reader.skip(8);
      return true;
    case 0xd0:
      reader.skipLeb();
      return true;
    default:
      return false;
  }
}

/** Walks `reader` from its offset to its end: one function body's instructions, in order. */
export function* instructions(reader: WasmReader): Generator<Instruction, boolean> {
  while (!reader.done) {
    const offset = reader.offset;
    const op = reader.byte();
    let sub = -1;
    let known: boolean;
    if (op === 0xfc || op === 0xfd || op === 0xfe) {
      sub = reader.u32();
      known = op === 0xfc ? skipMiscImmediates(reader, sub) : op === 0xfd ? skipSimdImmediates(reader, sub) : skipAtomicImmediates(reader, sub);
    } else {
      known = skipImmediates(reader, op);
    }
    yield { op, sub, offset };
    if (!known) return false;
  }
  return true;
}
