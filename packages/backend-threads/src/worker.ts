import { expose } from 'threads/worker';
import { Command, ControlBlock, Loop, Word } from './control-block.js';
import { STACK_POINTER_EXPORT } from '@wasi-parallel/core';
import { DRIVER_IMPORT } from './wasm/driver-module.js';
import type { LoadResult, SlotPayload, WorkerApi } from './worker-protocol.js';

type KernelFunction = (...args: number[]) => void;

/** One kernel instantiated over one memory, kept while the kernel is reused. */
interface Slot {
  readonly kernel: KernelFunction;
  readonly run: KernelFunction;
  readonly current: WebAssembly.Global;
  readonly stackPointer: WebAssembly.Global | undefined;
  readonly stackTop: number | undefined;
}

let index = -1;
let control: ControlBlock | undefined;
const slots = new Map<number, Slot>();

function isTrap(error: unknown): boolean {
  // A wasm stack overflow surfaces as RangeError; for the caller it is a trap like any other.
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

function load(payload: SlotPayload): LoadResult {
  try {
    const imports = { [payload.memoryModule]: { [payload.memoryField]: payload.memory } };
    const instance = new WebAssembly.Instance(payload.kernel, imports);
    const kernel = instance.exports.kernel as KernelFunction;
    const driver = new WebAssembly.Instance(payload.driver, { [DRIVER_IMPORT.module]: { [DRIVER_IMPORT.field]: kernel } });
    const stackPointer = instance.exports[STACK_POINTER_EXPORT] as WebAssembly.Global | undefined;
    if (stackPointer && payload.stackTop !== undefined) stackPointer.value = payload.stackTop;
    slots.set(payload.slot, {
      kernel,
      run: driver.exports.run as KernelFunction,
      current: driver.exports.current as WebAssembly.Global,
      stackPointer,
      stackTop: payload.stackTop,
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, trapped: isTrap(error), message: (error as Error).message };
  }
}

/** Counts chunks as finished; whoever completes the call wakes the main thread. */
function finish(words: Int32Array, chunks: number, numChunks: number): void {
  if (Atomics.add(words, Word.FINISHED, chunks) + chunks === numChunks) Atomics.notify(words, Word.FINISHED);
}

/** Claims chunks from the shared counter until none is left. */
function runCall(block: ControlBlock): void {
  const words = block.words;
  const own = block.layout.workerWord(index);
  const numChunks = words[Word.NUM_CHUNKS]!;
  const slot = slots.get(words[Word.SLOT]!);
  if (!slot) {
    const abandoned = block.recordFailure(index, 0, false, `worker ${index} has no kernel in slot ${words[Word.SLOT]}`);
    finish(words, abandoned, numChunks);
    return;
  }
  // Main skips the wake-up when a worker was polling, so whoever arrives first wakes the rest
  // when there is work for them (cheap when nobody sleeps: no syscall).
  if (numChunks > 1) Atomics.notify(words, Word.GENERATION);
  const numIterations = words[Word.NUM_ITERATIONS]! >>> 0;
  const chunk = words[Word.CHUNK]! >>> 0;
  const jsLoop = words[Word.LOOP] === Loop.JS_LOOP;
  // run(start, end, N, blockSize, ptr0, len0, …) and kernel(i, N, blockSize, ptr0, len0, …)
  const args = [0, 0, numIterations, words[Word.BLOCK_SIZE]! >>> 0];
  for (let j = 0, argc = words[Word.ARG_COUNT]!; j < argc; j++) args.push(words[Word.ARGS + j]!);
  const kernelArgs = args.slice(1);
  for (;;) {
    const next = Atomics.add(words, Word.NEXT_CHUNK, 1);
    if (next >= numChunks) return;
    const start = next * chunk;
    const end = Math.min(numIterations, start + chunk);
    words[own + 1] = next + 1;
    let iteration = start;
    try {
      if (jsLoop) {
        for (; iteration < end; iteration++) {
          kernelArgs[0] = iteration;
          slot.kernel(...kernelArgs);
        }
      } else {
        args[0] = start;
        args[1] = end;
        slot.run(...args);
      }
    } catch (error) {
      if (!jsLoop) iteration = (slot.current.value as number) >>> 0;
      const abandoned = block.recordFailure(index, iteration, isTrap(error), (error as Error).message);
      // The trap left the frame's stack pointer moved down; start the next call from the top.
      if (slot.stackPointer && slot.stackTop !== undefined) slot.stackPointer.value = slot.stackTop;
      words[own] = words[own]! + (iteration - start);
      words[own + 1] = 0;
      finish(words, 1 + abandoned, numChunks);
      return;
    }
    words[own] = words[own]! + (end - start);
    words[own + 1] = 0;
    finish(words, 1, numChunks);
  }
}

/** A generation the worker may act on: new, and not in the middle of being written. */
function isPublished(generation: number, seen: number): boolean {
  return generation !== seen && (generation & 1) === 0;
}

function serve(seen: number, spinMs: number): 'parked' {
  const block = control!;
  const words = block.words;
  for (;;) {
    let generation = Atomics.load(words, Word.GENERATION);
    if (!isPublished(generation, seen)) {
      // One idle worker polls for a while, so a caller issuing calls back to back finds it
      // awake (a futex wake-up costs tens of µs); the others sleep, leaving the cores to the
      // caller. Polling with every worker would oversubscribe a small machine.
      if (Atomics.compareExchange(words, Word.SPINNER, 0, 1) === 0) {
        const until = performance.now() + spinMs;
        while (!isPublished((generation = Atomics.load(words, Word.GENERATION)), seen) && performance.now() < until);
        Atomics.store(words, Word.SPINNER, 0);
      }
      while (!isPublished(generation, seen)) {
        Atomics.wait(words, Word.GENERATION, generation);
        generation = Atomics.load(words, Word.GENERATION);
      }
    }
    // Enter the call, then check main has not started rewriting it meanwhile (seqlock).
    Atomics.add(words, Word.ACTIVE, 1);
    if (Atomics.load(words, Word.GENERATION) !== generation) {
      Atomics.sub(words, Word.ACTIVE, 1);
      continue;
    }
    seen = generation;
    const command = words[Word.COMMAND];
    if (command === Command.RUN) runCall(block);
    if (Atomics.sub(words, Word.ACTIVE, 1) === 1) Atomics.notify(words, Word.ACTIVE);
    if (command === Command.PARK) return 'parked';
  }
}

const api: WorkerApi = {
  init(workerIndex, buffer, workers) {
    index = workerIndex;
    control = new ControlBlock(buffer, workers);
  },
  load,
  drop(dropped) {
    for (const slot of dropped) slots.delete(slot);
  },
  serve,
};

expose(api as unknown as Record<string, (...args: any[]) => any>);
