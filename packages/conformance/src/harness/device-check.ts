import { expectBytes } from './compare.js';
import { dispatch, type Target } from './dispatch.js';
import { VECTOR_ADD_I32, vectorAddI32Call } from './vector-add.js';
import { assemble } from './wat.js';

let round = 0;

/**
 * After a trap, a timeout or a rejected input the device must still compute correctly: runs
 * the good kernel (fresh inputs each time, so a stale result cannot pass) and checks its bytes.
 */
export async function expectDeviceWorks(target: Target, after: string): Promise<void> {
  const { call, expected } = vectorAddI32Call(await assemble('vector-add-i32', VECTOR_ADD_I32), 100, 0x5eed + round++);
  let results: Uint8Array[];
  try {
    results = await dispatch(target, call);
  } catch (error) {
    throw new Error(`after ${after}, the device failed to run a good kernel: ${(error as Error).message}`);
  }
  expectBytes(`after ${after}, the good kernel's output`, results[2]!, expected[2]!);
}
