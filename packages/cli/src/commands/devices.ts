import { BackendPriority, deviceKindName, FALLBACK_ORDER, type BackendCapabilities, type BackendOptions } from '@wasi-parallel/core';
import { parseOptions } from '../args.js';
import { BACKEND_OPTION_HELP, BACKEND_OPTION_SPECS, discover, readBackendOptions } from '../backend-flags.js';
import type { CliCommand } from '../command.js';
import type { BackendPackage } from '../discovery/discover-backends.js';
import { terminalWidth, wrapLine } from '../text-wrap.js';

const HELP = `Usage: wasi-parallel devices [--json] [--backend-package NAME|PATH]…

Lists every registered backend: its priority, the device kinds it serves, its devices, its
capabilities, and why it is unavailable when it is, plus the package each came from.

Options:
  --json                 Print one JSON document instead of text.
${BACKEND_OPTION_HELP}
  -h, --help             Show this help.`;

interface BackendReport {
  readonly name: string;
  readonly priority: number;
  readonly byNameOnly: boolean;
  readonly kinds: readonly string[];
  readonly available: boolean;
  readonly reason?: string;
  readonly devices: readonly { name: string; kind: string; description: Record<string, unknown> }[];
  readonly capabilities?: BackendCapabilities;
  /** The package it came from and how it was found; absent for core's sequential backend. */
  readonly package?: { readonly request: string; readonly source: string };
}

export interface DeviceReport {
  readonly backends: BackendReport[];
  /** Installed first-party packages that did not load, with why. */
  readonly packages: { packageName: string; error: string }[];
}

export async function collectDeviceReport(packageRequests: readonly string[] = [], backendOptions: BackendOptions = {}): Promise<DeviceReport> {
  const { registry, packages } = await discover(packageRequests);
  const origin = (name: string): BackendPackage | undefined => packages.find((entry) => entry.backend === name);
  const backends: BackendReport[] = [];
  try {
    for (const factory of registry.factories()) {
      const from = origin(factory.name);
      const base = {
        name: factory.name,
        priority: factory.priority,
        byNameOnly: factory.priority < 0,
        kinds: factory.deviceKinds.map(deviceKindName),
        ...(from ? { package: { request: from.request, source: from.source } } : {}),
      };
      try {
        const options = (backendOptions as Record<string, Readonly<Record<string, unknown>>>)[factory.name];
        const backend = await registry.init(factory.name, options ? { options } : {});
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
  return { backends, packages: packages.flatMap((entry) => (entry.error ? [{ packageName: entry.request, error: entry.error }] : [])) };
}

function featureList(capabilities: BackendCapabilities): string {
  return Object.entries(capabilities.features)
    .filter(([, on]) => on)
    .map(([name]) => name)
    .join(', ');
}

/** The text report, one logical line per fact, each wrapped to `width`. */
export function formatDeviceReport(report: DeviceReport, width: number): string {
  const lines: [text: string, indent: number][] = [];
  for (const backend of report.backends) {
    const priority = backend.byNameOnly ? `${backend.priority} (only by name)` : String(backend.priority);
    const from = backend.package ? `  from ${backend.package.request}${backend.package.source === 'installed' ? '' : ` (${backend.package.source})`}` : '';
    lines.push([`${backend.name}  priority ${priority}  kinds ${backend.kinds.join(', ')}${from}`, 4]);
    if (!backend.available) {
      lines.push([`  unavailable: ${backend.reason}`, 4]);
      continue;
    }
    for (const device of backend.devices) {
      const facts = Object.entries(device.description).map(([key, value]) => `${key}=${String(value)}`).join(', ');
      lines.push([`  device ${device.name} (${device.kind})${facts ? `: ${facts}` : ''}`, 4]);
    }
    if (backend.capabilities) lines.push([`  accepts: ${featureList(backend.capabilities)}`, 4]);
  }
  for (const entry of report.packages) lines.push([`${entry.packageName} is installed but did not load: ${entry.error}`, 2]);
  lines.push(['', 0]);
  lines.push([
    `Fallbacks: a hint tries its kind, then ${FALLBACK_ORDER[2].map(deviceKindName).join(' → ')} for discrete-gpu (docs/architecture.md); priority ${BackendPriority.REFERENCE} is the sequential reference.`,
    0,
  ]);
  return lines.flatMap(([text, indent]) => wrapLine(text, width, indent)).join('\n');
}

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list backends, their devices and why any is unavailable',
  help: HELP,
  async run(argv) {
    const { options } = parseOptions(argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...BACKEND_OPTION_SPECS });
    if (options.help) {
      console.log(HELP);
      return 0;
    }
    const report = await collectDeviceReport(options['backend-package'], readBackendOptions(options['backend-option']));
    if (options.json) {
      const fallbackOrder = Object.fromEntries(
        Object.entries(FALLBACK_ORDER).map(([kind, order]) => [deviceKindName(Number(kind) as 0), order.map(deviceKindName)]),
      );
      console.log(JSON.stringify({ ...report, fallbackOrder }, null, 2));
      return 0;
    }
    console.log(formatDeviceReport(report, terminalWidth()));
    return 0;
  },
};
