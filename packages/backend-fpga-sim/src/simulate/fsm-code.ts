import type { ValueType } from '@wasi-parallel/kernel';
import type { FsmFunction, FsmStatement, Jump, LoopPlan } from '../synth/program.js';
import { blockCode } from './block-code.js';
import type { EmitContext } from './emit-context.js';
import { pipelineCode } from './pipeline-code.js';

function zero(type: ValueType): string {
  return type === 'i64' ? '0n' : '0';
}

/** A wasm function as a JS function: structured control flow kept, blocks scheduled, loops pipelined where they can be. */
export function functionCode(fsm: FsmFunction, context: EmitContext): string {
  const { fn } = fsm;
  const params = fn.locals.filter((local) => local.isParam).map((local) => `l${local.index}`);
  const locals = fn.locals.filter((local) => !local.isParam).map((local) => `l${local.index} = ${zero(local.type)}`);
  const body = [`function ${context.functionName(fn.name)}(${params.join(', ')}) {`];
  if (locals.length > 0) body.push(`let ${locals.join(', ')};`);
  body.push(...statementsCode(fsm.body, context), '}');
  return body.join('\n');
}

function jumpCode(jump: Jump | undefined, returnValue?: string): string {
  if (!jump) return '';
  if (jump.kind === 'return') return returnValue === undefined ? 'return;' : `return ${returnValue};`;
  return `${jump.kind} ${jump.label};`;
}

function statementsCode(statements: readonly FsmStatement[], context: EmitContext): string[] {
  const code: string[] = [];
  const label = (wasm: string): string => context.label(wasm);
  const resolve = (jump: Jump): Jump => (jump.kind === 'return' ? jump : { kind: jump.kind, label: label(jump.label) });
  for (const statement of statements) {
    const operand = statement.kind === 'block' || statement.kind === 'loop' ? undefined : statement.block;
    const block = operand ? blockCode(operand, context) : undefined;
    if (block) code.push(...block.code);
    switch (statement.kind) {
      case 'straight':
        break;
      case 'block':
        code.push(`${statement.label === undefined ? '' : `${label(statement.label)}: `}{`, ...statementsCode(statement.body, context), '}');
        break;
      case 'loop':
        code.push(...loopCode(statement.label, statement.loop, context));
        break;
      case 'if':
        code.push(`if (${block!.tail} !== 0) {`, ...statementsCode(statement.then, context), '} else {', ...statementsCode(statement.else, context), '}');
        break;
      case 'br':
        code.push(statement.conditional ? `if (${block!.tail} !== 0) ${jumpCode(resolve(statement.target))}` : jumpCode(resolve(statement.target)));
        break;
      case 'br_table':
        code.push(
          `switch (${block!.tail} >>> 0) {`,
          ...statement.targets.map((target, i) => `case ${i}: ${jumpCode(resolve(target))}`),
          `default: ${jumpCode(resolve(statement.fallback))}`,
          '}',
        );
        break;
      case 'return':
        code.push(block?.tail === undefined ? 'return;' : `return ${block.tail};`);
        break;
      case 'trap':
        code.push(`throw R.trap("unreachable executed", ${JSON.stringify(statement.source.function)}, ${statement.source.loc});`);
        break;
    }
  }
  return code;
}

function loopCode(wasmLabel: string | undefined, plan: LoopPlan, context: EmitContext): string[] {
  const slot = plan.id * 4;
  if (plan.kind === 'sequential') {
    const name = wasmLabel === undefined ? context.fresh('Q') : context.label(wasmLabel);
    return [
      `{ const c${name} = CY; ST[${slot}] += 1; try {`,
      `${name}: for (;;) { ST[${slot + 1}] += 1; if ((++TRIPS & 65535) === 0) R.deadline();`,
      ...statementsCode(plan.body, context),
      `break ${name}; }`,
      `} finally { ST[${slot + 2}] += CY - c${name}; } }`,
    ];
  }
  const { graph } = plan.region;
  const pipeline = pipelineCode({ region: plan.region, entry: (variable) => context.variable(variable), stats: plan.id }, context);
  const code = [...pipeline.code];
  for (const [variable, id] of graph.exitValues) code.push(`${context.variable(variable)} = ${pipeline.value(id)};`);
  const returnValue = graph.returnValue === undefined ? undefined : pipeline.value(graph.returnValue);
  const exits = plan.exits.map((jump) => jumpCode(jump && (jump.kind === 'return' ? jump : { kind: jump.kind, label: context.label(jump.label) }), returnValue));
  if (exits.length === 1) code.push(exits[0]!);
  else if (exits.length > 1) code.push(`switch (${pipeline.value(graph.exitIndex!)}) {`, ...exits.map((exit, i) => `case ${i}: ${exit} break;`), '}');
  code.push('}');
  return code;
}
