export type { ConformanceCase, ConformanceContext } from './conformance-case.js';
export type { CaseResult, CaseStatus, Expectation, Expectations } from './expectations.js';
export { formatResult } from './expectations.js';
export { conformanceCases } from './cases/index.js';
export { runConformance, openConformanceSession, runCase, type ConformanceOptions, type ConformanceSession } from './run-conformance.js';
export { assemblePrototypeGuest, type PrototypeGuest, type PrototypeGuestName } from './harness/prototype-guests.js';
