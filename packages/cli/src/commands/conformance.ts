import { readFile } from 'node:fs/promises';
import { parseDeviceKind, type BackendFactory, type DeviceKind } from '@wasi-parallel/core';
import { loadRegistry } from '../backends.js';
import { parseArgs, UsageError, type CliCommand } from '../command.js';
import { parseBackendOptions } from './run.js';

const HELP = `Usage: wasi-parallel conformance --backend NAME [options]

Runs the conformance suite (@wasi-parallel/conformance) against one registered backend and
prints a line per case. Exits 0 when every result is what was expected: a pass, a skip for a
capability the backend lacks, or what the expectations file says.

Options:
  --backend NAME         the backend under test (\`wasi-parallel devices\` lists them)
  --kind KIND            which of its device kinds (default: its first)
  --expectations FILE    a JSON expectations file ({ "case id": { "status": "skip"|"fail", "reason": "…" } })
  --cases PREFIX         only the cases whose id starts with PREFIX (e.g. trap/). Repeatable.
  --timeout MS           end a kernel after MS milliseconds (backends with timeouts)
  --backend-option BACKEND.KEY=VALUE   an init option for the backend. Repeatable.
  -h, --help             show this help`;

interface ConformancePackage {
  conformanceCases: readonly { id: string }[];
  runConformance(options: Record<string, unknown>): Promise<{ id: string; unexpected?: boolean; status: string }[]>;
  formatResult(result: unknown): string;
}

export const conformanceCommand: CliCommand = {
  name: 'conformance',
  summary: 'run the conformance suite against one backend',
  help: HELP,
  async run(argv) {
    const { options } = parseArgs(argv, {
      backend: { type: 'string' },
      kind: { type: 'string' },
      expectations: { type: 'string' },
      cases: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'backend-option': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const name = options.backend as string | undefined;
    if (!name) throw new UsageError('conformance needs --backend NAME');
    let kind: DeviceKind | undefined;
    if (options.kind !== undefined) {
      kind = parseDeviceKind(options.kind as string);
      if (kind === undefined) throw new UsageError(`unknown device kind ${String(options.kind)}`);
    }
    const timeout = options.timeout === undefined ? undefined : Number(options.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout takes a positive number of milliseconds');
    const expectations = options.expectations === undefined ? {} : JSON.parse(await readFile(options.expectations as string, 'utf8'));

    const { registry } = await loadRegistry();
    const registered = registry.factories().find((factory) => factory.name === name);
    if (!registered) throw new UsageError(`no backend named \`${name}\` is registered (see \`wasi-parallel devices\`)`);
    const initOptions = parseBackendOptions((options['backend-option'] as string[] | undefined) ?? [])[name];
    // The suite registers the backend in a registry of its own; the options travel with the factory.
    const factory: BackendFactory = initOptions
      ? { ...registered, init: (init) => registered.init({ ...init, options: { ...init.options, ...initOptions } }) }
      : registered;

    const packageName = '@wasi-parallel/conformance';
    const suite = (await import(/* @vite-ignore */ packageName)) as ConformancePackage;
    const prefixes = (options.cases as string[] | undefined) ?? [];
    const cases = prefixes.length === 0 ? suite.conformanceCases : suite.conformanceCases.filter((c) => prefixes.some((p) => c.id.startsWith(p)));
    if (cases.length === 0) throw new UsageError(`no case id starts with ${prefixes.join(' or ')}`);
    const results = await suite.runConformance({
      factory,
      cases,
      expectations,
      ...(kind !== undefined ? { kind } : {}),
      ...(timeout !== undefined ? { hostOptions: { timeoutMs: timeout } } : {}),
    });
    for (const result of results) console.log(suite.formatResult(result));
    const count = (status: string) => results.filter((result) => result.status === status).length;
    const unexpected = results.filter((result) => result.unexpected).length;
    console.log(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped; ${unexpected} unexpected`);
    return unexpected === 0 ? 0 : 1;
  },
};
