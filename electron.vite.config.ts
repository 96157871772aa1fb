import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const here = (...parts: string[]): string => resolve(root, ...parts);

const pkg = JSON.parse(readFileSync(here('package.json'), 'utf8')) as { version: string };

/**
 * The Content-Security-Policy in renderer/index.html is the production one. Vite's dev
 * server injects CSS as <style> elements (and HMR updates them), which a strict
 * `style-src 'self'` blocks, so in dev only — never in a build — allow inline styles.
 */
function devCspRelaxation(): Plugin {
  return {
    name: 'layerwise:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/style-src 'self'(?! 'unsafe-inline')/, "style-src 'self' 'unsafe-inline'");
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      rolldownOptions: {
        // web.js is `npm run web` (the browser bridge, plain Node, never imports 'electron');
        // it is built here so its `?nodeWorker` chunks are shared with the Electron main.
        input: { main: here('electron/main.ts'), web: here('electron/web/main.ts') },
      },
    },
  },
  preload: {
    define: { __LAYERWISE_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: here('out/preload'),
      rolldownOptions: {
        input: { preload: here('electron/preload.ts') },
        // A sandboxed preload must be one CommonJS file: no ESM, no chunks.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    plugins: [svelte(), devCspRelaxation()],
    // The renderer's one door into the engine (engine/index.ts): pure modules only.
    resolve: { alias: { $engine: here('engine/index.ts') } },
    // The CSP allows the HMR websocket on ws://127.0.0.1:* only, so the dev server
    // must be addressed as 127.0.0.1 (not "localhost", which may resolve to ::1).
    server: { host: '127.0.0.1' },
    build: {
      outDir: here('out/renderer'),
      rolldownOptions: {
        input: { index: here('renderer/index.html') },
      },
    },
  },
});
