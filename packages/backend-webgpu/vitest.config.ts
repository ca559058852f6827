import { defineConfig } from 'vitest/config';

// One file at a time: every file drives a software GPU (SwiftShader, llvmpipe) that takes all
// the cores it finds; side by side they only slow each other past the timeouts.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } });
