import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemblePrototypeGuest } from '@wasi-parallel/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.js';

// The prototype's test programs are reactors driven export by export on one instance.
let file: string;

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-')), 'nstream.wasm');
  writeFileSync(file, (await assemblePrototypeGuest('nstream')).guest);
});

describe('a guest written like the prototype nstream, through run --invoke … --invoke …', () => {
  it.each(['sequential', 'cpu', 'discrete-gpu'])('gives its expected result on the %s device', (device) => {
    const result = cli(['run', '--device', device, '--invoke', 'setup 4 20000 0', '--invoke', 'execute', '--invoke', 'execute', '--invoke', 'finish', file]);
    // Two executes return SUCCESS (0); finish returns 0 when every element is 8 × 2.
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('0\n0\n0\n');
    expect(result.status).toBe(0);
  }, 120_000);
});
