import { defaultRegistry } from '@wasi-parallel/core';
import { backendFactory } from './fpga-sim-backend.js';

defaultRegistry.register(backendFactory);
