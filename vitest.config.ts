import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: the engine and the main-process side run in Node; renderer component
 * tests run in jsdom with Svelte compiled for the browser. End-to-end tests in real
 * Chromium live under electron/web and renderer/e2e and run in Node, driving Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['engine/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/e2e/**/*.test.ts'],
          environment: 'node',
          // The real-MNIST accuracy tests train for minutes on two cores.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The memory tests measure the heap a run leaves behind after a full collection.
          execArgv: ['--expose-gc'],
        },
      },
      {
        plugins: [svelte(), svelteTesting()],
        // The same door as the renderer's build (electron.vite.config.ts).
        resolve: { alias: { $engine: fileURLToPath(new URL('./engine/index.ts', import.meta.url)) } },
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/test-setup.ts'],
        },
      },
    ],
  },
});
