import type { Backend, BackendRegistry, Device, DeviceReport } from '@wasi-parallel/core';

export type ReportListener = (device: Device, report: DeviceReport) => void;

function observed(device: Device, listener: ReportListener): Device {
  return {
    kind: device.kind,
    name: device.name,
    description: device.description,
    createBuffer: (size, access) => device.createBuffer(size, access),
    async parallelFor(request) {
      const result = await device.parallelFor(request);
      if (result.report) listener(device, result.report);
      return result;
    },
  };
}

/**
 * Registers every factory of `registry` again so that each call's `DispatchResult.report`
 * reaches `listener` (`run --report`). Nothing here knows what a report holds: devices are
 * wrapped, capabilities and everything else pass through. Call before any backend initialises.
 */
export function reportEveryCall(registry: BackendRegistry, listener: ReportListener): void {
  for (const factory of registry.factories()) {
    registry.register({
      ...factory,
      async init(options): Promise<Backend> {
        const backend = await factory.init(options);
        return {
          name: backend.name,
          capabilities: backend.capabilities,
          devices: backend.devices.map((device) => observed(device, listener)),
          dispose: () => backend.dispose(),
        };
      },
    });
  }
}

/** How `run --report` prints a report: the device's own summary when it has one, else its JSON. */
export function formatDeviceReport(device: Device, report: DeviceReport): string {
  return typeof report.summary === 'string' ? report.summary : `${device.name}: ${JSON.stringify(report)}`;
}
