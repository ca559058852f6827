import { readFile } from 'node:fs/promises';
import { parseDeviceKind, type BackendFactory, type DeviceKind } from '@wasi-parallel/core';
import { parseOptions, positiveMs } from '../args.js';
import { BACKEND_OPTION_HELP, BACKEND_OPTION_SPECS, discover, readBackendOptions } from '../backend-flags.js';
import type { CliCommand } from '../command.js';
import { checkBackendOptions } from '../device-choice.js';
import { UsageError } from '../usage-error.js';

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
${BACKEND_OPTION_HELP}
  -h, --help             show this help`;

interface ConformancePackage {
  conformanceCases: readonly { id: string }[];
  runConformance(options: Record<string, unknown>): Promise<{ id: string; unexpected?: boolean; status: string }[]>;
  formatResult(result: unknown): string;
}

async function readExpectations(file: string | undefined): Promise<unknown> {
  if (file === undefined) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`--expectations ${file}: the file cannot be read; give the path of a JSON expectations file`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--expectations ${file} is not JSON: ${(error as Error).message}`);
  }
}

export const conformanceCommand: CliCommand = {
  name: 'conformance',
  summary: 'run the conformance suite against one backend',
  help: HELP,
  async run(argv) {
    const { options } = parseOptions(argv, {
      backend: { type: 'string' },
      kind: { type: 'string' },
      expectations: { type: 'string' },
      cases: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...BACKEND_OPTION_SPECS,
    });
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const name = options.backend;
    if (!name) throw new UsageError('conformance needs --backend NAME (wasi-parallel devices lists them)');
    let kind: DeviceKind | undefined;
    if (options.kind !== undefined) {
      kind = parseDeviceKind(options.kind);
      if (kind === undefined) throw new UsageError(`--kind ${options.kind} is not a device kind (sequential, cpu, discrete-gpu, integrated-gpu, fpga)`);
    }
    const timeout = positiveMs('--timeout', options.timeout);
    const expectations = await readExpectations(options.expectations);
    const backendOptions = readBackendOptions(options['backend-option']);

    const { registry } = await discover(options['backend-package']);
    const registered = registry.factories().find((factory) => factory.name === name);
    if (!registered) {
      const names = registry.factories().map((factory) => factory.name).join(', ');
      throw new UsageError(`--backend ${name}: no backend of that name is registered; registered: ${names}`);
    }
    const unknownBackend = Object.keys(backendOptions).find((backend) => backend !== name);
    if (unknownBackend) throw new UsageError(`--backend-option names \`${unknownBackend}\`, but the backend under test is \`${name}\``);
    try {
      await checkBackendOptions(registry, backendOptions);
    } finally {
      await registry.dispose();
    }
    const initOptions = (backendOptions as Record<string, Readonly<Record<string, unknown>>>)[name];
    // The suite registers the backend in a registry of its own; the options travel with the factory.
    const factory: BackendFactory = initOptions
      ? { ...registered, init: (init) => registered.init({ ...init, options: { ...init.options, ...initOptions } }) }
      : registered;

    const packageName = '@wasi-parallel/conformance';
    const suite = (await import(/* @vite-ignore */ packageName)) as ConformancePackage;
    const prefixes = options.cases ?? [];
    const cases = prefixes.length === 0 ? suite.conformanceCases : suite.conformanceCases.filter((c) => prefixes.some((p) => c.id.startsWith(p)));
    if (cases.length === 0) throw new UsageError(`--cases: no case id starts with ${prefixes.join(' or ')}`);
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
