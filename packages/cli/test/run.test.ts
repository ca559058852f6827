import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

// examples/build is made by the examples package's build, which nx runs before these tests.
describe('wasi-parallel run', () => {
  it('runs the saxpy example on the sequential device and prints its checksum', () => {
    const result = cli(['run', '--device', 'sequential', 'examples/build/saxpy.wasm', '100000']);
    // Exactly the device asked for: nothing to say without --verbose.
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^saxpy n=100000 checksum=0x[0-9a-f]{8}\n$/);
    expect(result.status).toBe(0);
  });

  it('gives the same checksum whether guest memory is upgraded or copied', () => {
    const upgraded = cli(['run', 'examples/build/matmul.wasm', '64']);
    const copied = cli(['run', '--memory', 'copy', 'examples/build/matmul.wasm', '64']);
    expect(upgraded.status).toBe(0);
    expect(copied.stdout).toBe(upgraded.stdout);
  });

  it('runs mandelbrot and writes its image into a preopened directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasi-parallel-'));
    const result = cli(['run', '--dir', `${dir}::out`, 'examples/build/mandelbrot.wasm', 'out/m.pgm', '64', '48']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^mandelbrot 64x48 checksum=0x[0-9a-f]{8}\n$/);
    const image = readFileSync(join(dir, 'm.pgm'));
    expect(image.subarray(0, 13).toString()).toBe('P5\n64 48\n255\n');
    expect(image.length).toBe(13 + 64 * 48);
  });

  it.each(['mandelbrot.wasm out/m.pgm 96 64', 'saxpy.wasm 50000', 'matmul.wasm 48', 'square.wasm'])(
    'prints the same bytes on every kind of device: %s',
    (command) => {
      const [program, ...args] = command.split(' ');
      const dir = mkdtempSync(join(tmpdir(), 'wasi-parallel-'));
      const outputs = ['sequential', 'cpu', 'discrete-gpu'].map((device) => {
        const result = cli(['run', '--verbose', '--device', device, '--dir', `${dir}::out`, `examples/build/${program}`, ...args]);
        expect(result.stderr).toContain(`asked for ${device}`);
        expect(result.status).toBe(0);
        return result.stdout;
      });
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
    },
  );

  it('runs the hand-written WAT guest unchanged and exits 0', () => {
    const result = cli(['run', '--verbose', 'examples/build/square.wasm']);
    expect(result.stderr).toContain('hint cpu');
    expect(result.status).toBe(0);
  });

  it('follows WASI_PARALLEL_DEVICE when there is no --device', () => {
    const result = cli(['run', '--verbose', 'examples/build/square.wasm'], { WASI_PARALLEL_DEVICE: 'sequential' });
    expect(result.stderr).toContain('WASI_PARALLEL_DEVICE asked for sequential');
    expect(result.status).toBe(0);
  });

  it("exits with the guest's exit code and reports ABI errors on stderr", () => {
    const result = cli(['run', 'examples/build/saxpy.wasm', '0']);
    expect(result.stderr).toMatch(/create_buffer returned INVALID_ARGUMENT \(1\)/);
    expect(result.status).toBe(11);
  });

  it('prints the results of --invoke, one per line, from one instance', async () => {
    const wabt = await (await import('wabt')).default();
    const text = `(module (memory (export "memory") 1)
      (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "pair") (param i64) (result i32 i64) (i32.const 7) (i64.mul (local.get 0) (i64.const 3))))`;
    const file = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-')), 'reactor.wasm');
    writeFileSync(file, wabt.parseWat('reactor.wat', text, { multi_value: true }).toBinary({}).buffer);
    expect(cli(['run', '--invoke', 'add', file, '40', '2'])).toMatchObject({ status: 0, stdout: '42\n' });
    expect(cli(['run', '--invoke', 'pair', file, '5n'])).toMatchObject({ status: 0, stdout: '7\n15\n' });
    expect(cli(['run', '--invoke', 'missing', file]).status).toBe(1);
  });

  it('runs several --invoke calls in order on one instance, each with its own arguments', async () => {
    const wabt = await (await import('wabt')).default();
    // The prototype's shape: setup stores state in the instance, execute uses it, finish reports it.
    const text = `(module (memory (export "memory") 1) (global $n (mut i32) (i32.const 0))
      (func (export "setup") (param i32 i32) (global.set $n (i32.mul (local.get 0) (local.get 1))))
      (func (export "execute") (global.set $n (i32.add (global.get $n) (i32.const 1))))
      (func (export "finish") (result i32) (global.get $n)))`;
    const file = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-')), 'stateful.wasm');
    writeFileSync(file, wabt.parseWat('stateful.wat', text).toBinary({}).buffer);
    const result = cli(['run', '--invoke', 'setup 6 7', '--invoke', 'execute', '--invoke', 'execute', '--invoke', 'finish', file]);
    expect(result).toMatchObject({ status: 0, stdout: '44\n' });
    expect(cli(['run', '--invoke', 'setup 6 x', file]).status).toBe(2);
    expect(cli(['run', '--invoke', 'setup 6 7', '--invoke', 'finish', file, '3']).status).toBe(2);
  });
});

describe('wasi-parallel devices', () => {
  it('prints JSON listing the sequential device', () => {
    const result = cli(['devices', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { backends: { name: string; available: boolean; devices: { kind: string }[] }[] };
    const sequential = report.backends.find((backend) => backend.name === 'sequential');
    expect(sequential?.available).toBe(true);
    expect(sequential?.devices).toEqual([expect.objectContaining({ kind: 'sequential' })]);
  });
});

describe('wasi-parallel compile', () => {
  it('prints the memory import and the signature of a kernel', () => {
    const result = cli(['compile', 'examples/build/saxpy-kernel.wasm']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"env"."memory"');
    expect(result.stdout).toContain('3 buffer(s)');
  });

  it('refuses a non-kernel with its reason', () => {
    const result = cli(['compile', 'examples/build/saxpy.wasm']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('INVALID_KERNEL');
  });
});

describe('help and usage', () => {
  it.each(['run', 'devices', 'compile', 'conformance', 'bench'])('%s --help prints its usage', (command) => {
    const result = cli([command, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Usage: (wasi-parallel )?${command}|Usage: wasi-parallel-${command}`));
  });

  it('exits 2 for an unknown command or option', () => {
    expect(cli(['frobnicate']).status).toBe(2);
    expect(cli(['run', '--nope', 'x.wasm']).status).toBe(2);
    expect(cli(['--help']).status).toBe(0);
  });
});

describe('guests that cannot run', () => {
  it.each([
    ['is not wasm', Buffer.from('garbage'), /INVALID_ARGUMENT: the guest is not a valid WebAssembly module/],
    ['imports what no host gives', Buffer.from('0061736d01000000010401600000020c0103656e76046e6f70650000030201000503010001071302066d656d6f72790200065f737461727400010a040102000b', 'hex'), /could not be instantiated: .*env/],
  ])('a guest that %s ends with exit 1 and one clear line', (_what, bytes, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-')), 'guest.wasm');
    writeFileSync(file, bytes);
    const result = cli(['run', file], { WASI_PARALLEL_DEBUG: '' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
