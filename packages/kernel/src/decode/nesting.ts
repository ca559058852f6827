import { invalidKernel } from '../errors.js';
import { FRONT_END_LIMITS } from '../limits.js';
import { binaryen, type BinaryenModule } from './binaryen.js';

type Info = Record<string, unknown>;

/** The operand fields of each binaryen expression kind (what `getExpressionInfo` names them). */
const CHILD_FIELDS = new Map<number, readonly string[]>([
  [binaryen.BlockId, ['children']],
  [binaryen.IfId, ['condition', 'ifTrue', 'ifFalse']],
  [binaryen.LoopId, ['body']],
  [binaryen.BreakId, ['value', 'condition']],
  [binaryen.SwitchId, ['value', 'condition']],
  [binaryen.CallId, ['operands']],
  [binaryen.CallIndirectId, ['operands', 'target']],
  [binaryen.LocalSetId, ['value']],
  [binaryen.GlobalSetId, ['value']],
  [binaryen.LoadId, ['ptr']],
  [binaryen.StoreId, ['ptr', 'value']],
  [binaryen.UnaryId, ['value']],
  [binaryen.BinaryId, ['left', 'right']],
  [binaryen.SelectId, ['ifTrue', 'ifFalse', 'condition']],
  [binaryen.DropId, ['value']],
  [binaryen.ReturnId, ['value']],
  [binaryen.MemoryGrowId, ['delta']],
  [binaryen.AtomicRMWId, ['ptr', 'value']],
  [binaryen.AtomicCmpxchgId, ['ptr', 'expected', 'replacement']],
  [binaryen.AtomicWaitId, ['ptr', 'expected', 'timeout']],
  [binaryen.AtomicNotifyId, ['ptr', 'notifyCount']],
  [binaryen.SIMDExtractId, ['vec']],
  [binaryen.SIMDReplaceId, ['vec', 'value']],
  [binaryen.SIMDShuffleId, ['left', 'right']],
  [binaryen.SIMDTernaryId, ['a', 'b', 'c']],
  [binaryen.SIMDShiftId, ['vec', 'shift']],
  [binaryen.SIMDLoadId, ['ptr']],
  [binaryen.SIMDLoadStoreLaneId, ['ptr', 'vec']],
  [binaryen.MemoryInitId, ['dest', 'offset', 'size']],
  [binaryen.MemoryCopyId, ['dest', 'source', 'size']],
  [binaryen.MemoryFillId, ['dest', 'value', 'size']],
  [binaryen.TupleMakeId, ['operands']],
  [binaryen.TupleExtractId, ['tuple']],
]);

const LEAVES = new Set([binaryen.NopId, binaryen.UnreachableId, binaryen.LocalGetId, binaryen.GlobalGetId, binaryen.ConstId]);

/**
 * Bounds nesting depth and size before any pass runs: binaryen's passes recurse and some are
 * superlinear in depth (a chain of 20,000 adds takes seconds), so a hostile kernel must be
 * refused before it reaches them. Iterative, one `getExpressionInfo` per non-leaf expression.
 */
export function checkNesting(module: BinaryenModule): void {
  let total = 0;
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (!info.body) continue;
    const stack: [number, number][] = [[info.body, 0]];
    while (stack.length > 0) {
      const [ref, depth] = stack.pop()!;
      if (++total > FRONT_END_LIMITS.MAX_INSTRUCTIONS) {
        throw invalidKernel(`the kernel has more than ${FRONT_END_LIMITS.MAX_INSTRUCTIONS} instructions`);
      }
      if (depth > FRONT_END_LIMITS.MAX_NESTING) {
        throw invalidKernel(`expressions nest deeper than ${FRONT_END_LIMITS.MAX_NESTING}`, { function: info.name });
      }
      const id = binaryen.getExpressionId(ref);
      if (LEAVES.has(id)) continue;
      const fields = CHILD_FIELDS.get(id);
      if (!fields) continue; // refused later by the IR converter
      const expr = binaryen.getExpressionInfo(ref) as unknown as Info;
      for (const field of fields) {
        const value = expr[field];
        if (Array.isArray(value)) for (const child of value) stack.push([child as number, depth + 1]);
        else if (typeof value === 'number' && value !== 0) stack.push([value, depth + 1]);
      }
    }
  }
}
