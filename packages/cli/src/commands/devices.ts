import { BackendPriority, deviceKindName, FALLBACK_ORDER, type BackendCapabilities } from '@wasi-parallel/core';
import { loadRegistry } from '../backends.js';
import { parseArgs, type CliCommand } from '../command.js';

const HELP = `Usage: wasi-parallel devices [--json]

Lists every registered backend: its priority, the device kinds it serves, its devices, its
capabilities, and why it is unavailable when it is. Backend packages that are not installed
are listed too.

Options:
  --json       Print one JSON document instead of text.
  -h, --help   Show this help.`;

interface BackendReport {
  readonly name: string;
  readonly priority: number;
  readonly byNameOnly: boolean;
  readonly kinds: readonly string[];
  readonly available: boolean;
  readonly reason?: string;
  readonly devices: readonly { name: string; kind: string; description: Record<string, unknown> }[];
  readonly capabilities?: BackendCapabilities;
}

export async function collectDeviceReport(): Promise<{ backends: BackendReport[]; packages: { packageName: string; error: string }[] }> {
  const { registry, imports } = await loadRegistry();
  const backends: BackendReport[] = [];
  try {
    for (const factory of registry.factories()) {
      const base = {
        name: factory.name,
        priority: factory.priority,
        byNameOnly: factory.priority < 0,
        kinds: factory.deviceKinds.map(deviceKindName),
      };
      try {
        const backend = await registry.init(factory.name);
        backends.push({
          ...base,
          available: true,
          devices: backend.devices.map((device) => ({ name: device.name, kind: deviceKindName(device.kind), description: { ...device.description } })),
          capabilities: backend.capabilities,
        });
      } catch (error) {
        const state = registry.state(factory.name);
        backends.push({ ...base, available: false, reason: state?.state === 'failed' ? state.reason : (error as Error).message, devices: [] });
      }
    }
  } finally {
    await registry.dispose();
  }
  const packages = imports.flatMap((entry) => (entry.error ? [{ packageName: entry.packageName, error: entry.error }] : []));
  return { backends, packages };
}

function featureList(capabilities: BackendCapabilities): string {
  return Object.entries(capabilities.features)
    .filter(([, on]) => on)
    .map(([name]) => name)
    .join(', ');
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list backends, their devices and why any is unavailable',
  help: HELP,
  async run(argv) {
    const { options } = parseArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const report = await collectDeviceReport();
    if (options.json) {
      const fallbackOrder = Object.fromEntries(
        Object.entries(FALLBACK_ORDER).map(([kind, order]) => [deviceKindName(Number(kind) as 0), order.map(deviceKindName)]),
      );
      console.log(JSON.stringify({ ...report, fallbackOrder }, null, 2));
      return 0;
    }
    for (const backend of report.backends) {
      const priority = backend.byNameOnly ? `${backend.priority} (only by name)` : String(backend.priority);
      console.log(`${backend.name}  priority ${priority}  kinds ${backend.kinds.join(', ')}`);
      if (!backend.available) {
        console.log(`  unavailable: ${backend.reason}`);
        continue;
      }
      for (const device of backend.devices) {
        const facts = Object.entries(device.description).map(([key, value]) => `${key}=${String(value)}`).join(', ');
        console.log(`  device ${device.name} (${device.kind})${facts ? `: ${facts}` : ''}`);
      }
      if (backend.capabilities) console.log(`  accepts: ${featureList(backend.capabilities)}`);
    }
    for (const entry of report.packages) console.log(`${entry.packageName}: ${entry.error}`);
    console.log(`\nFallbacks: a hint tries its kind, then ${FALLBACK_ORDER[2].map(deviceKindName).join(' → ')} for discrete-gpu (docs/architecture.md); priority ${BackendPriority.REFERENCE} is the sequential reference.`);
    return 0;
  },
};
