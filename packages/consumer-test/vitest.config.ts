import { defineConfig } from 'vitest/config';

// Installing from tarballs takes a while on a shared machine; nothing here measures time.
export default defineConfig({ test: { testTimeout: 300_000, hookTimeout: 600_000 } });
