import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.js';

// docs/cli.md has this table; each mistake used to run something else, or print a page of help.
const missingDir = join(mkdtempSync(join(tmpdir(), 'wasi-parallel-')), 'missing-dir');

const MISTAKES: [what: string, argv: string[], env: Record<string, string>, message: RegExp][] = [
  ['a device that does not exist', ['run', '--device', 'gpuu', 'examples/build/square.wasm'], {}, /--device=gpuu is neither a device kind nor a backend; available kinds: .*sequential/],
  ['a device kind nobody offers', ['run', '--device', 'fpga', 'examples/build/square.wasm'], {}, /--device=fpga: no available backend offers fpga devices/],
  ['a typo in WASI_PARALLEL_DEVICE', ['run', 'examples/build/square.wasm'], { WASI_PARALLEL_DEVICE: 'typo' }, /WASI_PARALLEL_DEVICE=typo is neither/],
  ['--device with no value before another option', ['run', '--device', '--verbose', 'examples/build/square.wasm'], {}, /--device needs a value, but the next argument is the option --verbose/],
  ['a value for a flag', ['devices', '--json=false'], {}, /--json takes no value/],
  ['an unknown option', ['run', '--nope', 'x.wasm'], {}, /unknown option --nope/],
  ['an argument to a command that takes none', ['devices', 'extra'], {}, /unexpected argument `extra`/],
  ['a kernel given to run', ['run', 'examples/build/saxpy-kernel.wasm'], {}, /saxpy-kernel.wasm is a kernel .* not a guest program/],
  ['a missing program', ['run', 'nosuch.wasm'], {}, /nosuch.wasm does not exist/],
  ['a missing --dir', ['run', '--dir', 'nosuchdir', 'examples/build/square.wasm'], {}, /--dir nosuchdir: the directory .*nosuchdir does not exist/],
  ['a missing backend package', ['devices', '--backend-package', 'nosuch-backend'], {}, /backend package `nosuch-backend` \(from --backend-package\) did not load: package `nosuch-backend` is not installed/],
  ['an unknown backend for conformance', ['conformance', '--backend', 'nope'], {}, /--backend nope: no backend of that name is registered; registered: .*sequential/],
  ['an unknown bench backend', ['bench', '--backends', 'nosuch', '--baselines', 'none'], {}, /no backend named `nosuch` is registered/],
  ['a bench output in a missing directory', ['bench', '--baselines', 'none', '--out', join(missingDir, 'x.json')], {}, /--out .*x.json: the directory .*missing-dir does not exist/],
  ['an unknown command', ['frobnicate'], {}, /unknown command `frobnicate`; see wasi-parallel --help/],
  ['no command', [], {}, /a command is needed/],
];

describe('a mistake is one line and exit 2, never a run on something else', () => {
  it.each(MISTAKES)('%s', (_what, argv, env, message) => {
    const result = cli(argv, env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/see wasi-parallel( \w+)? --help/);
  });
});

describe('--version', () => {
  it('prints the package version', () => {
    const result = cli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
