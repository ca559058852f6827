/**
 * The guest's thread. The guest calls the ABI synchronously, but devices answer
 * asynchronously (WebGPU maps buffers with a Promise), so each ABI call posts a request to the
 * host thread and blocks on `Atomics.wait` until the answer is there to take with
 * `receiveMessageOnPort`. No Node flags are needed for either.
 */
import './quiet-experimental-warning.js';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { AbiRequest, AbiResponse } from './abi.js';
import { GUEST_IMPORT_MODULE } from './abi.js';
import { createGuestImports } from './guest-imports.js';
import type { GuestCommand, GuestMessage, GuestWorkerData } from './worker-protocol.js';

const data = workerData as GuestWorkerData;
const signal = new Int32Array(data.signal);
const post = (message: GuestMessage): void => parentPort!.postMessage(message);

const pause = new Int32Array(new SharedArrayBuffer(4));

function call(request: AbiRequest): AbiResponse {
  Atomics.store(signal, 0, 0);
  data.abiPort.postMessage(request);
  Atomics.wait(signal, 0, 0);
  // The answer is posted before the signal is raised; should the port not show it yet, wait a
  // millisecond at a time rather than read nothing.
  for (;;) {
    const answer = receiveMessageOnPort(data.abiPort);
    if (answer) return answer.message as AbiResponse;
    Atomics.wait(pause, 0, 0, 1);
  }
}

// Loaded only now: a static import would load it, and warn, before the filter above exists.
const { WASI } = await import('node:wasi');
const wasi = new WASI({
  version: 'preview1',
  args: [...data.args],
  env: { ...data.env },
  preopens: { ...data.preopens },
  returnOnExit: true,
});

let instance: WebAssembly.Instance;
const memory = (): WebAssembly.Memory => instance.exports.memory as WebAssembly.Memory;
const imports: WebAssembly.Imports = {
  ...(wasi.getImportObject() as WebAssembly.Imports),
  [GUEST_IMPORT_MODULE]: createGuestImports({
    call,
    memory,
    onError: (functionName, code, message) => post({ type: 'abi-error', functionName, code, message }),
  }),
};
instance = new WebAssembly.Instance(data.module, imports);
let initialised = false;

parentPort!.on('message', (command: GuestCommand) => {
  try {
    let value: unknown;
    if (command.type === 'start') {
      initialised = true;
      value = wasi.start(instance);
    } else {
      if (!initialised) {
        // A reactor (or a command invoked export by export) still needs WASI's memory binding.
        initialised = true;
        if (typeof instance.exports._initialize === 'function') wasi.initialize(instance);
        else (wasi as unknown as { initialize(i: object): void }).initialize({ exports: { memory: memory() } });
      }
      const fn = instance.exports[command.name];
      if (typeof fn !== 'function') throw new Error(`the guest exports no function named \`${command.name}\``);
      value = (fn as (...args: unknown[]) => unknown)(...command.args);
    }
    post({ type: 'result', id: command.id, value });
  } catch (error) {
    post({ type: 'failure', id: command.id, message: (error as Error).message, trap: error instanceof WebAssembly.RuntimeError });
  }
});

post({
  type: 'ready',
  memory: memory()?.buffer instanceof SharedArrayBuffer ? memory() : undefined,
  exports: Object.keys(instance.exports),
});
