import type { ValueType } from '@wasi-parallel/kernel';
import { OP_RULES } from '../ops/op-rules.js';
import type { DfgNode } from '../synth/dfg.js';
import { narrowCode, readCode, rmwCode, writeCode } from './memory-code.js';

/** How the surrounding code names things: operand values, the node's destination, traps. */
export interface NodeContext {
  /** A JS expression for node `id`'s value (as an operand). */
  ref(id: number): string;
  /** A JS lvalue the node's result is assigned to. */
  dst(node: DfgNode): string;
  /** A statement that raises a trap; it must leave the surrounding code (throw or break). */
  trap(message: string, node: DfgNode): string;
  /** A statement run when an access leaves the bank the schedule assumed, or undefined when banks are not checked. */
  alias?(node: DfgNode): { readonly check: string; readonly code: string } | undefined;
}

const OUT_OF_BOUNDS = 'out of bounds memory access';

/** `if (pred) {…}`, or the statement alone when the node is unguarded. */
function guarded(node: DfgNode, ctx: NodeContext, code: string): string {
  return node.pred === undefined ? code : `if (${ctx.ref(node.pred)} !== 0) { ${code} }`;
}

function zeroOf(type: ValueType | 'none'): string {
  return type === 'i64' ? '0n' : '0';
}

/**
 * The JS statement that computes one node for one trip. Side effects and traps happen only
 * when the node's predicate holds; an operation that would trap on a path not taken (a
 * speculative load out of bounds, a division by zero in the other arm of an if) yields 0 instead.
 */
export function nodeCode(node: DfgNode, ctx: NodeContext): string {
  const dst = (): string => ctx.dst(node);
  const [a, b, c] = node.inputs.map((input) => ctx.ref(input));
  switch (node.kind) {
    case 'op': {
      const rule = OP_RULES[node.op!]!;
      const value = `${dst()} = ${rule.js(a!, b!)};`;
      if (!rule.traps) return value;
      const checks = rule.traps.map((trap) => `if (${trap.when(a!, b!)}) { ${guarded(node, ctx, ctx.trap(trap.message, node))} ${dst()} = ${zeroOf(node.type)}; }`);
      return `${checks.join(' else ')} else ${value}`;
    }
    case 'select':
      return `${dst()} = ${c} !== 0 ? ${a} : ${b};`;
    case 'pred':
      switch (node.op) {
        case 'and':
          return `${dst()} = ${a} & ${b};`;
        case 'or':
          return `${dst()} = ${a} | ${b};`;
        case 'not':
          return `${dst()} = ${a} ^ 1;`;
        default:
          return `${dst()} = +(${a} !== 0);`;
      }
    case 'trap':
      return guarded(node, ctx, ctx.trap('unreachable executed', node));
    case 'load':
    case 'store':
    case 'rmw':
    case 'notify':
    case 'wait':
      return memoryNodeCode(node, ctx);
    default:
      throw new Error(`node kind ${node.kind} has no per-trip code`);
  }
}

function memoryNodeCode(node: DfgNode, ctx: NodeContext): string {
  const access = node.access!;
  const width = node.kind === 'notify' ? 4 : access.bytes;
  const [address, v, w] = node.inputs.map((input) => ctx.ref(input));
  const ea = `ea${node.id}`;
  const lines = [`const ${ea} = (${address} >>> 0) + ${access.offset};`];
  const failures = [`${ea} > SZ - ${width}`];
  const messages = [OUT_OF_BOUNDS];
  if (access.atomic && width > 1) {
    failures.push(`(${ea} & ${width - 1}) !== 0`);
    messages.push('unaligned atomic');
  }
  const trapCode = failures.map((failure, i) => `if (${failure}) { ${guarded(node, ctx, ctx.trap(messages[i]!, node))} ${node.type === 'none' ? '' : `${ctx.dst(node)} = ${zeroOf(node.type)};`} }`).join(' else ');
  const alias = ctx.alias?.(node);
  const type = access.valueType;
  let body: string;
  switch (node.kind) {
    case 'load':
      body = `${ctx.dst(node)} = ${readCode(ea, width, type, access.signed)};`;
      break;
    case 'store':
      body = guarded(node, ctx, `${writeCode(ea, width, type, v!)};`);
      break;
    case 'notify':
      body = `${ctx.dst(node)} = 0;`;
      break;
    case 'wait': {
      const forever = ctx.trap('memory.atomic.wait would block forever: nothing else runs to wake it', node);
      body = `if (${readCode(ea, width, type, false)} !== ${narrowCode(v!, width, type)}) ${ctx.dst(node)} = 1; else if (${w!} >= 0n) ${ctx.dst(node)} = 2; else ${forever}`;
      break;
    }
    default: {
      const old = `o${node.id}`;
      const update =
        node.op === 'cmpxchg'
          ? `if (${old} === ${narrowCode(v!, width, type)}) ${writeCode(ea, width, type, w!)};`
          : `${writeCode(ea, width, type, rmwCode(node.op!, type, old, v!))};`;
      body = `const ${old} = ${readCode(ea, width, type, false)}; ${ctx.dst(node)} = ${old}; ${guarded(node, ctx, update)}`;
    }
  }
  const aliasCode = alias ? guarded(node, ctx, `if (${alias.check}) ${alias.code}`) : '';
  lines.push(`${trapCode} else { ${aliasCode} ${body} }`);
  return `{ ${lines.join(' ')} }`;
}
