import { instantiateGuest } from '@wasi-parallel/core/guest';
import type { ConformanceCase, ConformanceContext } from '../conformance-case.js';
import { assemblePrototypeGuest } from '../harness/prototype-guests.js';
import { requiresFeatures } from '../harness/requires.js';

/** Runs `body` on a guest served by the host under test, and ends the guest whatever happens. */
async function withGuest(context: ConformanceContext, bytes: Uint8Array, body: (guest: Awaited<ReturnType<typeof instantiateGuest>>) => Promise<void>): Promise<void> {
  const abiErrors: string[] = [];
  const guest = await instantiateGuest(bytes, { host: context.host, onAbiError: (name, code, message) => abiErrors.push(`${name} → ${code}: ${message}`) });
  try {
    await body(guest);
  } catch (error) {
    throw new Error(`${(error as Error).message}${abiErrors.length ? `; the guest's failed ABI calls: ${abiErrors.join('; ')}` : ''}`);
  } finally {
    await guest.terminate();
  }
}

async function expectInvoke(guest: Awaited<ReturnType<typeof instantiateGuest>>, name: string, expected: number, ...args: number[]): Promise<void> {
  const [result] = await guest.invoke(name, ...args);
  if (result !== expected) throw new Error(`the guest's \`${name}(${args.join(', ')})\` returned ${String(result)}, expected ${expected}`);
}

/**
 * Whole guests written like the 2022 prototype's test programs, run through the guest ABI on
 * the device under test: what existing programs rely on, end to end.
 */
export const guestCases: readonly ConformanceCase[] = [
  {
    id: 'guest/square',
    title: 'a WAT guest using the prototype’s import shapes (kernel memory imported as `""."memory"`, output buffers written before use) exits 0',
    async run(context) {
      const { guest } = await assemblePrototypeGuest('square');
      await withGuest(context, guest, async (instance) => {
        const code = await instance.start();
        if (code !== 0) throw new Error(`the guest exited ${code} (1, 2: a wrong result; 100 + n: an ABI call returned n)`);
      });
    },
  },
  {
    id: 'guest/fixed-memory-kernel',
    title: 'nstream, a reactor guest driven export by export whose kernel imports a fixed shared memory as large as the guest’s (2048 pages): setup, execute twice, finish',
    requires: requiresFeatures('f32'),
    async run(context) {
      const { guest } = await assemblePrototypeGuest('nstream');
      await withGuest(context, guest, async (instance) => {
        await instance.invoke('setup', 8, 20_000, context.device.kind);
        for (let run = 1; run <= 2; run++) {
          await expectInvoke(instance, 'execute', 0);
          await expectInvoke(instance, 'finish', 0);
        }
      });
    },
  },
];
