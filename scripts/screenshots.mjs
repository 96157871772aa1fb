#!/usr/bin/env node
// `npm run screenshots`: rebuild, then run the end-to-end test with its screenshots going to
// docs/screenshots (the README's pictures) instead of out/screenshots.
import { spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const env = { ...process.env, LAYERWISE_SCREENSHOTS: 'docs' };
for (const args of [['electron-vite', 'build'], ['vitest', 'run', 'renderer/e2e']]) {
  const r = spawnSync(npx, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
