import { describe, expect, it } from 'vitest';
import { formatDeviceReport, type DeviceReport } from '../src/commands/devices.js';
import { wrapLine } from '../src/text-wrap.js';

const REPORT: DeviceReport = {
  backends: [
    {
      name: 'webgpu',
      priority: 200,
      byNameOnly: false,
      kinds: ['discrete-gpu', 'integrated-gpu'],
      available: false,
      reason: 'no WebGPU adapter: neither a hardware adapter nor SwiftShader nor llvmpipe could be opened on this machine',
      devices: [],
    },
  ],
  packages: [],
};

describe('devices output', () => {
  it.each([40, 80, 120])('fits a terminal %i columns wide, continuation lines indented', (width) => {
    const lines = formatDeviceReport(REPORT, width).split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    // The unavailable reason is longer than 40 and 80 columns: it continues, indented.
    if (width < 120) expect(lines.some((line) => line.startsWith('    '))).toBe(true);
  });

  it('keeps the indentation of the first line', () => {
    expect(wrapLine('  device cpu-2-workers (cpu)', 24, 4)).toEqual(['  device cpu-2-workers', '    (cpu)']);
  });

  it('keeps a word longer than the line whole', () => {
    expect(wrapLine('see /a/very/long/path/that/does/not/fit here', 10, 2)).toEqual(['see', '  /a/very/long/path/that/does/not/fit', '  here']);
  });
});
