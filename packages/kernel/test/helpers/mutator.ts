/**
 * A deterministic mutator for WebAssembly modules (fixed seed): byte flips, truncations,
 * section swaps and duplications, huge counts and sizes, insertions and deletions. It walks
 * sections only as far as it needs to pick targets; what it produces is usually invalid.
 */

/** mulberry32: small, fast, good enough for picking mutations. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SectionSpan {
  readonly start: number;
  readonly sizeAt: number;
  readonly contentStart: number;
  readonly end: number;
}

function sections(bytes: Uint8Array): SectionSpan[] {
  const out: SectionSpan[] = [];
  let at = 8;
  while (at < bytes.length) {
    const start = at++;
    const sizeAt = at;
    let size = 0;
    for (let shift = 0; at < bytes.length && shift < 35; shift += 7) {
      const b = bytes[at++]!;
      size += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) break;
    }
    const end = Math.min(bytes.length, at + size);
    out.push({ start, sizeAt, contentStart: at, end });
    at = end;
  }
  return out;
}

/** A 5-byte LEB128 for `value` (overlong encodings are valid LEB and keep lengths fixed). */
function leb5(value: number): number[] {
  return [0, 7, 14, 21, 28].map((shift, i) => ((value / 2 ** shift) & 0x7f) | (i < 4 ? 0x80 : 0));
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export type Mutation = 'flip' | 'truncate' | 'swap' | 'huge-count' | 'huge-size' | 'overwrite' | 'duplicate' | 'insert' | 'delete';
export const MUTATIONS: readonly Mutation[] = ['flip', 'truncate', 'swap', 'huge-count', 'huge-size', 'overwrite', 'duplicate', 'insert', 'delete'];

export function mutate(bytes: Uint8Array, mutation: Mutation, rnd: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  const out = bytes.slice();
  const spans = sections(bytes);
  const span = spans.length > 0 ? spans[pick(spans.length)]! : undefined;
  switch (mutation) {
    case 'flip': {
      for (let i = 0, n = 1 + pick(4); i < n; i++) out[8 + pick(out.length - 8)]! ^= 1 << pick(8);
      return out;
    }
    case 'truncate':
      return out.slice(0, pick(out.length));
    case 'swap': {
      if (spans.length < 2) return out;
      const i = pick(spans.length);
      const j = (i + 1 + pick(spans.length - 1)) % spans.length;
      const [a, b] = [spans[Math.min(i, j)]!, spans[Math.max(i, j)]!];
      return concat(bytes.subarray(0, a.start), bytes.subarray(b.start, b.end), bytes.subarray(a.end, b.start), bytes.subarray(a.start, a.end), bytes.subarray(b.end));
    }
    case 'huge-count': {
      // The first vector count of a section (types, imports, functions, code, data…).
      if (!span || span.contentStart >= span.end) return out;
      let countEnd = span.contentStart;
      while (countEnd < span.end && bytes[countEnd]! & 0x80) countEnd++;
      const huge = [0xffffffff, 0x7fffffff, 0x10000000, 65536, 1_000_000][pick(5)]!;
      return concat(bytes.subarray(0, span.contentStart), leb5(huge), bytes.subarray(countEnd + 1));
    }
    case 'huge-size': {
      if (!span) return out;
      const huge = [0xffffffff, 0x7ffffff0, bytes.length * 4][pick(3)]!;
      return concat(bytes.subarray(0, span.sizeAt), leb5(huge), bytes.subarray(span.contentStart));
    }
    case 'overwrite': {
      const at = 8 + pick(out.length - 8);
      for (let i = 0, n = 1 + pick(8); i < n && at + i < out.length; i++) out[at + i] = [0x00, 0xff, 0x80, 0x7f, pick(256)][pick(5)]!;
      return out;
    }
    case 'duplicate':
      return span ? concat(bytes.subarray(0, span.end), bytes.subarray(span.start, span.end), bytes.subarray(span.end)) : out;
    case 'insert': {
      const at = 8 + pick(out.length - 8);
      const noise = Array.from({ length: 1 + pick(16) }, () => pick(256));
      return concat(bytes.subarray(0, at), noise, bytes.subarray(at));
    }
    case 'delete': {
      const at = 8 + pick(out.length - 8);
      return concat(bytes.subarray(0, at), bytes.subarray(Math.min(out.length, at + 1 + pick(16))));
    }
  }
}
