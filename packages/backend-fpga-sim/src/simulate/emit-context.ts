import type { KernelIR } from '@wasi-parallel/kernel';
import type { DfgNode, VarKey } from '../synth/dfg.js';
import { ConstantPool } from './constant-pool.js';

/** Names the generated module shares across functions: constants, globals, functions, banks, labels. */
export class EmitContext {
  readonly constants = new ConstantPool();
  readonly #functions: Map<string, string>;
  readonly #globals: Map<string, string>;
  readonly #labels = new Map<string, string>();
  /** Ring buffers of pipelines, declared once per instance. */
  readonly rings: string[] = [];
  #counter = 0;

  constructor(
    readonly ir: KernelIR,
    /** Check at run time that each access stays in the bank the schedule assumed. */
    readonly checkBanks: boolean,
  ) {
    this.#functions = new Map(ir.functions.map((fn, i) => [fn.name, `f${i}`]));
    this.#globals = new Map(ir.globals.map((global, i) => [global.name, `g${i}`]));
  }

  fresh(prefix: string): string {
    return `${prefix}${this.#counter++}`;
  }

  functionName(name: string): string {
    return this.#functions.get(name)!;
  }

  /** The JS variable of a wasm local or global. */
  variable(key: VarKey): string {
    return key.startsWith('g') ? this.#globals.get(key.slice(1))! : key;
  }

  label(wasmLabel: string): string {
    let name = this.#labels.get(wasmLabel);
    if (!name) {
      name = `L${this.#labels.size}`;
      this.#labels.set(wasmLabel, name);
    }
    return name;
  }

  /** JS for a trap: an error the runner turns into KERNEL_TRAP. */
  trapError(message: string, node: DfgNode, iteration?: string): string {
    const source = node.source ?? { function: '?', loc: 0 };
    return `R.trap(${JSON.stringify(message)}, ${JSON.stringify(source.function)}, ${source.loc}${iteration ? `, ${iteration}` : ''})`;
  }

  /** The bank-range check of a memory node, when banks are checked. */
  aliasCheck(node: DfgNode): { check: string; code: string } | undefined {
    const bank = node.access?.bank;
    if (!this.checkBanks || bank === undefined || bank === 'any') return undefined;
    const index = bank === 'local' ? 'LOCAL' : bank.slice('buffer'.length);
    const width = node.kind === 'notify' ? 4 : node.access!.bytes;
    return { check: `ea${node.id} < BANK_LO[${index === 'LOCAL' ? 'BANK_LOCAL' : index}] || ea${node.id} + ${width} > BANK_HI[${index === 'LOCAL' ? 'BANK_LOCAL' : index}]`, code: 'ALIASED = 1;' };
  }
}
