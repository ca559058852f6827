import type { ConformanceCase } from '../conformance-case.js';
import { arithmeticCases } from './arithmetic.js';
import { badInputCases } from './bad-input.js';
import { badKernelCases } from './bad-kernel.js';
import { bufferCases } from './buffers.js';
import { f64OperationCases } from './f64.js';
import { featureGateCases } from './feature-gate.js';
import { floatExactCases } from './float-exact.js';
import { floatCases } from './float.js';
import { guestCases } from './guest.js';
import { integerCases } from './integer.js';
import { isolationCases } from './isolation.js';
import { laneCases } from './lanes.js';
import { iterationSpaceCases } from './iteration-space.js';
import { memoryCases } from './memory.js';
import { timeoutCases } from './timeout.js';
import { trapCases } from './traps.js';

/** Every case, in the order they run; ids are stable (expectations files key on them). */
export const conformanceCases: readonly ConformanceCase[] = Object.freeze([
  ...arithmeticCases,
  ...iterationSpaceCases,
  ...bufferCases,
  ...integerCases,
  ...floatCases,
  ...floatExactCases,
  ...f64OperationCases,
  ...memoryCases,
  ...isolationCases,
  ...laneCases,
  ...trapCases,
  ...badInputCases,
  ...badKernelCases,
  ...featureGateCases,
  ...timeoutCases,
  ...guestCases,
]);
