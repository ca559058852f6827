import { defineConfig } from 'vitest/config';

// The test builds a generated package and runs the whole conformance suite on it.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 300_000 } });
