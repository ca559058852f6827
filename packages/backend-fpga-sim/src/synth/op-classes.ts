import { OP_RULES } from '../ops/op-rules.js';
import type { FpgaProfile, OperatorClass, OperatorCost } from '../profiles/profile.js';
import type { DfgNode } from './dfg.js';

/** The operator class a node is priced and timed as. */
export function operatorClass(node: DfgNode): OperatorClass {
  switch (node.kind) {
    case 'op':
      return OP_RULES[node.op!]!.cls;
    case 'select':
    case 'pred':
      return 'int.logic';
    case 'load':
    case 'notify':
    case 'wait':
      return 'memory.load';
    case 'store':
      return 'memory.store';
    case 'rmw':
      return 'memory.rmw';
    default:
      return 'wire';
  }
}

export function costOf(node: DfgNode, profile: FpgaProfile): OperatorCost {
  return profile.operators[operatorClass(node)];
}

/** Bits of a node's value: what `lutPerBit` and pipeline registers scale with. */
export function widthOf(node: DfgNode): number {
  switch (node.type) {
    case 'i64':
    case 'f64':
      return 64;
    case 'none':
      return 0;
    default:
      return node.kind === 'pred' ? 1 : 32;
  }
}

/** `f32.add (\`kernel\` instruction 53)`: how reports name an operation; a phi or input by its variable. */
export function describeNode(node: DfgNode, nameVariable?: (variable: string) => string): string {
  if (node.variable !== undefined && nameVariable) return `${node.kind === 'phi' ? 'carried ' : ''}${nameVariable(node.variable)}`;
  const what = node.kind === 'op' || node.kind === 'rmw' ? (node.op ?? node.kind) : node.kind === 'load' || node.kind === 'store' ? `${node.access!.valueType}.${node.kind}` : node.kind;
  return node.source ? `${what} (\`${node.source.function}\` instruction ${node.source.loc})` : what;
}
