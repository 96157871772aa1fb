import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'electron/**/*.test.ts'],
    environment: 'node',
    // The real-MNIST accuracy tests train for minutes on two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
