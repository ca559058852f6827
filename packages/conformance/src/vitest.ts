// The vitest entry (`@wasi-parallel/conformance/vitest`): the only module of this package that
// imports vitest, so the main entry, which the CLI loads, needs no test runner installed.
export { describeConformance } from './describe-conformance.js';
