import type { FeatureName, MemoryAccessInfo, Provenance } from '../ir/analysis-types.js';
import type { KernelIR } from '../ir/module.js';
import { vectoriseKernel } from '../vectorise/vectorise-kernel.js';
import { printFunction } from './print-ir.js';

export function describeProvenance(provenance: Provenance): string {
  switch (provenance.kind) {
    case 'buffer':
      return `buffer ${provenance.buffer}`;
    case 'unknown':
      return `unknown (${provenance.reason})`;
    default:
      return provenance.kind;
  }
}

export function describeAccess(access: MemoryAccessInfo): string {
  const affine = access.affine
    ? `, affine: base ${access.affine.base} + ${access.affine.stride}·iteration_id, width ${access.affine.width}`
    : '';
  return `${access.access}${access.bytes ? ` ${access.bytes}B` : ''}${access.atomic ? ' atomic' : ''} → ${describeProvenance(access.provenance)}${affine}`;
}

/**
 * What `wasi-parallel compile kernel.wasm --ir` prints: the module facts, every function's IR
 * with its memory accesses annotated, and the analysis summary backends decide by.
 */
export function formatKernelReport(ir: KernelIR): string {
  const out: string[] = [];
  const m = ir.memory;
  out.push(`;; kernel ${ir.hash}${ir.options.lowerI64 ? ' (i64 lowered)' : ''}`);
  out.push(
    `;; memory: import "${m.module}" "${m.field}" ${m.shared ? 'shared' : 'unshared'}, min ${m.minPages} pages, max ${m.maxPages ?? 'none'}`,
  );
  out.push(`;; buffers: ${ir.bufferCount} (kernel takes ${3 + 2 * ir.bufferCount} i32 params)`);
  if (ir.stack) {
    const s = ir.stack;
    out.push(
      `;; stack: $${s.pointerGlobal} starts at ${s.initialValue}${s.heapBase === undefined ? '' : `, __heap_base ${s.heapBase}`}${s.dataEnd === undefined ? '' : `, __data_end ${s.dataEnd}`}`,
    );
  } else {
    out.push(';; stack: none');
  }
  ir.dataSegments.forEach((segment, index) =>
    out.push(
      `;; data segment ${index}: ${segment.offset === undefined ? `passive${segment.placedAt === undefined ? '' : `, copied to ${segment.placedAt} by the start function`}` : `active at ${segment.offset}`}, ${segment.size} bytes`,
    ),
  );
  if (ir.startFunction) out.push(`;; start function: $${ir.startFunction}`);
  out.push('');

  for (const fn of ir.functions) {
    const marks = new Map<number, string>();
    for (const access of ir.analysis.accesses.filter((a) => a.function === fn.name)) {
      const previous = marks.get(access.loc);
      marks.set(access.loc, previous ? `${previous}; ${describeAccess(access)}` : describeAccess(access));
    }
    out.push(printFunction(fn, marks), '');
  }

  out.push(';; analysis');
  const used = (Object.entries(ir.analysis.features) as [FeatureName, { function: string; loc: number; what: string } | undefined][])
    .filter(([, use]) => use !== undefined)
    .map(([name, use]) => `${name} (${use!.what} at $${use!.function}:${use!.loc})`);
  out.push(`;; features: ${used.length > 0 ? used.join(', ') : 'none beyond i32'}`);
  for (const buffer of ir.analysis.buffers) {
    const mode = buffer.reads && buffer.writes ? 'read-write' : buffer.writes ? 'write' : buffer.reads ? 'read' : 'unused';
    out.push(
      `;; buffer ${buffer.buffer}: ${mode}, ${buffer.readAccesses} reads, ${buffer.writeAccesses} writes${buffer.writes ? (buffer.allWritesAffine ? ', writes map-style (affine)' : ', writes scattered') : ''}`,
    );
  }
  const unknown = ir.analysis.accesses.filter((a) => a.provenance.kind === 'unknown').length;
  if (unknown > 0) out.push(`;; accesses with unknown provenance: ${unknown}`);
  for (const loop of ir.analysis.loops) {
    const induction = loop.induction ? `counter $${loop.induction.local} step ${loop.induction.step}` : 'no counter found';
    out.push(
      `;; loop at $${loop.function}:${loop.loc}: ${induction}, bound ${loop.bound ?? 'unknown'}${loop.boundFromParams ? ' (from params)' : ''}`,
    );
  }
  const vector = vectoriseKernel(ir);
  out.push(
    vector.vectorised
      ? `;; vectorise: yes, ${vector.lanes} iterations per SIMD lane group on CPU devices (estimated ${vector.gain.toFixed(2)}× fewer instructions)`
      : `;; vectorise: no, the scalar loop — ${vector.reason}`,
  );
  return out.join('\n');
}
